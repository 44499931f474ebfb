package io.binlogkit.emitter;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * Jazzer fuzz targets: bytes → binlog → dump (default, {@code --base64-output=decode-rows -v} and
 * {@code -vv}, JSON lines). The only exceptions that may come out are the typed ones
 * ({@link DumpTarget}).
 *
 * <p>In a normal build (regression mode) each target runs once on every seed: the binlogs of
 * {@code testdata/binlogs} ({@link #seeds()}, read in place) and the inputs under
 * {@code src/test/resources/io/binlogkit/emitter/DumpFuzzTestInputs/<method>/}, the minimal inputs of
 * past findings ({@link DumpFuzzFindingsTest} checks the error each must give). With
 * {@code JAZZER_FUZZ=1} one target is fuzzed, guided by coverage, for {@code jazzer.max_duration}
 * (default: the {@code maxDuration} below); see README.md, "Fuzzing". The corpus it grows goes to
 * {@code emitter/.cifuzz-corpus/} (not committed) and a finding is written next to the seeds.
 */
class DumpFuzzTest {
    /** The testdata binlogs, the seeds of every target. */
    static Stream<Arguments> seeds() {
        return DumpTarget.testdataBinlogs().stream().map(b -> Arguments.of((Object) b));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    void dumpDefault(byte[] input) {
        DumpTarget.dumpAllowingTypedErrors(input, DumpTarget.Mode.DEFAULT);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    void dumpVerbose(byte[] input) {
        DumpTarget.dumpAllowingTypedErrors(input, DumpTarget.Mode.VERBOSE);
        DumpTarget.dumpAllowingTypedErrors(input, DumpTarget.Mode.VERY_VERBOSE);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    void dumpJson(byte[] input) {
        DumpTarget.dumpAllowingTypedErrors(input, DumpTarget.Mode.JSON);
    }
}
