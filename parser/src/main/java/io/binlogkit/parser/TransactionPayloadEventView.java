package io.binlogkit.parser;

import com.github.luben.zstd.Zstd;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * MySQL Transaction_payload (40, 8.0.20+): a header of (type, length, value) fields, each a packed
 * integer, ended by type 0; then the compressed events of one transaction. Field types:
 * 1 = payload size, 2 = compression type (0 = zstd, 255 = none), 3 = uncompressed size. See
 * {@code Transaction_payload_event} in MySQL's {@code control_events.cpp}. The inner events have
 * no checksum and are framed by {@link #events(Arena)} like any others.
 */
public final class TransactionPayloadEventView extends EventView {
    public static final int COMPRESSION_ZSTD = 0;
    public static final int COMPRESSION_NONE = 255;
    private static final long MAX_UNCOMPRESSED = 1L << 32;

    private long payloadSize;
    private int compression;
    private long uncompressedSize;
    private long payloadAt;

    TransactionPayloadEventView() {
    }

    @Override
    void check() {
        payloadSize = -1;
        compression = COMPRESSION_NONE;
        uncompressedSize = -1;
        long p = body;
        while (true) {
            long type = packed(p, "field type");
            p += packedSize(p);
            if (type == 0) {
                break;
            }
            long len = packed(p, "field length");
            p += packedSize(p);
            need(p, len, "field ", type, "");
            long value = len == 0 ? 0 : packed(p, "field " + type + " value");
            switch ((int) type) {
                case 1 -> payloadSize = value;
                case 2 -> compression = (int) value;
                case 3 -> uncompressedSize = value;
                default -> {
                    // unknown fields are skipped: they carry their own length
                }
            }
            p += len;
        }
        payloadAt = p;
        if (payloadSize < 0) {
            payloadSize = end - p;
        }
        need(payloadAt, payloadSize, "payload");
    }

    public int compression() {
        return compression;
    }

    public long payloadSize() {
        return payloadSize;
    }

    public long uncompressedSize() {
        return uncompressedSize;
    }

    /** The compressed payload as a slice of the mapping. */
    public MemorySegment payload() {
        return seg.asSlice(payloadAt, payloadSize);
    }

    /**
     * Decompresses the payload into memory owned by {@code arena} and returns a cursor over the
     * inner events (which carry no checksum). The cursor's positions are offsets in the decompressed
     * payload.
     */
    public EventCursor events(Arena arena) {
        MemorySegment data;
        if (compression == COMPRESSION_NONE) {
            data = payload();
        } else if (compression == COMPRESSION_ZSTD) {
            if (uncompressedSize < 0 || uncompressedSize > MAX_UNCOMPRESSED) {
                throw error("uncompressed size", "0.." + MAX_UNCOMPRESSED, String.valueOf(uncompressedSize));
            }
            // Before allocating what the header claims, check it against the zstd frame's own
            // content size when the frame carries one (a streamed frame may not: -1).
            long frameSize;
            try {
                frameSize = Zstd.getDirectByteBufferFrameContentSize(payload().asByteBuffer(), 0, (int) payloadSize);
            } catch (RuntimeException e) {
                throw error("zstd payload", "a zstd frame", "corrupt frame header: " + e.getMessage());
            }
            if (frameSize >= 0 && frameSize != uncompressedSize) {
                throw error("uncompressed size", frameSize + " (the zstd frame's content size)", String.valueOf(uncompressedSize));
            }
            data = arena.allocate(Math.max(1, uncompressedSize)).asSlice(0, uncompressedSize);
            MemorySegment src = payload();
            long got;
            try {
                got = Zstd.decompressDirectByteBuffer(data.asByteBuffer(), 0, (int) uncompressedSize,
                        src.asByteBuffer(), 0, (int) payloadSize);
            } catch (RuntimeException e) {
                throw error("zstd payload", "a zstd frame", "corrupt data: " + e.getMessage());
            }
            if (got != uncompressedSize) {
                throw error("zstd payload", uncompressedSize + " bytes", got + " bytes");
            }
        } else {
            throw error("compression type", "0 (zstd) or 255 (none)", String.valueOf(compression));
        }
        return new EventCursor(path, data, 0, data.byteSize(), format.withoutChecksum(), false);
    }
}
