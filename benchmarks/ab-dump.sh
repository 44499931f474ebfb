#!/usr/bin/env bash
# Before/after timing of `binlog dump` on a noisy machine: another build of binlogkit (OLD_ROOT, e.g.
# `git archive <commit> | tar -x -C /tmp/old` and one `bin/binlog --help` there to build it), this
# checkout and mariadb-binlog, interleaved round by round so that load spikes hit all three alike.
# Fresh processes, stdout to /dev/null, page cache warm (never part of CI).
#
# Usage: benchmarks/ab-dump.sh OLD_ROOT [FILE]      Environment: N=5 rounds
# Prints the best and the median wall seconds of each, for the default output and for
# `--base64-output=decode-rows -v`.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
OLD=${1:?usage: ab-dump.sh OLD_ROOT [FILE]}
FILE=${2:-${BINLOGKIT_BENCH_FILE:-$HOME/.cache/binlogkit/big-row.000001}}
N=${N:-5}
export TZ=UTC
"$OLD/bin/binlog" dump --help > /dev/null
"$ROOT/bin/binlog" dump --help > /dev/null
cat "$FILE" > /dev/null
for args in "" "--base64-output=decode-rows -v"; do
  declare -A all=()
  for ((i = 0; i < N; i++)); do
    for tool in old new mariadb-binlog; do
      case $tool in
        old) cmd=("$OLD/bin/binlog" dump) ;;
        new) cmd=("$ROOT/bin/binlog" dump) ;;
        *) cmd=(mariadb-binlog --no-defaults) ;;
      esac
      t0=$(date +%s.%N)
      # shellcheck disable=SC2086
      "${cmd[@]}" $args "$FILE" > /dev/null
      t1=$(date +%s.%N)
      all[$tool]+="$(echo "$t1 - $t0" | bc -l) "
    done
  done
  for tool in old new mariadb-binlog; do
    # shellcheck disable=SC2086
    printf '%-32s %-15s %s\n' "${args:-(default)}" "$tool" "$(printf '%s\n' ${all[$tool]} | sort -n |
      awk '{a[NR] = $1} END {printf "best %.3f s  median %.3f s", a[1], a[int((NR + 1) / 2)]}')"
  done
  unset all
done
