#!/usr/bin/env bash
# Runs the JMH benchmarks (never part of CI). Arguments go to JMH, e.g.
#   benchmarks/run.sh FramingBenchmark            # one benchmark class
#   benchmarks/run.sh -l                          # list them
# Input: $BINLOGKIT_BENCH_FILE, default ~/.cache/binlogkit/big-row.000001, made by
#   testdata/make-big-binlog.sh   (about 2 minutes for 1 GiB with a live MariaDB)
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/bin/jdk.sh"
cd "$ROOT"
./mvnw -B -q -DskipTests package -pl benchmarks -am
exec "$JAVA" --enable-native-access=ALL-UNNAMED -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
  org.openjdk.jmh.Main "$@"
