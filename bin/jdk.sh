# Sourced by the launchers: sets JAVA to a java binary of JDK >= 25, or exits with a clear message.
# Order: $JAVA_HOME, the JDKs under /usr/lib/jvm and /usr/local, then `java` on the PATH.
binlogkit_java_major() { # $1 = JDK home; prints the major version or nothing
  local rel="$1/release" v=""
  if [ -r "$rel" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel")
  elif [ -x "$1/bin/java" ]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  fi
  printf '%s' "$v"
}
binlogkit_find_java() {
  local cand best="" bestv=0 v
  for cand in "${JAVA_HOME:-}" /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /usr/local/java*; do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] || continue
    v=$(binlogkit_java_major "$cand")
    [ -n "$v" ] && [ "$v" -ge 25 ] || continue
    if [ -n "${JAVA_HOME:-}" ] && [ "$cand" = "$JAVA_HOME" ]; then best=$cand; break; fi
    if [ "$v" -gt "$bestv" ]; then best=$cand; bestv=$v; fi
  done
  if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
    cand=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    v=$(binlogkit_java_major "$cand")
    [ -n "$v" ] && [ "$v" -ge 25 ] && best=$cand
  fi
  if [ -z "$best" ]; then
    echo "binlogkit needs a JDK 25 or newer: none found in JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm or on the PATH." >&2
    echo "Install one (for example Temurin 25) and set JAVA_HOME to it." >&2
    exit 3
  fi
  JAVA_HOME=$best
  JAVA="$best/bin/java"
  export JAVA_HOME
}
binlogkit_find_java
