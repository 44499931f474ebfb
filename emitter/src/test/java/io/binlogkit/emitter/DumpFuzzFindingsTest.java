package io.binlogkit.emitter;

import io.binlogkit.parser.BinlogFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The findings of {@link DumpFuzzTest}, each the minimal input (shrunk by {@link FuzzMinimizer})
 * that made the dump throw something other than a typed error, committed next to the fuzz seeds
 * (so that Jazzer's regression mode runs them too) and checked here for the error they must give.
 */
class DumpFuzzFindingsTest {
    private static byte[] finding(String method, String name) {
        String res = "DumpFuzzTestInputs/" + method + "/" + name;
        try (InputStream in = DumpFuzzFindingsTest.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + res);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An Execute_load_query whose file name positions lie past the end of its statement: the printers
     * copied {@code sql[0, fn_pos_start)} and ran out of the event (IndexOutOfBoundsException); the
     * server's reader calls the event invalid, so the parser now does.
     */
    @ParameterizedTest
    @EnumSource(DumpTarget.Mode.class)
    void executeLoadQueryWithTheFileNamePastTheStatement(DumpTarget.Mode mode) {
        byte[] in = finding("dumpDefault", "execute-load-query-file-name-past-statement");
        assertThatThrownBy(() -> DumpTarget.dump(in, mode)).isInstanceOf(BinlogFormatException.class)
                .hasMessageContaining("Execute_load_query file name position");
    }

    /**
     * A User_var of DECIMAL_RESULT whose digit group holds more digits than it may: the decoder's
     * IllegalArgumentException came out of the dump; it is now the event's format error, as for a
     * DECIMAL column of a row.
     */
    @ParameterizedTest
    @EnumSource(DumpTarget.Mode.class)
    void userVariableDecimalWithADigitGroupTooLarge(DumpTarget.Mode mode) {
        byte[] in = finding("dumpDefault", "user-var-decimal-digit-group-overflow");
        assertThatThrownBy(() -> DumpTarget.dump(in, mode)).isInstanceOf(BinlogFormatException.class)
                .hasMessageContaining("User var decimal value");
    }

    /**
     * A User_var of DECIMAL_RESULT whose scale exceeds its precision: the length check computed the
     * binary size first and indexed its table at -1 (ArrayIndexOutOfBoundsException).
     */
    @ParameterizedTest
    @EnumSource(DumpTarget.Mode.class)
    void userVariableDecimalWithTheScaleOverThePrecision(DumpTarget.Mode mode) {
        byte[] in = finding("dumpDefault", "user-var-decimal-scale-over-precision");
        assertThatThrownBy(() -> DumpTarget.dump(in, mode)).isInstanceOf(BinlogFormatException.class)
                .hasMessageContaining("User var decimal value: expected precision 1..65");
    }

    /**
     * A Table_map whose optional metadata gives a column name a length over 2^63 (a 9-byte packed
     * integer read as a negative long): the bounds check {@code q + n > end} passed, the name cursor
     * went negative and the next read left the mapping (IndexOutOfBoundsException).
     */
    @ParameterizedTest
    @EnumSource(DumpTarget.Mode.class)
    void tableMapWithANegativeColumnNameLength(DumpTarget.Mode mode) {
        byte[] in = finding("dumpDefault", "table-map-column-name-length-negative");
        assertThatThrownBy(() -> DumpTarget.dump(in, mode)).isInstanceOf(BinlogFormatException.class)
                .hasMessageContaining("Table_map name of column");
    }

    /**
     * A Table_map whose optional metadata field has a length near 2^63: {@code EventView.need}
     * checked {@code off + n > end}, which overflowed and passed, and the walk went on at a negative
     * offset (IndexOutOfBoundsException). Found by {@code dumpJson}; every mode reads the table map.
     */
    @ParameterizedTest
    @EnumSource(DumpTarget.Mode.class)
    void tableMapWithAnOptionalMetadataLengthThatOverflows(DumpTarget.Mode mode) {
        byte[] in = finding("dumpJson", "table-map-optional-metadata-length-overflow");
        assertThatThrownBy(() -> DumpTarget.dump(in, mode)).isInstanceOf(BinlogFormatException.class)
                .hasMessageContaining("Table_map optional metadata field");
    }

    /**
     * A Begin_load_query shorter than the post-header its format description declares for it: the
     * block was sliced with a negative length (IndexOutOfBoundsException in every mode); the
     * server's reader calls such an event invalid, so the parser now does.
     */
    @ParameterizedTest
    @EnumSource(DumpTarget.Mode.class)
    void beginLoadQueryShorterThanItsPostHeader(DumpTarget.Mode mode) {
        byte[] in = finding("dumpDefault", "begin-load-query-shorter-than-post-header");
        assertThatThrownBy(() -> DumpTarget.dump(in, mode)).isInstanceOf(BinlogFormatException.class)
                .hasMessageContaining("Begin_load_query post-header");
    }
}
