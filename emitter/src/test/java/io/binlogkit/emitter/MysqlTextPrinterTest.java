package io.binlogkit.emitter;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventCursor;
import io.binlogkit.parser.EventType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MySQL 8.4 {@code mysqlbinlog} text format ({@link MysqlTextPrinter}) on the public MySQL fixtures.
 * No official {@code mysqlbinlog} can run here, so: one golden comparison against a MySQL test-suite
 * {@code .result} file that prints one of the fixtures event for event, and structural checks on the
 * others.
 */
class MysqlTextPrinterTest {
    private static final Path FIXTURES = Path.of(System.getProperty("binlogkit.repo", "."), "..", "shared",
            "fixtures", "rust_mysql_common");
    /** mysql-test-run.pl exports TZ=GMT-3 (three hours east of UTC) for every test. */
    private static final ZoneId MTR_ZONE = ZoneId.of("Etc/GMT-3");

    private static Path fixture(String name) {
        Path p = FIXTURES.resolve(name);
        Assumptions.assumeTrue(Files.exists(p), "public fixture absent (skipped): " + p);
        return p;
    }

    private static String dump(DumpOptions options, Path... files) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ByteSink sink = new ByteSink(bos);
        MysqlTextPrinter pr = new MysqlTextPrinter(options, sink, w -> { });
        pr.begin();
        for (int i = 0; i < files.length; i++) {
            if (!pr.dump(files[i], i == 0, i == files.length - 1)) {
                break;
            }
        }
        pr.end();
        sink.flush();
        return bos.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Golden: {@code mysql-test/suite/binlog/r/binlog_hexdump.result} (mysql/mysql-server, commit
     * c02f9b29e0e07fb2b6386442ee20688fba68ba58, lines 5-118) is {@code mysqlbinlog --hexdump
     * std_data/bug11747887-bin.000003} with Xid values replaced by {@code <number>}. That .result was
     * recorded by a 5.7 mysqlbinlog; the event section is compared after the two changes 8.x made to it:
     * hex dump offsets as {@code %8.8lx} (log_event.cc, Log_event::print_header) and collation 33's
     * character set named {@code utf8mb3}.
     */
    @Test
    void hexdumpMatchesBinlogHexdumpResult() throws Exception {
        Path p = fixture("bug11747887-bin.000003");
        String expected;
        try (InputStream in = getClass().getResourceAsStream("mysql/binlog_hexdump.events.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        Matcher m = Pattern.compile("(?m)^# ( *)([0-9a-f]+) ").matcher(expected);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String hex = m.group(2);
            if (m.group(1).length() + hex.length() == 8) {
                m.appendReplacement(sb, "# " + "0".repeat(8 - hex.length()) + hex + " ");
            } else {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
            }
        }
        m.appendTail(sb);
        expected = sb.toString().replace("/*!\\C utf8 */", "/*!\\C utf8mb3 */");

        String out = dump(DumpOptions.builder().hexdump(true).zone(MTR_ZONE).build(), p);
        out = out.replaceAll("\tXid = [0-9]*", "\tXid = <number>");
        int from = out.indexOf("# at 4\n");
        int to = out.indexOf("# \tStop\n") + "# \tStop\n".length();
        assertEquals(expected, out.substring(from, to));
        // and the frame of 8.4 around it
        assertTrue(out.startsWith("# The proper term is pseudo_replica_mode, but we use this compatibility alias\n"
                + "# to make the statement usable on server versions 8.0.24 and older.\n"
                + "/*!50530 SET @@SESSION.PSEUDO_SLAVE_MODE=1*/;\n"
                + "/*!50003 SET @OLD_COMPLETION_TYPE=@@COMPLETION_TYPE,COMPLETION_TYPE=0*/;\n"
                + "DELIMITER /*!*/;\n# at 4\n"));
        assertEquals("SET @@SESSION.GTID_NEXT= 'AUTOMATIC' /* added by mysqlbinlog */ /*!*/;\n"
                + "DELIMITER ;\n# End of log file\n"
                + "/*!50003 SET COMPLETION_TYPE=@OLD_COMPLETION_TYPE*/;\n"
                + "/*!50530 SET @@SESSION.PSEUDO_SLAVE_MODE=0*/;\n", out.substring(to));
    }

    /** Every MySQL-written fixture of 5.1 and later that holds only events the printer knows. */
    private static final String[] PRINTABLE = {
            "binlog-invisible-columns.000001", "binlog_56_gtid_reserved_word.000001", "binlog_savepoint.000001",
            "binlog_transaction_previous_GTID_no_tag.000001", "binlog_transaction_with_GTID.000001",
            "binlog_transaction_with_GTID_TAG.000001", "binlog_transaction_with_anonymous_GTID.000001",
            "bug11747887-bin.000003", "bug27213339-bin.000001", "bug32407.001",
            "json.binlog.000001", "master-bin.000001", "minimal_row_metadata.000001", "mysql_type_bit.000001",
            "rpl_atomic_ddl_rollback_full.000001", "rpl_atomic_ddl_rollback_table.000001",
            "rpl_atomic_ddl_rollback_view.000001", "rpl_cross_version_default_utf8mb4_collation.000001",
            "slave-relay-bin.000001", "time_issue.000001", "transaction_compression.000001",
            "update-full-row.binlog", "update-partial-row.binlog", "write-full-row.binlog",
            "write-partial-row.binlog", "ver_5_1-wl2325_s.001", "ver_5_1_23.001",
            "ver_trunk_row_v2.001",
    };

    /**
     * Structure: every top-level event has its {@code # at} line, in order, with the header's
     * end_log_pos; the BINLOG blocks are balanced and decode to exactly the bytes of the events printed
     * in them (the format description, and the table maps and row events of each statement); every
     * statement of every Query event appears, followed by the delimiter.
     */
    @Test
    void everyEventPrintedAndBinlogBlocksDecodeToTheEvents(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(FIXTURES), "public fixtures absent (skipped): " + FIXTURES);
        for (String name : PRINTABLE) {
            Path p = fixture(name);
            String out = dump(DumpOptions.builder().zone(ZoneId.of("UTC")).localLoadDir(tmp).build(), p);
            List<byte[]> events = new ArrayList<>();
            List<Long> positions = new ArrayList<>();
            List<byte[]> encoded = new ArrayList<>();
            try (BinlogFile f = BinlogFile.open(p)) {
                EventCursor c = f.cursor();
                while (c.next()) {
                    positions.add(c.position());
                    byte[] ev = c.eventBytes().toArray(ValueLayout.JAVA_BYTE);
                    events.add(ev);
                    EventType t = c.type();
                    if (t == EventType.FORMAT_DESCRIPTION || t == EventType.TABLE_MAP || t.isRows()) {
                        encoded.add(ev);
                    }
                    if (t == EventType.QUERY) {
                        String sql = new String(c.query().sqlBytes().toArray(ValueLayout.JAVA_BYTE),
                                StandardCharsets.ISO_8859_1);
                        assertTrue(out.contains("\n" + sql + "\n/*!*/;\n"), name + ": statement at " + c.position());
                    }
                }
            }
            // "# at" lines: the top-level events in order (payload events add their inner ones at the end)
            List<Long> at = new ArrayList<>();
            Matcher m = Pattern.compile("(?m)^# at (\\d+)$").matcher(out);
            while (m.find()) {
                at.add(Long.parseLong(m.group(1)));
            }
            int k = 0;
            for (long pos : positions) {
                while (k < at.size() && at.get(k) != pos) {
                    k++;
                }
                assertTrue(k < at.size(), name + ": no '# at " + pos + "'");
                k++;
            }
            // BINLOG blocks decode to the events, in order
            List<byte[]> decoded = new ArrayList<>();
            Matcher b = Pattern.compile("BINLOG '\n([A-Za-z0-9+/=\n]*?)\n'/\\*!\\*/;\n").matcher(out);
            int blocks = 0;
            while (b.find()) {
                blocks++;
                decoded.addAll(decodeEvents(b.group(1)));
            }
            assertEquals(out.split("BINLOG '\n", -1).length - 1, blocks, name + ": unbalanced BINLOG blocks");
            if (!name.equals("transaction_compression.000001")) {
                assertEquals(encoded.size(), decoded.size(), name + ": events in BINLOG blocks");
                for (int i = 0; i < encoded.size(); i++) {
                    assertArrayEquals(encoded.get(i), decoded.get(i), name + ": BINLOG event " + i);
                }
            }
            assertTrue(out.endsWith("/*!50530 SET @@SESSION.PSEUDO_SLAVE_MODE=0*/;\n"), name);
            assertEquals(1, out.split("\nDELIMITER /\\*!\\*/;\n", -1).length - 1, name);
            assertFalse(out.contains("\n# Unknown event"), name);
        }
    }

    /**
     * The events of a BINLOG block: each event is base64-encoded on its own (print_base64), so the
     * lines are gathered until they decode to as many bytes as the event's length field says.
     */
    private static List<byte[]> decodeEvents(String block) {
        List<byte[]> events = new ArrayList<>();
        StringBuilder acc = new StringBuilder();
        for (String line : block.split("\n")) {
            acc.append(line);
            if (acc.length() % 4 != 0) {
                continue;
            }
            byte[] ev = Base64.getDecoder().decode(acc.toString());
            if (ev.length >= 13 && ev.length == ((ev[9] & 0xFF) | (ev[10] & 0xFF) << 8 | (ev[11] & 0xFF) << 16
                    | (ev[12] & 0xFF) << 24)) {
                events.add(ev);
                acc.setLength(0);
            }
        }
        assertEquals(0, acc.length(), "base64 left over");
        return events;
    }

    @Test
    void payloadInnerEventsGetTheChecksumAndThePayloadsEndPosition() throws Exception {
        Path p = fixture("transaction_compression.000001");
        String out = dump(DumpOptions.builder().zone(ZoneId.of("UTC")).build(), p);
        assertTrue(out.contains("\tTransaction_Payload\tpayload_size=124\tcompression_type=ZSTD\tuncompressed_size=179\n"
                + "# Start of compressed events!\n# at 431\n"));
        assertTrue(out.contains("# End of compressed events!\n"));
        // the inner events' BINLOG block: each event with a CRC32 appended and its length grown by 4
        Matcher b = Pattern.compile("\n\nBINLOG '\n([A-Za-z0-9+/=\n]*?)\n'/\\*!\\*/;\n").matcher(out);
        assertTrue(b.find());
        List<byte[]> events = decodeEvents(b.group(1));
        for (byte[] ev : events) {
            int len = ev.length;
            assertEquals(len, (ev[9] & 0xFF) | (ev[10] & 0xFF) << 8);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(ev, 0, len - 4);
            long stored = (ev[len - 4] & 0xFFL) | (ev[len - 3] & 0xFFL) << 8 | (ev[len - 2] & 0xFFL) << 16
                    | (ev[len - 1] & 0xFFL) << 24;
            assertEquals(crc.getValue(), stored);
        }
        assertEquals(2, events.size());
    }

    @Test
    void shortFormAndNever() throws Exception {
        Path p = fixture("binlog_transaction_with_GTID.000001");
        String s = dump(DumpOptions.builder().shortForm(true).zone(ZoneId.of("UTC")).build(), p);
        assertFalse(s.contains("# at "));
        assertFalse(s.contains("BINLOG '"));
        assertTrue(s.contains("SET @@session.pseudo_thread_id=999999999/*!*/;\n"));
        Path rows = fixture("minimal_row_metadata.000001");
        assertThrows(UnsupportedOperationException.class,
                () -> dump(DumpOptions.builder().base64Output(Base64Output.NEVER).build(), rows));
        String d = dump(DumpOptions.builder().base64Output(Base64Output.DECODE_ROWS).zone(ZoneId.of("UTC")).build(), rows);
        assertFalse(d.contains("BINLOG '"));
        assertTrue(d.contains("\tWrite_rows: table id "));
    }

    /** A stop position inside a row statement drops the statement's partial text, as mysqlbinlog does. */
    @Test
    void stopInsideARowStatementDropsItsText() throws Exception {
        Path p = fixture("binlog_transaction_with_GTID_TAG.000001");
        // 405 is the table map, 461 the Write_rows event of the transaction
        String out = dump(DumpOptions.builder().stopPosition(461).zone(ZoneId.of("UTC")).build(), p);
        assertFalse(out.contains("# at 405"));
        assertFalse(out.contains("Table_map"));
        assertTrue(out.contains("BEGIN\n/*!*/;\n"));
        // the transaction was left open: end_binlog rolls it back
        assertTrue(out.contains("ROLLBACK /* added by mysqlbinlog */ /*!*/;\n"
                + "SET @@SESSION.GTID_NEXT= 'AUTOMATIC' /* added by mysqlbinlog */ /*!*/;\nDELIMITER ;\n"));
        String whole = dump(DumpOptions.builder().stopPosition(510).zone(ZoneId.of("UTC")).build(), p);
        assertTrue(whole.contains("Write_rows: table id 90 flags: STMT_END_F\n\nBINLOG '\n"));
    }

    /** LOAD DATA: the blocks of Begin_load_query and Append_block land in SQL_LOAD_MB-<file_id>-<n>. */
    @Test
    void loadDataBecomesLoadDataLocalOfTheWrittenFile(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path p = fixture("ver_trunk_row_v2.001");
        String out = dump(DumpOptions.builder().zone(ZoneId.of("UTC")).localLoadDir(tmp).build(), p);
        Path data = tmp.resolve("SQL_LOAD_MB-2-0");
        assertTrue(out.contains("#Begin_load_query: file_id: 2  block_len: 131072\n"));
        assertTrue(out.contains("#Append_block: file_id: 2  block_len: 17664\n"));
        assertTrue(out.contains("\tExecute_load_query\tthread_id=1\texec_time=1\terror_code=0\n"
                + "SET TIMESTAMP=1322058464/*!*/;\nLOAD DATA LOCAL INFILE '" + data + "' INTO TABLE `t3`"));
        assertTrue(out.contains("/*!*/;\n# file_id: 2 \n"));
        assertEquals(131072 + 17664, Files.size(data));
    }

    @Test
    void refusedOptions() {
        assertThrows(UnsupportedOperationException.class,
                () -> new MysqlTextPrinter(DumpOptions.builder().verbosity(1).build(), new ByteSink(null), w -> { }));
        assertThrows(UnsupportedOperationException.class,
                () -> new MysqlTextPrinter(DumpOptions.builder().database("x").build(), new ByteSink(null), w -> { }));
    }
}
