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
. "$ROOT/bin/jvm.sh"
# The AOT cache (see bin/jvm.sh) is made once per build into cli/target (never committed), and again
# whenever a jar is newer than it (bin/dist rebuilds the jars with the commit in --version). If making
# it fails, the launcher remembers that until the next build and runs without it.
# BINLOGKIT_AOT=0 turns the cache off.
AOT="$ROOT/cli/target/binlog.aot"
AOT_OPTS=""
if [ "${BINLOGKIT_AOT:-1}" != 0 ]; then
  if { [ ! -f "$AOT" ] || [ "$STAMP" -nt "$AOT" ] || [ -n "$(find "$LIB" -name '*.jar' -newer "$AOT" -print -quit)" ]; } \
      && { [ ! -f "$AOT.failed" ] || [ "$STAMP" -nt "$AOT.failed" ]; }; then
    if binlogkit_train_aot "$JAVA" "$LIB/*" "$ROOT/testdata/binlogs" "$AOT"; then
      rm -f "$AOT.failed"
    else
      echo "binlogkit: could not create the AOT cache $AOT; running without it" >&2
      touch "$AOT.failed"
    fi
  fi
  [ -f "$AOT" ] && AOT_OPTS="-XX:AOTCache=$AOT -Xlog:aot*=off,cds*=off"
fi
# shellcheck disable=SC2086
exec "$JAVA" $JVM_OPTS $AOT_OPTS ${BINLOGKIT_JAVA_OPTS:-} -cp "$LIB/*" io.binlogkit.cli.Main "$PROGRAM" "$@"
