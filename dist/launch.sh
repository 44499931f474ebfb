# The launcher of the binlogkit distribution (bin/dist copies it to bin/launch.sh of the tarball):
# sourced by bin/binlog, bin/sandbox, bin/pitr with PROGRAM set, it runs the CLI on the Java runtime
# bundled in runtime/ (a jlink image), never on JAVA_HOME or a java on the PATH.
HOME_DIR=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
LIB="$HOME_DIR/lib"
JAVA="$HOME_DIR/runtime/bin/java"
if [ ! -x "$JAVA" ]; then
  echo "binlogkit: the bundled Java runtime $JAVA is missing; unpack the whole tarball again" >&2
  exit 70
fi
. "$HOME_DIR/bin/jvm.sh"
# The class path in the order the AOT cache was trained with (bin/dist fills it in).
CP=""
for jar in @JARS@; do
  CP="$CP${CP:+:}$LIB/$jar"
done
# lib/binlog.aot: the AOT cache bin/dist trained with this runtime and these jars (see bin/jvm.sh);
# the JVM ignores it if they no longer match. BINLOGKIT_AOT=0 turns it off.
AOT_OPTS=()
if [ "${BINLOGKIT_AOT:-1}" != 0 ] && [ -f "$LIB/binlog.aot" ]; then
  AOT_OPTS=("-XX:AOTCache=$LIB/binlog.aot" "-Xlog:aot*=off,cds*=off")
fi
# shellcheck disable=SC2086
exec "$JAVA" $JVM_OPTS "${AOT_OPTS[@]}" ${BINLOGKIT_JAVA_OPTS:-} -cp "$CP" io.binlogkit.cli.Main "$PROGRAM" "$@"
