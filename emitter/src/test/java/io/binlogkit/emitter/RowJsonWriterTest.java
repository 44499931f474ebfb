package io.binlogkit.emitter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --format json} rows: typed values keyed by column name, on the committed
 * {@code testdata/binlogs} (binlog_row_metadata=FULL for row.000001, MINIMAL for row-minimal).
 */
class RowJsonWriterTest {
    private static List<String> rowLines(String file) throws Exception {
        Path p = GoldenBinlogs.repo().resolve("testdata/binlogs").resolve(file);
        Assumptions.assumeTrue(Files.exists(p), p + " missing");
        ByteArrayOutputStream os = new ByteArrayOutputStream();
        ByteSink sink = new ByteSink(os);
        DumpOptions o = DumpOptions.defaults();
        JsonEventWriter w = new JsonEventWriter(o, sink, RowsRenderer.decoding(o));
        w.dump(p, true, true);
        w.end();
        sink.flush();
        List<String> rows = new ArrayList<>();
        JsonFactory jf = new JsonFactory();
        for (String line : os.toString(StandardCharsets.UTF_8).split("\n")) {
            try (JsonParser jp = jf.createParser(line)) {
                while (jp.nextToken() != null) {
                    // every line is valid JSON
                }
            }
            if (line.contains("\"rows\":[")) {
                rows.add(line.substring(line.indexOf("\"rows\":")));
            }
        }
        return rows;
    }

    @Test
    void everyColumnTypeIsTyped() throws Exception {
        List<String> rows = rowLines("row.000001");
        String first = rows.getFirst();
        // minimum values: signed and unsigned integers, exact DECIMAL and 64-bit values
        assertThat(first).contains("\"c_tinyint\":-128,\"c_tinyint_u\":0", "\"c_bigint\":-9223372036854775808",
                "\"c_decimal_max\":-99999999999999999999999999999999999.999999999999999999999999999999",
                "\"c_date\":\"1000-01-01\"", "\"c_time6\":\"-838:59:59.999999\"",
                "\"c_datetime6\":\"1000-01-01T00:00:00.000000\"", "\"c_timestamp6\":\"1970-01-01T00:00:01.000000Z\"",
                "\"c_year\":1901", "\"c_enum\":\"small\"", "\"c_set\":[]");
        assertThat(first).contains("\"c_bigint_u\":18446744073709551615", "\"c_bit64\":18446744073709551615",
                "\"c_mediumint_u\":16777215", "\"c_float\":3.40282E38");
        // the all-NULL row
        assertThat(first).contains("{\"after\":{\"id\":3,\"c_tinyint\":null,");
        String typical = rows.get(1);
        assertThat(typical).contains("\"c_utf8mb4\":\"x\",\"c_latin1\":\"y\"", "\"c_binary\":{\"base64\":\"AQ==\"}",
                "\"c_set\":[\"red\",\"blue\"]", "\"c_text\":\"text with a tab\\tand a newline\\ninside\"",
                "\"c_inet4\":{\"base64\":\"wAACAQ==\"}", "\"c_decimal\":-123.45");
        // an update has both images
        assertThat(rows.get(2)).startsWith("\"rows\":[{\"before\":{\"id\":4,").contains("},\"after\":{\"id\":4,");
    }

    @Test
    void minimalImagesOmitAbsentColumnsAndNamelessTablesUseNumbers() throws Exception {
        List<String> rows = rowLines("row-minimal.000001");
        assertThat(rows).contains("\"rows\":[{\"before\":{\"@1\":1},\"after\":{\"@2\":11}},"
                + "{\"before\":{\"@1\":2},\"after\":{\"@2\":21}}]}");
        assertThat(rows).anyMatch(r -> r.startsWith("\"rows\":[{\"before\":{\"@1\":4},\"after\":{\"@3\":\"changed\","));
    }
}
