#!/usr/bin/env bash
# Memory test: peak RSS of binlogkit's full decode (DecodeAll), `binlog dump` (default and -v) and
# connector-java on a binlog, and a binlog with one transaction of > 512 MiB of row events decoded
# and dumped under -Xmx256m.
#
# Usage: benchmarks/memory-test.sh [BIG_FILE [BIG_TXN_FILE]]
#   BIG_FILE      default ~/.cache/binlogkit/big-row.000001 (testdata/make-big-binlog.sh)
#   BIG_TXN_FILE  default ~/.cache/binlogkit/big-txn.000001 (benchmarks/make-big-transaction.sh,
#                 made here when missing)
#
# Peak RSS is split the way /proc/PID/status reports it (sampled every 20 ms): RssAnon is the
# process's own memory (heap, JIT, metaspace, buffers), RssFile the pages of the memory-mapped
# binlog (page cache shared with every reader of the file, dropped by the kernel under pressure),
# VmHWM the kernel's peak total. A JVM that runs out of heap exits non-zero: that is a failure here.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/bin/jdk.sh"
BIG=${1:-$HOME/.cache/binlogkit/big-row.000001}
TXN=${2:-$HOME/.cache/binlogkit/big-txn.000001}
[[ -f $TXN ]] || "$ROOT/benchmarks/make-big-transaction.sh" "$TXN"
(cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl benchmarks -am >&2)
CP="$ROOT/benchmarks/target/classes:$ROOT/benchmarks/target/lib/*"

# peak NAME CMD...: runs CMD, prints NAME, exit status, wall seconds and peak memory (MB)
peak() {
  local name=$1 pid rc=0 anon=0 file=0 hwm=0 a f h t0 t1
  shift
  t0=$(date +%s.%N)
  "$@" > /tmp/memtest.$$.out 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    read -r a f h < <(awk '/^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 } /^VmHWM:/ { h = $2 }
                           END { print a + 0, f + 0, h + 0 }' "/proc/$pid/status" 2>/dev/null || echo "0 0 0")
    ((a > anon)) && anon=$a
    ((f > file)) && file=$f
    ((h > hwm)) && hwm=$h
    sleep 0.02
  done
  wait "$pid" || rc=$?
  t1=$(date +%s.%N)
  printf '| %-52s | %4s | %6.2f | %8d | %8d | %8d |\n' "$name" "$rc" "$(echo "$t1 - $t0" | bc)" \
    $((hwm / 1024)) $((anon / 1024)) $((file / 1024))
  tail -n 1 /tmp/memtest.$$.out | cut -c1-160 | sed "s/^/    /" >&2
  rm -f /tmp/memtest.$$.out
}

echo "big: $BIG ($(stat -c %s "$BIG") bytes); one-transaction: $TXN ($(stat -c %s "$TXN") bytes)"
cat "$BIG" "$TXN" > /dev/null
printf '| %-52s | %4s | %6s | %8s | %8s | %8s |\n' run exit wall_s VmHWM_MB anon_MB file_MB
printf '|%s|------|--------|----------|----------|----------|\n' "$(printf -- '-%.0s' {1..54})"
peak "DecodeAll big (launcher flags)" "$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC \
  -cp "$CP" io.binlogkit.benchmarks.DecodeAll "$BIG"
peak "connector-java big (JVM defaults)" "$JAVA" -cp "$CP" io.binlogkit.benchmarks.ConnectorJavaReader "$BIG"
peak "DecodeAll one-transaction, -Xmx256m" "$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC \
  -Xmx256m -cp "$CP" io.binlogkit.benchmarks.DecodeAll "$TXN"
peak "connector-java one-transaction, -Xmx256m" "$JAVA" -Xmx256m -cp "$CP" \
  io.binlogkit.benchmarks.ConnectorJavaReader "$TXN"
peak "binlog events one-transaction, -Xmx256m" env BINLOGKIT_JAVA_OPTS=-Xmx256m "$ROOT/bin/binlog" \
  events --format tsv "$TXN"
# binlog dump writes gigabytes: its output goes to /dev/null (the launcher execs java: same pid)
peak "binlog dump big (launcher)" sh -c 'exec "$0" dump "$1" > /dev/null' "$ROOT/bin/binlog" "$BIG"
peak "binlog dump -v big (launcher)" sh -c 'exec "$0" dump --base64-output=decode-rows -v "$1" > /dev/null' \
  "$ROOT/bin/binlog" "$BIG"
peak "binlog dump -v one-transaction, -Xmx256m" env BINLOGKIT_JAVA_OPTS=-Xmx256m \
  sh -c 'exec "$0" dump --base64-output=decode-rows -v "$1" > /dev/null' "$ROOT/bin/binlog" "$TXN"
