# Sourced by bin/launch.sh, by bin/dist, and by the launcher of the distribution (bin/dist copies this
# file into it): the JVM options of every run, and how the AOT cache of those runs is made.
JVM_OPTS="--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=${BINLOGKIT_TIER:-4}"

# binlogkit_train_aot JAVA CLASSPATH TESTDATA_DIR OUT: writes the AOT cache OUT (JDK 25, JEP 483/514)
# of the classes a training run loads and links; it halves the JVM's own start-up (~90 -> ~50 ms for
# --help). The training run is io.binlogkit.cli.AotTraining (a class, not a command: never in --help):
# `binlog events`, `dump`, `dump --base64-output=decode-rows -v` and `stats` over the committed test
# binlogs in TESTDATA_DIR into a null stream, 30 rounds, so the cache also holds the method profiles
# of the dump loops (the JIT compiles them sooner in a real run). Without those binlogs it trains on
# `binlog --help`. The JVM ignores a cache that does not match the jars, the class path or the
# options (AOTMode=auto), so a stale one only costs time; its warnings are silenced (they would go to
# stdout). Returns non-zero, leaving no OUT, when the cache could not be made.
binlogkit_train_aot() {
  local java=$1 cp=$2 testdata=$3 out=$4 f tmp
  local -a train=(io.binlogkit.cli.AotTraining)
  for f in row.000001 mixed.000001 row-noblob.000001; do
    [ -f "$testdata/$f" ] && train+=("$testdata/$f")
  done
  [ ${#train[@]} -gt 1 ] || train=(io.binlogkit.cli.Main binlog --help)
  tmp="$out.tmp.$$"
  rm -f "$out"
  # shellcheck disable=SC2086
  "$java" $JVM_OPTS -XX:AOTCacheOutput="$tmp" -Xlog:aot*=off,cds*=off -cp "$cp" "${train[@]}" > /dev/null 2>&1 \
    && [ -s "$tmp" ] && mv -f "$tmp" "$out"
  rm -f "$tmp" "$tmp.config"
  [ -s "$out" ]
}
