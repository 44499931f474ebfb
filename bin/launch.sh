# Sourced by bin/binlog, bin/sandbox, bin/pitr with PROGRAM set: runs the CLI, building it first
# when the jar is missing or older than the sources.
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$ROOT/bin/jdk.sh"
LIB="$ROOT/cli/target/lib"
STAMP="$LIB/.built"
if [ ! -f "$STAMP" ] || [ -n "$(find "$ROOT"/pom.xml "$ROOT"/*/pom.xml "$ROOT"/*/src/main -newer "$STAMP" -print -quit 2>/dev/null)" ]; then
  echo "binlogkit: building (./mvnw package -pl cli -am)..." >&2
  if ! (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl cli -am >&2); then
    echo "binlogkit: build failed; see the Maven output above" >&2
    exit 70
  fi
  touch "$STAMP"
fi
JVM_OPTS="--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=${BINLOGKIT_TIER:-4}"
# Start-up: an AOT cache (JDK 25, JEP 483/514) of the classes a training run loads and links, made
# once per build into cli/target (never committed); it halves the JVM's own start-up (~90 -> ~50 ms
# for --help). The training run is io.binlogkit.cli.AotTraining (a class, not a command: never in
# --help): `binlog events`, `dump`, `dump --base64-output=decode-rows -v` and `stats` over committed
# test binlogs into a null stream, 30 rounds, so the cache also holds the method profiles of the
# dump loops (the JIT compiles them sooner in a real run). If making it fails,
# the launcher remembers that until the next build and runs without it. The JVM itself ignores a
# cache that does not match the jars or the options (AOTMode=auto), so a stale one only costs time;
# its warnings are silenced (they would go to stdout). BINLOGKIT_AOT=0 turns the cache off.
AOT="$ROOT/cli/target/binlog.aot"
AOT_OPTS=""
if [ "${BINLOGKIT_AOT:-1}" != 0 ]; then
  if { [ ! -f "$AOT" ] || [ "$STAMP" -nt "$AOT" ]; } && { [ ! -f "$AOT.failed" ] || [ "$STAMP" -nt "$AOT.failed" ]; }; then
    TRAIN_MAIN="io.binlogkit.cli.AotTraining"
    TRAIN_ARGS=""
    for f in row.000001 mixed.000001 row-noblob.000001; do
      [ -f "$ROOT/testdata/binlogs/$f" ] && TRAIN_ARGS="$TRAIN_ARGS $ROOT/testdata/binlogs/$f"
    done
    [ -n "$TRAIN_ARGS" ] || { TRAIN_MAIN="io.binlogkit.cli.Main"; TRAIN_ARGS="binlog --help"; }
    TMP_AOT="$AOT.tmp.$$"
    # shellcheck disable=SC2086
    if "$JAVA" $JVM_OPTS -XX:AOTCacheOutput="$TMP_AOT" -Xlog:aot*=off,cds*=off -cp "$LIB/*" \
        $TRAIN_MAIN $TRAIN_ARGS > /dev/null 2>&1 && [ -s "$TMP_AOT" ]; then
      mv -f "$TMP_AOT" "$AOT"
      rm -f "$AOT.failed"
    else
      echo "binlogkit: could not create the AOT cache $AOT; running without it" >&2
      touch "$AOT.failed"
    fi
    rm -f "$TMP_AOT" "$TMP_AOT.config"
  fi
  [ -f "$AOT" ] && AOT_OPTS="-XX:AOTCache=$AOT -Xlog:aot*=off,cds*=off"
fi
# shellcheck disable=SC2086
exec "$JAVA" $JVM_OPTS $AOT_OPTS ${BINLOGKIT_JAVA_OPTS:-} -cp "$LIB/*" io.binlogkit.cli.Main "$PROGRAM" "$@"
