#!/usr/bin/env bash
# Times binlogkit and the other binlog readers on the same file, in one run, page cache warm, each
# as a fresh process (never part of CI).
#
# Usage: benchmarks/compare.sh [FILE]
#   FILE  default $BINLOGKIT_BENCH_FILE, else ~/.cache/binlogkit/big-row.000001
#         (made by testdata/make-big-binlog.sh)
# Environment:
#   N=3                      runs per tool; the best wall time is kept (with its peak RSS)
#   CONNECTOR_JAVA_OPTS=...  JVM options for the connector-java reader (default: none, the JVM's
#                            defaults, as its users run it)
#   DECODE_JAVA_OPTS=...     JVM options for DecodeAll (default: the flags bin/launch.sh uses)
#
# Prints one table: tool, best wall seconds, peak RSS (MB) of that run, and the ratio
# "tool seconds / seconds of binlogkit's counterpart" (> 1: binlogkit is that many times faster).
# A tool that is missing or fails prints "n/a (reason)". Peak RSS comes from /usr/bin/time -v when
# installed, else from VmHWM in /proc/PID/status polled every 10 ms (a lower bound).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/bin/jdk.sh"
FILE=${1:-${BINLOGKIT_BENCH_FILE:-$HOME/.cache/binlogkit/big-row.000001}}
N=${N:-3}
[[ -f $FILE ]] || { echo "compare.sh: no such file: $FILE (run testdata/make-big-binlog.sh)" >&2; exit 3; }
FILE=$(readlink -f "$FILE")

echo "compare.sh: building cli and benchmarks..." >&2
(cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl cli,benchmarks -am >&2)
touch "$ROOT/cli/target/lib/.built"   # the launcher must not rebuild inside a timed run
BENCH_CP="$ROOT/benchmarks/target/classes:$ROOT/benchmarks/target/lib/*"
DECODE_JAVA_OPTS=${DECODE_JAVA_OPTS:---enable-native-access=ALL-UNNAMED -XX:+UseSerialGC}
CONNECTOR_JAVA_OPTS=${CONNECTOR_JAVA_OPTS:-}
BINLOG="$ROOT/bin/binlog"
MARIADB_BINLOG=$(command -v mariadb-binlog || command -v mysqlbinlog || true)

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# One warm-up of every reader's input and of the launcher (AOT cache creation, if any).
cat "$FILE" > /dev/null
cat "$FILE" > /dev/null
"$BINLOG" --help > /dev/null 2>&1 || true

declare -A SECS RSS WHY
ORDER=()

# measure_once OUT_TIME OUT_RSS CMD...: runs CMD with stdout to /dev/null; returns its exit status.
measure_once() {
  local tfile=$TMP/time rc=0
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%e %M' -o "$tfile" "${@:3}" > /dev/null 2> "$TMP/err" || rc=$?
    read -r "$1" "$2" < <(tail -n 1 "$tfile")
  else
    local t0 t1 pid hwm=0 h
    t0=$(date +%s.%N)
    "${@:3}" > /dev/null 2> "$TMP/err" &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      h=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
      [[ -n $h ]] && ((h > hwm)) && hwm=$h
      sleep 0.01
    done
    wait "$pid" || rc=$?
    t1=$(date +%s.%N)
    printf -v "$1" '%s' "$(echo "$t1 - $t0" | bc)"
    printf -v "$2" '%s' "$hwm"
  fi
  return $rc
}

# run NAME CMD...: best wall time of N runs.
run() {
  local name=$1 best="" bestrss="" s r i rc
  shift
  ORDER+=("$name")
  for ((i = 0; i < N; i++)); do
    rc=0
    measure_once s r "$@" || rc=$?
    if ((rc != 0)); then
      WHY[$name]="exit $rc: $(head -n 1 "$TMP/err" | cut -c1-60)"
      echo "  $name: failed ($(head -n 1 "$TMP/err"))" >&2
      return 0
    fi
    echo "  $name: ${s} s, $((r / 1024)) MB" >&2
    if [[ -z $best ]] || (($(echo "$s < $best" | bc))); then
      best=$s
      bestrss=$r
    fi
  done
  SECS[$name]=$best
  RSS[$name]=$((bestrss / 1024))
}

skip() { # NAME REASON
  ORDER+=("$1")
  WHY[$1]=$2
}

echo "compare.sh: $FILE ($(stat -c %s "$FILE") bytes), best of $N, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
run "cat > /dev/null" cat "$FILE"
run "binlog ls (framing + CRC32)" "$BINLOG" ls "$FILE"
run "binlog events (table, the default)" "$BINLOG" events "$FILE"
run "binlog events --format tsv" "$BINLOG" events --format tsv "$FILE"
run "binlog events --format json" "$BINLOG" events --format json "$FILE"
# shellcheck disable=SC2086
run "DecodeAll (binlogkit full row decode)" "$JAVA" $DECODE_JAVA_OPTS -cp "$BENCH_CP" io.binlogkit.benchmarks.DecodeAll "$FILE"
# shellcheck disable=SC2086
run "connector-java 0.30.1 (rows)" "$JAVA" $CONNECTOR_JAVA_OPTS -cp "$BENCH_CP" io.binlogkit.benchmarks.ConnectorJavaReader "$FILE"
if [[ -n $MARIADB_BINLOG ]]; then
  run "mariadb-binlog" "$MARIADB_BINLOG" "$FILE"
  run "mariadb-binlog --base64-output=decode-rows -v" "$MARIADB_BINLOG" --base64-output=decode-rows -v "$FILE"
else
  skip "mariadb-binlog" "n/a (mariadb-binlog / mysqlbinlog not on the PATH)"
  skip "mariadb-binlog --base64-output=decode-rows -v" "n/a (mariadb-binlog / mysqlbinlog not on the PATH)"
fi
if "$BINLOG" dump --help > /dev/null 2>&1; then
  run "binlog dump" "$BINLOG" dump "$FILE"
  run "binlog dump --base64-output=decode-rows -v" "$BINLOG" dump --base64-output=decode-rows -v "$FILE"
else
  skip "binlog dump" "n/a (no 'binlog dump' command in this build)"
  skip "binlog dump --base64-output=decode-rows -v" "n/a (no 'binlog dump' command in this build)"
fi
echo "compare.sh: done, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# The binlogkit row each tool is compared with.
declare -A VS=(
  ["cat > /dev/null"]="binlog ls (framing + CRC32)"
  ["binlog ls (framing + CRC32)"]="binlog ls (framing + CRC32)"
  ["binlog events (table, the default)"]="binlog events (table, the default)"
  ["binlog events --format tsv"]="binlog events --format tsv"
  ["binlog events --format json"]="binlog events --format json"
  ["DecodeAll (binlogkit full row decode)"]="DecodeAll (binlogkit full row decode)"
  ["connector-java 0.30.1 (rows)"]="DecodeAll (binlogkit full row decode)"
  ["mariadb-binlog"]="binlog dump"
  ["mariadb-binlog --base64-output=decode-rows -v"]="binlog dump --base64-output=decode-rows -v"
  ["binlog dump"]="binlog dump"
  ["binlog dump --base64-output=decode-rows -v"]="binlog dump --base64-output=decode-rows -v"
)

echo
echo "file: $FILE, $(stat -c %s "$FILE") bytes; best of $N; $(nproc) cores; $(java_version=$("$JAVA" -version 2>&1 | head -n 1); echo "$java_version")"
printf '| %-46s | %8s | %12s | %-62s |\n' "tool" "seconds" "peak RSS MB" "ratio: tool / binlogkit counterpart"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..48})" "$(printf -- '-%.0s' {1..9})-" "$(printf -- '-%.0s' {1..13})-" "$(printf -- '-%.0s' {1..64})"
for name in "${ORDER[@]}"; do
  if [[ -n ${WHY[$name]:-} ]]; then
    printf '| %-46s | %8s | %12s | %-62s |\n' "$name" "n/a" "n/a" "${WHY[$name]}"
    continue
  fi
  vs=${VS[$name]}
  if [[ $vs == "$name" ]]; then
    ratio="1.00 (binlogkit)"
  elif [[ -n ${SECS[$vs]:-} ]]; then
    ratio="$(echo "scale=2; ${SECS[$name]} / ${SECS[$vs]}" | bc | sed 's/^\./0./') vs $vs"
  else
    ratio="n/a ('$vs' not run)"
  fi
  printf '| %-46s | %8s | %12s | %-62s |\n' "$name" "${SECS[$name]}" "${RSS[$name]}" "$ratio"
done
