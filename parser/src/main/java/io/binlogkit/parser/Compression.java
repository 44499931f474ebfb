package io.binlogkit.parser;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * MariaDB's compressed event bodies ({@code log_bin_compress}): one byte {@code 0x80 | n} (n = 1..4),
 * an n-byte big-endian uncompressed length, then a zlib stream. See {@code binlog_get_uncompress_len}
 * and {@code binlog_buf_uncompress} in MariaDB's {@code sql/log_event.cc}. Inflates from the mapping
 * without copying the input, with the inflater its caller reuses.
 */
final class Compression {
    /** MariaDB refuses larger events anyway (max_allowed_packet); a bigger claim is corruption. */
    static final long MAX_UNCOMPRESSED = 1L << 30;

    private Compression() {
    }

    /** Checks the block header at {@code from} and returns the uncompressed length it declares. */
    static long uncompressedLength(EventView v, long from, String field) {
        v.need(from, 1, field + " header");
        int h = v.u8(from);
        int n = h & 0x07;
        if ((h & 0x80) == 0 || n == 0 || n > 4) {
            throw v.error(field + " header", "0x81..0x84", String.format("0x%02x", h));
        }
        v.need(from + 1, n, field + " length");
        long len = Bytes.beN(v.seg, from + 1, n);
        if (len > MAX_UNCOMPRESSED) {
            throw v.error(field + " uncompressed length", "<= " + MAX_UNCOMPRESSED, String.valueOf(len));
        }
        return len;
    }

    /** Inflates the block at {@code [from, end)} into memory of {@code arena}. */
    static MemorySegment inflate(EventView v, long from, long end, String field, Arena arena) {
        long len = uncompressedLength(v, from, field);
        MemorySegment out = arena.allocate(Math.max(1, len));
        inflate(v, from, end, field, v.cursor.inflater(), out.asSlice(0, len).asByteBuffer());
        return out.asSlice(0, len);
    }

    /**
     * Inflates the block at {@code [from, end)} into {@code dst}, whose remaining space is the
     * declared uncompressed length: fails unless the stream fills it exactly.
     */
    static void inflate(EventView v, long from, long end, String field, Inflater inf, ByteBuffer dst) {
        long dataStart = from + 1 + (v.u8(from) & 0x07);
        long len = dst.remaining();
        inf.reset();
        try {
            ByteBuffer in = v.seg.asSlice(dataStart, end - dataStart).asByteBuffer();
            inf.setInput(in);
            while (dst.hasRemaining() && !inf.finished()) {
                int got = inf.inflate(dst);
                if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
            }
            if (dst.hasRemaining()) {
                throw v.error(field, len + " bytes after inflating", (len - dst.remaining()) + " bytes (zlib stream ended early)");
            }
        } catch (DataFormatException e) {
            throw v.error(field, "a zlib stream", "corrupt data: " + e.getMessage());
        } finally {
            // drops the reference to the input (the mapping) until the next use
            inf.reset();
        }
    }
}
