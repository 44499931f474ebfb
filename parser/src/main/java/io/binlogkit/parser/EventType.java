package io.binlogkit.parser;

/**
 * Every binlog event type code written by MySQL 3.23 – 9.x and MariaDB 5.x – 11.x.
 *
 * <p>Codes and names follow {@code Log_event_type} in MySQL's {@code libbinlogevents/include/binlog_event.h}
 * (now {@code libs/mysql/binlog/event/binlog_event.h}) and MariaDB's {@code sql/log_event.h}; the
 * names are those of {@code Log_event::get_type_str()}, i.e. what {@code SHOW BINLOG EVENTS} prints.
 * Where the two servers name a code differently, both are kept.
 */
public enum EventType {
    UNKNOWN(0, "Unknown"),
    START_V3(1, "Start_v3"),
    QUERY(2, "Query"),
    STOP(3, "Stop"),
    ROTATE(4, "Rotate"),
    INTVAR(5, "Intvar"),
    LOAD(6, "Load"),
    SLAVE(7, "Slave"),
    CREATE_FILE(8, "Create_file"),
    APPEND_BLOCK(9, "Append_block"),
    EXEC_LOAD(10, "Exec_load"),
    DELETE_FILE(11, "Delete_file"),
    NEW_LOAD(12, "New_load"),
    RAND(13, "RAND"),
    USER_VAR(14, "User var"),
    FORMAT_DESCRIPTION(15, "Format_desc"),
    XID(16, "Xid"),
    BEGIN_LOAD_QUERY(17, "Begin_load_query"),
    EXECUTE_LOAD_QUERY(18, "Execute_load_query"),
    TABLE_MAP(19, "Table_map"),
    PRE_GA_WRITE_ROWS(20, "Write_rows_event_old"),
    PRE_GA_UPDATE_ROWS(21, "Update_rows_event_old"),
    PRE_GA_DELETE_ROWS(22, "Delete_rows_event_old"),
    WRITE_ROWS_V1(23, "Write_rows_v1"),
    UPDATE_ROWS_V1(24, "Update_rows_v1"),
    DELETE_ROWS_V1(25, "Delete_rows_v1"),
    INCIDENT(26, "Incident"),
    HEARTBEAT(27, "Heartbeat"),
    IGNORABLE(28, "Ignorable"),
    ROWS_QUERY(29, "Rows_query"),
    WRITE_ROWS(30, "Write_rows"),
    UPDATE_ROWS(31, "Update_rows"),
    DELETE_ROWS(32, "Delete_rows"),
    GTID(33, "Gtid"),
    ANONYMOUS_GTID(34, "Anonymous_Gtid"),
    PREVIOUS_GTIDS(35, "Previous_gtids"),
    TRANSACTION_CONTEXT(36, "Transaction_context"),
    VIEW_CHANGE(37, "View_change"),
    XA_PREPARE(38, "XA_prepare"),
    PARTIAL_UPDATE_ROWS(39, "Update_rows_partial"),
    TRANSACTION_PAYLOAD(40, "Transaction_payload"),
    HEARTBEAT_V2(41, "Heartbeat_v2"),
    GTID_TAGGED(42, "Gtid_tagged_log_event"),
    // MariaDB (codes from 160, MARIA_EVENTS_BEGIN)
    ANNOTATE_ROWS(160, "Annotate_rows"),
    BINLOG_CHECKPOINT(161, "Binlog_checkpoint"),
    MARIADB_GTID(162, "Gtid"),
    GTID_LIST(163, "Gtid_list"),
    START_ENCRYPTION(164, "Start_encryption"),
    QUERY_COMPRESSED(165, "Query_compressed"),
    WRITE_ROWS_COMPRESSED_V1(166, "Write_rows_compressed_v1"),
    UPDATE_ROWS_COMPRESSED_V1(167, "Update_rows_compressed_v1"),
    DELETE_ROWS_COMPRESSED_V1(168, "Delete_rows_compressed_v1"),
    WRITE_ROWS_COMPRESSED(169, "Write_rows_compressed"),
    UPDATE_ROWS_COMPRESSED(170, "Update_rows_compressed"),
    DELETE_ROWS_COMPRESSED(171, "Delete_rows_compressed"),
    /** MariaDB 12+: a fragment of a row event too large for one event. */
    PARTIAL_ROW_DATA(172, "Partial_row_data");

    private static final EventType[] BY_CODE = new EventType[256];

    static {
        for (EventType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String displayName;

    EventType(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** The numeric code in byte 4 of the event header. */
    public int code() {
        return code;
    }

    /** The name {@code SHOW BINLOG EVENTS} prints in its Event_type column. */
    public String displayName() {
        return displayName;
    }

    /** The type for a code, or {@code null} when no server version writes that code. */
    public static EventType ofCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }

    /** True for every Write/Update/Delete rows event, old, v1, v2, partial or MariaDB compressed. */
    public boolean isRows() {
        return switch (this) {
            case PRE_GA_WRITE_ROWS, PRE_GA_UPDATE_ROWS, PRE_GA_DELETE_ROWS,
                 WRITE_ROWS_V1, UPDATE_ROWS_V1, DELETE_ROWS_V1,
                 WRITE_ROWS, UPDATE_ROWS, DELETE_ROWS, PARTIAL_UPDATE_ROWS,
                 WRITE_ROWS_COMPRESSED_V1, UPDATE_ROWS_COMPRESSED_V1, DELETE_ROWS_COMPRESSED_V1,
                 WRITE_ROWS_COMPRESSED, UPDATE_ROWS_COMPRESSED, DELETE_ROWS_COMPRESSED -> true;
            default -> false;
        };
    }
}
