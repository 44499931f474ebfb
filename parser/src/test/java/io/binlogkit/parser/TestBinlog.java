package io.binlogkit.parser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Builds a small v4 binlog in memory: magic, a Format_description of server "5.5.0-test" (no
 * checksums) whose post-header lengths are 8 for Table_map and the v1 / MariaDB compressed v1 rows
 * events, then the events the test adds.
 */
final class TestBinlog {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TestBinlog() {
        out.writeBytes(new byte[] {(byte) 0xfe, 'b', 'i', 'n'});
        event(EventType.FORMAT_DESCRIPTION.code(), formatDescriptionBody("5.5.0-test").bytes());
    }

    /**
     * The body of a v4 Format_description of {@code serverVersion} whose post-header lengths are 8
     * for Table_map and the v1 / MariaDB compressed v1 rows events, 13 for Query.
     */
    static Bytes formatDescriptionBody(String serverVersion) {
        Bytes b = new Bytes();
        b.u16(4);
        byte[] version = new byte[50];
        byte[] v = serverVersion.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(v, 0, version, 0, v.length);
        b.raw(version).u32(0).u8(19);
        byte[] post = new byte[171];
        post[EventType.TABLE_MAP.code() - 1] = 8;
        for (int t = 23; t <= 25; t++) {
            post[t - 1] = 8;
        }
        for (int t = 166; t <= 168; t++) {
            post[t - 1] = 8;
        }
        post[EventType.QUERY.code() - 1] = 13;
        post[EventType.QUERY_COMPRESSED.code() - 1] = 13;
        return b.raw(post);
    }

    TestBinlog event(int type, byte[] body) {
        int size = 19 + body.length;
        Bytes h = new Bytes().u32(0).u8(type).u32(1).u32(size).u32(out.size() + size).u16(0);
        out.writeBytes(h.bytes());
        out.writeBytes(body);
        return this;
    }

    /** Writes the binlog to a temporary file named test.bin and maps it, as a real file is read. */
    BinlogFile open() {
        try {
            Path dir = Files.createTempDirectory("binlogkit-rows");
            Path file = dir.resolve("test.bin");
            Files.write(file, out.toByteArray());
            // deleted in reverse order of registration: the file first, then its directory
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            return BinlogFile.open(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code bytes} as one zlib stream (MariaDB's compressed events). */
    static byte[] deflate(byte[] bytes) {
        java.util.zip.Deflater d = new java.util.zip.Deflater();
        d.setInput(bytes);
        d.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            z.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return z.toByteArray();
    }

    /** Little-endian byte writer. */
    static final class Bytes {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        Bytes u8(int v) {
            b.write(v);
            return this;
        }

        Bytes u16(int v) {
            return u8(v).u8(v >> 8);
        }

        Bytes u24(int v) {
            return u16(v).u8(v >> 16);
        }

        Bytes u32(long v) {
            return u16((int) v).u16((int) (v >> 16));
        }

        Bytes u48(long v) {
            return u32(v).u16((int) (v >> 32));
        }

        Bytes u64(long v) {
            return u32(v).u32(v >>> 32);
        }

        Bytes hex(String h) {
            h = h.replace(" ", "");
            for (int i = 0; i < h.length(); i += 2) {
                u8(Integer.parseInt(h.substring(i, i + 2), 16));
            }
            return this;
        }

        Bytes raw(byte[] r) {
            b.writeBytes(r);
            return this;
        }

        Bytes str(String s) {
            return raw(s.getBytes(StandardCharsets.UTF_8));
        }

        /** Packed (length-encoded) integer, values below 251 only. */
        Bytes packed(int v) {
            return u8(v);
        }

        byte[] bytes() {
            return b.toByteArray();
        }
    }
}
