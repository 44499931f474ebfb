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
 * <p>Gtid_tagged (42, MySQL 8.4+) is written with MySQL's serialization library
 * ({@code Gtid_event::encode_tagged} / {@code decode_tagged} in {@code control_events.cpp},
 * {@code libs/mysql/serialization/readme.md}): a format version byte, the serialized size
 * (self-inclusive) and the last non-ignorable field id as variable-length integers
 * ({@link Bytes#varlen}), then (field id, value) pairs: 0 flags, 1 source uuid (16 one-byte
 * varlens), 2 gno (signed), 3 tag (varlen length + bytes), 4 last_committed (signed),
 * 5 sequence_number (signed), 6 immediate_commit_timestamp, 7 original_commit_timestamp,
 * 8 transaction_length, 9 immediate_server_version, 10 original_server_version,
 * 11 commit_group_ticket. Absent original_* fields equal the immediate ones.
 */
public final class GtidEventView extends EventView {
    /**
     * Bit of {@link #gtidFlags()}: the transaction may contain statement-based events
     * ({@code FLAG_MAY_HAVE_SBR} in MySQL's {@code control_events.h}); without it the transaction
     * is row-based only, which {@code mysqlbinlog} prints as {@code rbr_only=yes}.
     */
    public static final int FLAG_MAY_HAVE_SBR = 1;
    /**
     * {@code Gtid_event::UNDEFINED_SERVER_VERSION}: the server version a Gtid event without one
     * stands for (MySQL before 8.0.14); {@link #immediateServerVersion()} and
     * {@link #originalServerVersion()} return -1 for it instead.
     */
    public static final long UNDEFINED_SERVER_VERSION = 999_999;

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
    private int flags;
    private long sidHigh;
    private long sidLow;
    private long gnoValue;
    private long tagAt;
    private int tagLen;
    private long commitGroupTicket;

    GtidEventView() {
    }

    @Override
    void check() {
        lastCommitted = sequenceNumber = immediateCommitTs = originalCommitTs = transactionLength = -1;
        immediateServerVersion = originalServerVersion = -1;
        tagAt = -1;
        tagLen = 0;
        commitGroupTicket = 0;
        if (typeCode == EventType.GTID_TAGGED.code()) {
            decodeTagged();
            return;
        }
        need(body, FIXED, "fixed part");
        flags = u8(body);
        sidHigh = Bytes.beN(seg, body + 1, 8);
        sidLow = Bytes.beN(seg, body + 9, 8);
        gnoValue = i64(body + 17);
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

    private long varlenAt(long p, String field) {
        need(p, 1, field);
        need(p, Bytes.varlenSize(seg, p), field);
        return Bytes.varlen(seg, p);
    }

    private void decodeTagged() {
        long p = body;
        long version = varlenAt(p, "serialization format version");
        p += Bytes.varlenSize(seg, p);
        long size = varlenAt(p, "serialized size");
        p += Bytes.varlenSize(seg, p);
        varlenAt(p, "last non-ignorable field id");
        p += Bytes.varlenSize(seg, p);
        if (size < p - body || size > end - body) {
            throw error("serialized size", (p - body) + ".." + (end - body) + " bytes", String.valueOf(size));
        }
        long limit = body + size;
        flags = 0;
        sidHigh = sidLow = 0;
        gnoValue = 0;
        lastCommitted = sequenceNumber = 0;
        immediateCommitTs = originalCommitTs = 0;
        transactionLength = 0;
        boolean originalTs = false;
        boolean originalVersion = false;
        while (p < limit) {
            long field = varlenAt(p, "field id");
            p += Bytes.varlenSize(seg, p);
            String name = "field " + field;
            if (field == 1) {
                for (int i = 0; i < 16; i++) {
                    long b = varlenAt(p, "source uuid");
                    if (b > 255) {
                        throw error("source uuid byte " + i, "0..255", String.valueOf(b));
                    }
                    if (i < 8) {
                        sidHigh = (sidHigh << 8) | b;
                    } else {
                        sidLow = (sidLow << 8) | b;
                    }
                    p += Bytes.varlenSize(seg, p);
                }
                continue;
            }
            long v = varlenAt(p, name);
            long signed = Bytes.varlenSigned(seg, p);
            p += Bytes.varlenSize(seg, p);
            switch ((int) field) {
                case 0 -> flags = (int) v;
                case 2 -> gnoValue = signed;
                case 3 -> {
                    if (v < 0 || v > 32 || p + v > limit) {
                        throw error("tag", "0..32 bytes inside the event", String.valueOf(v));
                    }
                    tagAt = p;
                    tagLen = (int) v;
                    p += v;
                }
                case 4 -> lastCommitted = signed;
                case 5 -> sequenceNumber = signed;
                case 6 -> immediateCommitTs = v;
                case 7 -> {
                    originalCommitTs = v;
                    originalTs = true;
                }
                case 8 -> transactionLength = v;
                case 9 -> immediateServerVersion = v;
                case 10 -> {
                    originalServerVersion = v;
                    originalVersion = true;
                }
                case 11 -> commitGroupTicket = v;
                default -> throw error(name, "a Gtid_tagged field id 0..11 (format version " + version + ")",
                        String.valueOf(field));
            }
        }
        if (p != limit) {
            throw error("serialized fields", "to end at body offset " + size, "end at " + (p - body));
        }
        if (!originalTs) {
            originalCommitTs = immediateCommitTs;
        }
        if (!originalVersion) {
            originalServerVersion = immediateServerVersion;
        }
    }

    /** The tag of a Gtid_tagged event, {@code null} for untagged GTIDs (and tagged ones with an empty tag). */
    public String tag() {
        return tagAt < 0 || tagLen == 0 ? null : Bytes.utf8(seg, tagAt, tagLen);
    }

    /** Binlog group commit ticket of a Gtid_tagged event, 0 when unset or untagged. */
    public long commitGroupTicket() {
        return commitGroupTicket;
    }

    public boolean isTagged() {
        return typeCode == EventType.GTID_TAGGED.code();
    }

    public boolean isAnonymous() {
        return typeCode == EventType.ANONYMOUS_GTID.code();
    }

    public int gtidFlags() {
        return flags;
    }

    public UUID sourceId() {
        return new UUID(sidHigh, sidLow);
    }

    /** Most significant 8 bytes of the source uuid (allocation-free access). */
    public long sourceIdHigh() {
        return sidHigh;
    }

    public long sourceIdLow() {
        return sidLow;
    }

    public long gno() {
        return gnoValue;
    }

    /** {@code uuid:gno}, or {@code uuid:tag:gno} for a tagged GTID, as SHOW BINLOG EVENTS prints it. */
    public String gtid() {
        String tag = tag();
        return tag == null ? sourceId() + ":" + gno() : sourceId() + ":" + tag + ":" + gno();
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
}
