package io.binlogkit.emitter;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Structural checks of the MySQL text format on the public MySQL fixtures (no official mysqlbinlog
 * here to compare with): the frame, balanced BINLOG blocks whose base64 decodes to the file's bytes
 * at the printed "# at" offsets, every event's "# at" line.
 */
class MysqlTextPrinterTest {
    private static Path fixture(String name) {
        Path p = Path.of(System.getProperty("binlogkit.repo", "."), "..", "shared", "fixtures", "rust_mysql_common", name);
        Assumptions.assumeTrue(Files.exists(p), "fixture absent: " + p);
        return p;
    }

    private static String dump(Path p) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ByteSink sink = new ByteSink(bos);
        MysqlTextPrinter pr = new MysqlTextPrinter(DumpOptions.defaults(), sink, w -> { });
        pr.begin();
        pr.dump(p, true, true);
        pr.end();
        sink.flush();
        return bos.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rowBinlogStructure() throws Exception {
        for (String name : new String[]{"json.binlog.000001", "binlog_transaction_with_GTID.000001",
                "minimal_row_metadata.000001", "mysql_type_bit.000001"}) {
            Path p = fixture(name);
            byte[] file = Files.readAllBytes(p);
            String out = dump(p);
            assertTrue(out.startsWith("# The proper term is pseudo_replica_mode"), name);
            assertTrue(out.endsWith("/*!50530 SET @@SESSION.PSEUDO_SLAVE_MODE=0*/;\n"), name);
            assertTrue(out.contains("DELIMITER /*!*/;\n# at 4\n"), name);
            int opens = out.split("BINLOG '\n", -1).length - 1;
            int closes = out.split("\n'/\\*!\\*/;\n", -1).length - 1;
            assertEquals(opens, closes, name + ": balanced BINLOG blocks");
            // The FDE block decodes to the file's bytes at offset 4.
            int a = out.indexOf("BINLOG '\n") + 9;
            int b = out.indexOf("\n'", a);
            byte[] fde = Base64.getMimeDecoder().decode(out.substring(a, b));
            byte[] expect = java.util.Arrays.copyOfRange(file, 4, 4 + fde.length);
            assertArrayEquals(expect, fde, name);
            for (String line : out.split("\n")) {
                if (line.startsWith("# at ")) {
                    long pos = Long.parseLong(line.substring(5));
                    assertTrue(pos >= 4 && pos <= file.length, name + " " + line);
                }
            }
        }
    }
}
