package io.binlogkit.parser;

/**
 * The flags of the common event header ({@link EventCursor#flags()}, bytes 17-18 of a v3/v4 header):
 * {@code LOG_EVENT_*_F} of MariaDB's {@code sql/log_event.h} and MySQL's
 * {@code libs/mysql/binlog/event/binlog_event.h}. Both servers share the low byte; 0x8000 is MariaDB's.
 */
public final class EventFlags {
    /**
     * {@code LOG_EVENT_BINLOG_IN_USE_F}: set in the Format_description event while the server has the
     * file open for writing, cleared in place when it closes it (so the event's CRC32 is computed as if
     * the flag were clear: {@code Log_event::event_checksum_test}).
     */
    public static final int BINLOG_IN_USE = 0x1;
    /** {@code LOG_EVENT_THREAD_SPECIFIC_F}: the statement depends on its thread (temporary tables, …). */
    public static final int THREAD_SPECIFIC = 0x4;
    /**
     * {@code LOG_EVENT_SUPPRESS_USE_F}: the statement names its database itself (CREATE/DROP DATABASE),
     * so no {@code use db} is printed before it.
     */
    public static final int SUPPRESS_USE = 0x8;
    /**
     * {@code LOG_EVENT_ARTIFICIAL_F}: written by a replica, not by a client statement (e.g. the
     * Format_description a replica writes into its relay log, the fake Rotate at a dump's start).
     */
    public static final int ARTIFICIAL = 0x20;
    /** {@code LOG_EVENT_RELAY_LOG_F}: the event was written into a relay log by the replica itself. */
    public static final int RELAY_LOG = 0x40;
    /** {@code LOG_EVENT_IGNORABLE_F}: a reader that does not know the event type may skip it. */
    public static final int IGNORABLE = 0x80;
    /**
     * MariaDB's {@code LOG_EVENT_SKIP_REPLICATION_F}: written with {@code @@skip_replication} set
     * (allocated from the top of the range to stay clear of MySQL's flags).
     */
    public static final int SKIP_REPLICATION = 0x8000;

    private EventFlags() {
    }
}
