package io.binlogkit.parser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A small MariaDB 10.11 binlog built in memory, with or without CRC32 checksums: magic, the
 * Format_description of {@link TestBinlog#formatDescriptionBody} with the checksum algorithm, then
 * the events the test adds. Remembers where each event starts.
 */
final class CrcTestBinlog {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean crc32;
    final List<Long> starts = new ArrayList<>();

    CrcTestBinlog(boolean crc32) {
        this.crc32 = crc32;
        out.writeBytes(new byte[] {(byte) 0xfe, 'b', 'i', 'n'});
        TestBinlog.Bytes b = TestBinlog.formatDescriptionBody("10.11.0-MariaDB-test");
        // A checksum-aware server always writes the algorithm byte and a CRC32 slot here.
        b.u8(crc32 ? 1 : 0);
        writeEvent(EventType.FORMAT_DESCRIPTION.code(), b.bytes(), true);
    }

    CrcTestBinlog event(int type, byte[] body) {
        return event(type, 0, body);
    }

    CrcTestBinlog event(int type, int flags, byte[] body) {
        starts.add((long) out.size());
        writeEvent(type, flags, body, crc32);
        return this;
    }

    private void writeEvent(int type, byte[] body, boolean trailer) {
        writeEvent(type, 0, body, trailer);
    }

    private void writeEvent(int type, int flags, byte[] body, boolean trailer) {
        int size = 19 + body.length + (trailer ? 4 : 0);
        byte[] h = new TestBinlog.Bytes().u32(1_700_000_000L).u8(type).u32(7).u32(size).u32(out.size() + size)
                .u16(flags).bytes();
        byte[] ev = new byte[size];
        System.arraycopy(h, 0, ev, 0, 19);
        System.arraycopy(body, 0, ev, 19, body.length);
        if (trailer) {
            CRC32 c = new CRC32();
            c.update(ev, 0, size - 4);
            putInt(ev, size - 4, (int) c.getValue());
        }
        out.writeBytes(ev);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    BinlogFile open() {
        return open(bytes());
    }

    /** Writes {@code bytes} to a temporary file named test.bin and maps it. */
    static BinlogFile open(byte[] bytes) {
        try {
            Path dir = Files.createTempDirectory("binlogkit-rewrite");
            Path file = dir.resolve("test.bin");
            Files.write(file, bytes);
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            return BinlogFile.open(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- bodies --------------------------------------------------------------------------------

    /** Table_map of {@code db.table} (table id 42): one INT NOT NULL column. */
    static byte[] tableMap(String db, String table) {
        byte[] d = db.getBytes(StandardCharsets.UTF_8);
        byte[] t = table.getBytes(StandardCharsets.UTF_8);
        return new TestBinlog.Bytes().u48(42).u16(1).u8(d.length).raw(d).u8(0).u8(t.length).raw(t).u8(0)
                .packed(1).u8(3).packed(0).u8(0).bytes();
    }

    /** The rows part of a rows event of the one-INT table: column count, bitmap(s), then {@code rows}. */
    static byte[] rowsBody(int flags, boolean update, byte[] rows) {
        TestBinlog.Bytes b = new TestBinlog.Bytes().u48(42).u16(flags).packed(1).u8(1);
        if (update) {
            b.u8(1);
        }
        return b.raw(rows).bytes();
    }

    /** The row images of INT values: each a NULL bitmap byte (0) and the value. */
    static byte[] intRows(int... values) {
        TestBinlog.Bytes b = new TestBinlog.Bytes();
        for (int v : values) {
            b.u8(0).u32(v);
        }
        return b.bytes();
    }

    /** MariaDB's compressed block of {@code data}: 0x80|n, n-byte big-endian length, zlib stream. */
    static byte[] compressed(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 64];
        int n = d.deflate(buf);
        d.end();
        TestBinlog.Bytes b = new TestBinlog.Bytes().u8(0x82).u8(data.length >> 8).u8(data.length);
        byte[] z = new byte[n];
        System.arraycopy(buf, 0, z, 0, n);
        return b.raw(z).bytes();
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
