#!/usr/bin/env bash
# `binlog dump` against `mariadb-binlog` on every workload shape of the corpus
# (testdata/make-corpus.sh), in one run: fresh processes, page cache warm, each tool and mode
# interleaved round by round, output to /dev/null and through a pipe (never part of CI).
#
# Usage: benchmarks/compare-shapes.sh [SHAPE...]     (default: every shape found in the corpus)
# Environment:
#   BINLOGKIT_CORPUS=DIR   the corpus (default $HOME/.cache/binlogkit/corpus): DIR/SHAPE/* files,
#                          all files of a shape given to one invocation, as a list
#   N=3                    rounds
#   ALL_TOOLS=1            also run benchmarks/compare.sh (every reader: connector-java, DecodeAll,
#                          binlog events/ls, ...) on each single-file shape
#
# Before timing anything, every shape's output of `binlog dump` and of
# `binlog dump --base64-output=decode-rows -v` is compared with mariadb-binlog's (TZ=UTC): a shape
# whose output differs gets no ratio ("DIFFERS"), and the script exits 1 at the end.
# Prints, per shape: the seconds (best and median of N) of each tool and mode, to /dev/null and
# through a pipe (`| cat > /dev/null`, as `binlog dump | mariadb` reads it), the ratio
# mariadb-binlog / binlog dump (> 1: binlogkit faster), and `cat` / `binlog ls` of the same bytes;
# at the end the minimum ratio across shapes for each mode and sink.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/bin/jdk.sh"
CORPUS=${BINLOGKIT_CORPUS:-$HOME/.cache/binlogkit/corpus}
N=${N:-3}
export TZ=UTC
die() { echo "compare-shapes.sh: $1" >&2; exit "${2:-1}"; }
[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a positive number, not '$N'" 2
MARIADB_BINLOG=$(command -v mariadb-binlog || true)
[[ -n $MARIADB_BINLOG ]] || die "mariadb-binlog is not installed (Debian package mariadb-client)" 3
[[ -d $CORPUS ]] || die "no corpus in $CORPUS (run testdata/make-corpus.sh)" 3

SHAPES=("$@")
if ((${#SHAPES[@]} == 0)); then
  for d in "$CORPUS"/*/; do SHAPES+=("$(basename "$d")"); done
fi
declare -A FILES
for s in "${SHAPES[@]}"; do
  mapfile -t fs < <(find "$CORPUS/$s" -maxdepth 1 -type f -name "$s.[0-9]*" | sort)
  ((${#fs[@]})) || die "no files in $CORPUS/$s" 3
  FILES[$s]="${fs[*]}"
done

echo "compare-shapes.sh: building cli..." >&2
(cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl cli -am >&2)
touch "$ROOT/cli/target/lib/.built" # the launcher must not rebuild inside a timed run
BINLOG="$ROOT/bin/binlog"
"$BINLOG" --help > /dev/null 2>&1 || true
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# wall SINK CMD...: seconds of CMD with stdout to /dev/null (SINK=null) or through a pipe (pipe).
wall() {
  local sink=$1 t0 t1
  shift
  t0=$(date +%s%N)
  if [[ $sink == null ]]; then "$@" > /dev/null; else "$@" | cat > /dev/null; fi
  t1=$(date +%s%N)
  echo "scale=3; ($t1 - $t0) / 1000000000" | bc | sed 's/^\./0./'
}
stats() { # numbers... -> "best median" (the median of an even count: the mean of the middle two)
  printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END {
    m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "%s %.3f", a[1], m }'
}

MODES=("default" "-v")
declare -A SAME MIN_RATIO
FAILED=0
echo
echo "corpus: $CORPUS; $N rounds; $(nproc) cores; $(head -n 1 /proc/meminfo | tr -s ' '); $("$JAVA" -version 2>&1 | head -n 1); $("$MARIADB_BINLOG" --version)"
for s in "${SHAPES[@]}"; do
  read -r -a files <<< "${FILES[$s]}"
  bytes=$(cat "${files[@]}" | wc -c)
  cat "${files[@]}" > /dev/null # page cache warm
  for m in "${MODES[@]}"; do
    args=()
    [[ $m == -v ]] && args=(--base64-output=decode-rows -v)
    a=$("$BINLOG" dump "${args[@]}" "${files[@]}" | md5sum)
    b=$("$MARIADB_BINLOG" "${args[@]}" "${files[@]}" | md5sum)
    SAME[$s $m]=$([[ $a == "$b" ]] && echo yes || echo no)
    if [[ ${SAME[$s $m]} == no ]]; then
      echo "compare-shapes.sh: $s ($m): the output differs from mariadb-binlog's; no ratio" >&2
      FAILED=1
    fi
  done
  declare -A T=()
  for ((i = 0; i < N; i++)); do
    echo "compare-shapes.sh: $s round $((i + 1))/$N, load $(cut -d' ' -f1 /proc/loadavg)" >&2
    T[cat]+=" $(wall null cat "${files[@]}")"
    T[ls]+=" $(wall null "$BINLOG" ls "${files[@]}")"
    for m in "${MODES[@]}"; do
      args=()
      [[ $m == -v ]] && args=(--base64-output=decode-rows -v)
      for sink in null pipe; do
        # the tool that goes first alternates from round to round
        if ((i % 2 == 0)); then
          T[bk $m $sink]+=" $(wall $sink "$BINLOG" dump "${args[@]}" "${files[@]}")"
          T[mb $m $sink]+=" $(wall $sink "$MARIADB_BINLOG" "${args[@]}" "${files[@]}")"
        else
          T[mb $m $sink]+=" $(wall $sink "$MARIADB_BINLOG" "${args[@]}" "${files[@]}")"
          T[bk $m $sink]+=" $(wall $sink "$BINLOG" dump "${args[@]}" "${files[@]}")"
        fi
      done
    done
  done
  echo
  echo "### $s: ${#files[@]} file(s), $bytes bytes"
  echo
  echo "| mode | output | mariadb-binlog s (best, median) | binlog dump s (best, median) | speed-up (best, median) |"
  echo "|---|---|---|---|---|"
  for m in "${MODES[@]}"; do
    for sink in null pipe; do
      read -r mbb mbm <<< "$(stats ${T[mb $m $sink]})"
      read -r bkb bkm <<< "$(stats ${T[bk $m $sink]})"
      if [[ ${SAME[$s $m]} == yes ]]; then
        rb=$(echo "scale=2; $mbb / $bkb" | bc | sed 's/^\./0./')
        rm=$(echo "scale=2; $mbm / $bkm" | bc | sed 's/^\./0./')
        key="$m $sink"
        if [[ -z ${MIN_RATIO[$key]:-} ]] || (($(echo "$rb < ${MIN_RATIO[$key]%% *}" | bc))); then
          MIN_RATIO[$key]="$rb ($s)"
        fi
        ratio="${rb}x, ${rm}x"
      else
        ratio="DIFFERS"
      fi
      echo "| ${m/default/dump} | $([[ $sink == null ]] && echo /dev/null || echo pipe) | $mbb, $mbm | $bkb, $bkm | $ratio |"
    done
  done
  read -r cb cm <<< "$(stats ${T[cat]})"
  read -r lb lm <<< "$(stats ${T[ls]})"
  echo
  echo "cat: $cb s (median $cm); binlog ls: $lb s (median $lm), $(echo "scale=2; $lb * 1073741824 / $bytes" | bc | sed 's/^\./0./') s per GiB"
  if [[ ${ALL_TOOLS:-0} == 1 && ${#files[@]} == 1 ]]; then
    N=$N "$ROOT/benchmarks/compare.sh" "${files[0]}"
  fi
done
echo
echo "### Minimum speed-up across shapes (best against best)"
echo
for m in "${MODES[@]}"; do
  for sink in null pipe; do
    echo "- ${m/default/dump}, $([[ $sink == null ]] && echo /dev/null || echo pipe): ${MIN_RATIO[$m $sink]:-n/a}"
  done
done
exit $FAILED
