#!/usr/bin/env bash
# Times `binlog dump` against `mariadb-binlog` on the same file, in one run, page cache warm, each
# run a fresh process with stdout to /dev/null (never part of CI).
#
# Usage: benchmarks/compare-dump.sh [FILE]
#   FILE  default $BINLOGKIT_BENCH_FILE, else ~/.cache/binlogkit/big-row.000001
#         (made by testdata/make-big-binlog.sh)
# Environment: N=3 runs per command, the best wall time is kept.
#
# Prints, for the default output and for `--base64-output=decode-rows -v`: the best seconds of
# each tool and the ratio mariadb-binlog / binlog dump (> 1: binlog dump is that many times faster).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
FILE=${1:-${BINLOGKIT_BENCH_FILE:-$HOME/.cache/binlogkit/big-row.000001}}
N=${N:-3}
[[ -f $FILE ]] || { echo "compare-dump.sh: no such file: $FILE (run testdata/make-big-binlog.sh)" >&2; exit 3; }
FILE=$(readlink -f "$FILE")
MARIADB_BINLOG=$(command -v mariadb-binlog || true)
[[ -n $MARIADB_BINLOG ]] || { echo "compare-dump.sh: mariadb-binlog not installed" >&2; exit 3; }
BINLOG="$ROOT/bin/binlog"

echo "compare-dump.sh: building cli..." >&2
(cd "$ROOT" && ./bin/binlog dump --help > /dev/null)   # the launcher rebuilds when sources changed
cat "$FILE" > /dev/null
cat "$FILE" > /dev/null

# best CMD...: the best wall time in seconds of N runs (fails when a run fails)
best() {
  local b="" t0 t1 s
  for ((i = 0; i < N; i++)); do
    t0=$(date +%s.%N)
    TZ=UTC "$@" > /dev/null
    t1=$(date +%s.%N)
    s=$(echo "$t1 - $t0" | bc -l)
    if [[ -z $b ]] || (($(echo "$s < $b" | bc -l))); then b=$s; fi
  done
  printf '%.3f' "$b"
}

printf '%-45s %12s %16s %8s\n' "variant" "binlog dump" "mariadb-binlog" "ratio"
for args in "" "--base64-output=decode-rows -v"; do
  # shellcheck disable=SC2086
  ours=$(best "$BINLOG" dump $args "$FILE")
  # shellcheck disable=SC2086
  theirs=$(best "$MARIADB_BINLOG" --no-defaults $args "$FILE")
  ratio=$(echo "$theirs / $ours" | bc -l)
  printf '%-45s %11ss %15ss %7.2fx\n' "${args:-(default)}" "$ours" "$theirs" "$ratio"
done
echo "file: $FILE ($(stat -c %s "$FILE") bytes), best of $N, $(nproc) cores" >&2
