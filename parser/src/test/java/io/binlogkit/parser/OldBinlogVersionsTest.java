package io.binlogkit.parser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binlog v1 (MySQL 3.23: 13-byte headers, no Format_description) and v3 (4.0: 19-byte headers)
 * are described by their Start_v3 event and read by the same cursor and views as v4. The files
 * are built by hand from the layouts in MariaDB's {@code log_event.h} (OLD_HEADER_LEN,
 * START_V3_HEADER_LEN, QUERY_HEADER_MINIMAL_LEN).
 */
class OldBinlogVersionsTest {

    private static byte[] file(int version, String serverVersion) {
        int header = version == 1 ? 13 : 19;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xfe, 'b', 'i', 'n'});
        byte[] sv = new byte[50];
        byte[] v = serverVersion.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(v, 0, sv, 0, v.length);
        byte[] start = new TestBinlog.Bytes().u16(version).raw(sv).u32(1_000_000_000L).bytes();
        event(out, header, EventType.START_V3.code(), start);
        byte[] db = "test".getBytes(StandardCharsets.US_ASCII);
        byte[] sql = "INSERT INTO t VALUES (1)".getBytes(StandardCharsets.US_ASCII);
        // Query post-header of 3.23 / 4.0: thread_id, exec_time, db_len, error_code (no status vars)
        byte[] query = new TestBinlog.Bytes().u32(7).u32(0).u8(db.length).u16(0).raw(db).u8(0).raw(sql).bytes();
        event(out, header, EventType.QUERY.code(), query);
        byte[] rotate = version == 1
                ? "master-bin.002".getBytes(StandardCharsets.US_ASCII)
                : new TestBinlog.Bytes().u32(4).u32(0).raw("master-bin.002".getBytes(StandardCharsets.US_ASCII)).bytes();
        event(out, header, EventType.ROTATE.code(), rotate);
        return out.toByteArray();
    }

    private static void event(ByteArrayOutputStream out, int header, int type, byte[] body) {
        int size = header + body.length;
        TestBinlog.Bytes h = new TestBinlog.Bytes().u32(1_000_000_000L).u8(type).u32(1).u32(size);
        if (header == 19) {
            h.u32(out.size() + size).u16(0);
        }
        out.writeBytes(h.bytes());
        out.writeBytes(body);
    }

    @Test
    void binlogVersion1(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("master-bin.001");
        Files.write(p, file(1, "3.23.58-log"));
        try (BinlogFile f = BinlogFile.open(p)) {
            assertThat(f.formatDescription().binlogVersion()).isEqualTo(1);
            assertThat(f.formatDescription().headerLength()).isEqualTo(13);
            assertThat(f.formatDescription().checksum()).isEqualTo(ChecksumAlgorithm.UNDEFINED);
            EventCursor c = f.cursor();
            assertThat(c.next()).isTrue();
            assertThat(c.type()).isEqualTo(EventType.START_V3);
            assertThat(c.formatDescriptionEvent().serverVersion()).isEqualTo("3.23.58-log");
            assertThat(c.logPosition()).isZero();
            assertThat(c.next()).isTrue();
            assertThat(c.query().database()).isEqualTo("test");
            assertThat(c.query().sql()).isEqualTo("INSERT INTO t VALUES (1)");
            assertThat(c.query().threadId()).isEqualTo(7);
            assertThat(c.next()).isTrue();
            assertThat(c.rotate().nextFile()).isEqualTo("master-bin.002");
            assertThat(c.rotate().nextPosition()).isEqualTo(4);
            assertThat(c.next()).isFalse();
        }
    }

    @Test
    void binlogVersion3(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("master-bin.001");
        Files.write(p, file(3, "4.0.27-log"));
        try (BinlogFile f = BinlogFile.open(p)) {
            assertThat(f.formatDescription().binlogVersion()).isEqualTo(3);
            assertThat(f.formatDescription().headerLength()).isEqualTo(19);
            EventCursor c = f.cursor();
            assertThat(c.next()).isTrue();
            assertThat(c.type()).isEqualTo(EventType.START_V3);
            assertThat(c.next()).isTrue();
            assertThat(c.query().sql()).isEqualTo("INSERT INTO t VALUES (1)");
            assertThat(c.logPosition()).isEqualTo(c.nextEventOffset());
            assertThat(c.next()).isTrue();
            assertThat(c.rotate().nextFile()).isEqualTo("master-bin.002");
            assertThat(c.next()).isFalse();
        }
    }
}
