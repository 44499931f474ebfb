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
exec "$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=${BINLOGKIT_TIER:-4} \
  ${BINLOGKIT_JAVA_OPTS:-} -cp "$LIB/*" io.binlogkit.cli.Main "$PROGRAM" "$@"
