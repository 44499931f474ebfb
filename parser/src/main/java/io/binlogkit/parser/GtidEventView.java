package io.binlogkit.parser;

import java.util.UUID;

/**
 * MySQL Gtid (33) and Anonymous_Gtid (34). Body: flags u8, source uuid (16 bytes), gno u64, then
 * optionally lt_type u8 (2), last_committed u64, sequence_number u64, immediate_commit_timestamp
 * (7 bytes; bit 55 set when an original_commit_timestamp of 7 bytes follows), transaction_length
 * (packed integer), immediate_server_version u32 (bit 31 set when original_server_version u32
 * follows), commit_group_ticket u64. See {@code Gtid_event} in MySQL's
 * {@code libs/mysql/binlog/event/control_events.cpp}.
 *
 * <p>Gtid_tagged (42, MySQL 8.4+) is written with MySQL's serialization framework; its fields are
 * exposed by {@link #taggedBody()} until the type-tagged decoder lands.
 */
public final class GtidEventView extends EventView {
    private static final int FIXED = 1 + 16 + 8;
    private static final long ENCODED_COMMIT_TIMESTAMP_BIT = 1L << 55;
    private static final long ENCODED_SERVER_VERSION_BIT = 1L << 31;

    private long lastCommitted;
    private long sequenceNumber;
    private long immediateCommitTs;
    private long originalCommitTs;
    private long transactionLength;
    private long immediateServerVersion;
    private long originalServerVersion;

    GtidEventView() {
    }

    @Override
    void check() {
        lastCommitted = sequenceNumber = immediateCommitTs = originalCommitTs = transactionLength = -1;
        immediateServerVersion = originalServerVersion = -1;
        if (typeCode == EventType.GTID_TAGGED.code()) {
            return;
        }
        need(body, FIXED, "fixed part");
        long p = body + FIXED;
        if (p < end && u8(p) == 2) {
            need(p, 17, "logical timestamps");
            lastCommitted = i64(p + 1);
            sequenceNumber = i64(p + 9);
            p += 17;
        }
        if (p + 7 <= end) {
            long ts = Bytes.uN(seg, p, 7);
            p += 7;
            immediateCommitTs = ts & ~ENCODED_COMMIT_TIMESTAMP_BIT;
            originalCommitTs = immediateCommitTs;
            if ((ts & ENCODED_COMMIT_TIMESTAMP_BIT) != 0) {
                need(p, 7, "original commit timestamp");
                originalCommitTs = Bytes.uN(seg, p, 7);
                p += 7;
            }
        }
        if (p < end) {
            transactionLength = packed(p, "transaction length");
            p += packedSize(p);
        }
        if (p + 4 <= end) {
            long v = u32(p);
            p += 4;
            immediateServerVersion = v & ~ENCODED_SERVER_VERSION_BIT;
            originalServerVersion = immediateServerVersion;
            if ((v & ENCODED_SERVER_VERSION_BIT) != 0) {
                need(p, 4, "original server version");
                originalServerVersion = u32(p);
            }
        }
    }

    public boolean isTagged() {
        return typeCode == EventType.GTID_TAGGED.code();
    }

    public boolean isAnonymous() {
        return typeCode == EventType.ANONYMOUS_GTID.code();
    }

    public int gtidFlags() {
        requireUntagged();
        return u8(body);
    }

    public UUID sourceId() {
        requireUntagged();
        return new UUID(Bytes.beN(seg, body + 1, 8), Bytes.beN(seg, body + 9, 8));
    }

    public long gno() {
        requireUntagged();
        return i64(body + 17);
    }

    /** {@code uuid:gno}, as SHOW BINLOG EVENTS prints it. */
    public String gtid() {
        return sourceId() + ":" + gno();
    }

    /** -1 when the event predates logical clocks. */
    public long lastCommitted() {
        return lastCommitted;
    }

    public long sequenceNumber() {
        return sequenceNumber;
    }

    /** Microseconds since the epoch, -1 when absent. */
    public long immediateCommitTimestamp() {
        return immediateCommitTs;
    }

    public long originalCommitTimestamp() {
        return originalCommitTs;
    }

    public long transactionLength() {
        return transactionLength;
    }

    public long immediateServerVersion() {
        return immediateServerVersion;
    }

    public long originalServerVersion() {
        return originalServerVersion;
    }

    /** The serialized body of a Gtid_tagged event (tier 1). */
    public java.lang.foreign.MemorySegment taggedBody() {
        return seg.asSlice(body, end - body);
    }

    private void requireUntagged() {
        if (isTagged()) {
            throw new IllegalStateException("Gtid_tagged events are read through taggedBody()");
        }
    }
}
