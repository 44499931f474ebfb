package io.binlogkit.emitter;

import io.binlogkit.parser.ColumnType;
import io.binlogkit.parser.RowCursor;
import io.binlogkit.parser.RowImage;
import io.binlogkit.parser.RowsEventView;
import io.binlogkit.parser.SizePlan;
import io.binlogkit.parser.TableMapEventView;
import io.binlogkit.parser.TableMapRegistry;
import io.binlogkit.parser.TemporalValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The rows of row events as {@code mariadb-binlog} 10.11 shows them: {@code # Number of rows: N}
 * ({@link #countingOnly}: counted by the parser's walk with {@link SizePlan#MARIADB_COUNT}), and
 * with {@code -v}/{@code -vv} the {@code ###} pseudo-SQL ({@code Rows_log_event::print_verbose},
 * {@code print_verbose_one_row} and {@code log_event_print_value} in MariaDB's
 * {@code sql/log_event_client.cc}); also the typed JSON rows of {@code --format json}
 * ({@link RowJsonWriter}).
 *
 * <p>Rows are located by the parser's {@link RowCursor} (which checks every value against the end
 * of the event) and each value is printed from the {@link RowImage} accessor of its
 * {@link ColumnType}, with the column's metadata, so that the printed type names, metadata and
 * value forms are those of the official tool, quirks included: strings are quoted with only the
 * bytes below 0x20 escaped ({@code \x0a}; quotes and backslashes are printed as they are), YEAR 0
 * prints as 1900, DATE with colons, TIMESTAMP as epoch seconds, FLOAT as {@code %-20g}, DOUBLE as
 * {@code %.20g}, SET as a bit string of its bytes in storage order.
 *
 * <p>The table maps are kept in one {@link TableMapRegistry}, with what {@code -v} prints for each
 * table attached to it when first needed. Nothing is allocated per value except for DECIMALs of
 * more than 18 digits, FLOAT and DOUBLE (formatted through {@link Numbers}) and 64-bit unsigned
 * values above {@link Long#MAX_VALUE}.
 */
final class MariadbRowPrinter implements RowsRenderer {
    private static final int[] POW10 = {1, 10, 100, 1000, 10000, 100000, 1000000};

    /** What the printer shows of a table, worked out once per table map (attached to it in the registry). */
    static final class Table {
        final TableMapEventView map;
        /** {@code ### INSERT INTO `db`.`t`\n}, {@code ### UPDATE …}, {@code ### DELETE FROM …}. */
        final byte[] insert;
        final byte[] update;
        final byte[] delete;
        final byte[] emptyInsert;
        /** Per column: {@code  /* TYPE meta=M nullable=N is_null=} (for -vv), or null for a type mariadb-binlog cannot print. */
        final byte[][] comment;
        /** Per column: the type (ENUM and SET resolved) and the metadata, read once from the table map. */
        final ColumnType[] types;
        final int[] meta;
        /** Column names for JSON, made when first needed. */
        String[] names;

        Table(TableMapEventView map, Map<String, String> rewriteDb) {
            this.map = map;
            String db = map.database();
            db = rewriteDb.getOrDefault(db, db);
            byte[] name = concat(backquoted(db), new byte[]{'.'}, backquoted(map.table()));
            this.insert = concat(ascii("### INSERT INTO "), name, new byte[]{'\n'});
            this.update = concat(ascii("### UPDATE "), name, new byte[]{'\n'});
            this.delete = concat(ascii("### DELETE FROM "), name, new byte[]{'\n'});
            this.emptyInsert = concat(ascii("### INSERT INTO "), name, ascii(" VALUES ()\n"));
            int n = map.columnCount();
            this.comment = new byte[n][];
            this.types = new ColumnType[n];
            this.meta = new int[n];
            for (int i = 0; i < n; i++) {
                int meta = map.columnMetadata(i);
                types[i] = map.columnType(i);
                this.meta[i] = meta;
                String t = typeName(types[i], meta, map.charLength(i));
                if (t != null) {
                    comment[i] = ascii(" /* " + t + " meta=" + meta + " nullable=" + (map.nullable(i) ? 1 : 0)
                            + " is_null=");
                }
            }
        }

        private static byte[] backquoted(String name) {
            byte[] b = name.getBytes(StandardCharsets.UTF_8);
            int quotes = 0;
            for (byte x : b) {
                if (x == '`') {
                    quotes++;
                }
            }
            // no ByteSink here: one is 128 KiB, and a table map comes with every statement
            byte[] q = new byte[b.length + quotes + 2];
            int p = 0;
            q[p++] = '`';
            for (byte x : b) {
                if (x == '`') {
                    q[p++] = '`';
                }
                q[p++] = x;
            }
            q[p] = '`';
            return q;
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }

        private static byte[] concat(byte[]... parts) {
            int n = 0;
            for (byte[] p : parts) {
                n += p.length;
            }
            byte[] out = new byte[n];
            int at = 0;
            for (byte[] p : parts) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        }
    }

    private final boolean decoding;
    private final Map<String, String> rewriteDb;
    private final TableMapRegistry tables = new TableMapRegistry();
    private final RowCursor cursor = new RowCursor();
    private final ByteSink scratch = new ByteSink(null);
    private final LongList rowEnds = new LongList();
    private RowJsonWriter json;

    /**
     * @param rewriteDb the {@code --rewrite-db} rules: table maps print the new names
     * @param decoding  whether values are printed ({@code -v}, JSON); without, rows are only counted
     */
    MariadbRowPrinter(Map<String, String> rewriteDb, boolean decoding) {
        this.rewriteDb = rewriteDb;
        this.decoding = decoding;
    }

    @Override
    public void reset() {
        tables.clear();
    }

    @Override
    public void tableMap(TableMapEventView map) {
        tables.put(map);
    }

    @Override
    public TableMapEventView table(long tableId) {
        return tables.get(tableId);
    }

    /** What is printed of the table of {@code tableId}, or null when no table map was seen for it. */
    private Table printed(long tableId) {
        Table t = (Table) tables.attachment(tableId);
        if (t == null) {
            TableMapEventView map = tables.get(tableId);
            if (map == null) {
                return null;
            }
            t = new Table(map, rewriteDb);
            tables.attach(tableId, t);
        }
        return t;
    }

    /**
     * Counting only: {@code mariadb-binlog}'s {@code # Number of rows}. Decoding: the rows
     * {@code print_verbose} walks, every row of the event (0 for an unknown table).
     */
    @Override
    public long countRows(RowsEventView rows) {
        TableMapEventView map = tables.get(rows.tableId());
        if (!decoding) {
            return cursor.countRows(rows, map, SizePlan.MARIADB_COUNT);
        }
        if (map == null) {
            return 0;
        }
        cursor.wrap(rows, map);
        long n = 0;
        while (cursor.next()) {
            n++;
        }
        return n;
    }

    @Override
    public boolean canPrintVerbose() {
        return decoding;
    }

    @Override
    public boolean canWriteJson() {
        return decoding;
    }

    @Override
    public long printVerbose(RowsEventView rows, int verbosity, ByteSink out) {
        return print(rows, verbosity, false, out);
    }

    @Override
    public long printVerboseInverted(RowsEventView rows, int verbosity, ByteSink out) {
        return print(rows, verbosity, true, out);
    }

    /**
     * {@code Rows_log_event::print_verbose}. With {@code inverted}, the event as {@code --flashback}
     * turns it round ({@code change_to_flashback_event}): writes print as deletes and deletes as
     * writes, an update's images swap, and the rows come last first.
     */
    private long print(RowsEventView rows, int verbosity, boolean inverted, ByteSink out) {
        if (!decoding) {
            throw new UnsupportedOperationException(
                    "decoding row values (-v, --base64-output=decode-rows -v) needs the decoding row renderer");
        }
        Table t = printed(rows.tableId());
        if (t == null) {
            out.ascii("### Row event for unknown table #").udec(rows.tableId());
            return 0;
        }
        boolean write = inverted ? rows.isDelete() : rows.isWrite();
        boolean update = rows.isUpdate();
        if (write && rows.rowsOffset() == rows.rowsEnd()) {
            out.bytes(t.emptyInsert);
            return 0;
        }
        byte[] command = write ? t.insert : update ? t.update : t.delete;
        byte[] clause1 = write ? SET : WHERE;
        cursor.wrap(rows, t.map);
        if (!inverted) {
            long n = 0;
            while (cursor.next()) {
                n++;
                out.bytes(command);
                printImage(t, update ? cursor.before() : cursor.image(), clause1, verbosity, out);
                if (update) {
                    printImage(t, cursor.after(), SET, verbosity, out);
                }
            }
            return n;
        }
        // Inverted: rows are printed last first, so each is rendered to the scratch sink first.
        scratch.truncate(0);
        rowEnds.clear();
        while (cursor.next()) {
            scratch.bytes(command);
            if (update) {
                printImage(t, cursor.after(), clause1, verbosity, scratch);
                printImage(t, cursor.before(), SET, verbosity, scratch);
            } else {
                printImage(t, cursor.image(), clause1, verbosity, scratch);
            }
            rowEnds.add(scratch.pending());
        }
        byte[] b = scratch.buffer();
        for (int i = rowEnds.size() - 1; i >= 0; i--) {
            int from = i == 0 ? 0 : (int) rowEnds.get(i - 1);
            out.bytes(b, from, (int) rowEnds.get(i) - from);
        }
        return rowEnds.size();
    }

    /** {@code print_verbose_one_row}. */
    private static void printImage(Table t, RowImage r, byte[] clause, int verbosity, ByteSink out) {
        out.bytes(clause);
        int n = r.columnCount();
        ColumnType[] types = t.types;
        int[] meta = t.meta;
        for (int i = 0; i < n; i++) {
            if (!r.isPresent(i)) {
                continue;
            }
            columnPrefix(i, out);
            boolean isNull = r.isNull(i);
            byte[] comment = t.comment[i];
            if (comment == null) {
                throw cannotPrint(t, i);
            }
            if (isNull) {
                out.ascii("NULL");
            } else {
                value(r, i, types[i], meta[i], out);
            }
            if (verbosity > 1) {
                out.bytes(comment).byte_(isNull ? '1' : '0').ascii(" */");
            }
            out.byte_('\n');
        }
    }

    private static final byte[] SET = "### SET\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WHERE = "### WHERE\n".getBytes(StandardCharsets.US_ASCII);
    /** {@code ###   @N=} for the first columns, made once. */
    private static final byte[][] COLUMN_PREFIX = new byte[256][];

    static {
        for (int i = 0; i < COLUMN_PREFIX.length; i++) {
            COLUMN_PREFIX[i] = ("###   @" + (i + 1) + "=").getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** {@code ###   @N=} of column {@code i} (N = i + 1). */
    private static void columnPrefix(int i, ByteSink out) {
        if (i < COLUMN_PREFIX.length) {
            out.bytes(COLUMN_PREFIX[i]);
        } else {
            out.ascii("###   @").dec(i + 1).byte_('=');
        }
    }

    private static UnsupportedOperationException cannotPrint(Table t, int i) {
        int type = t.types[i].code();
        int meta = t.meta[i];
        // log_event_print_value: "Don't know how to handle column type" on stderr, and the event fails.
        return new UnsupportedOperationException("Don't know how to handle column type: " + type + " meta: " + meta
                + " (" + String.format("%04x", meta) + ") in column @" + (i + 1) + " of " + t.map.database() + "."
                + t.map.table());
    }

    /**
     * {@code log_event_print_value} for a non-NULL value of column {@code i}, of {@code type} and
     * {@code meta}. A small dispatcher over one method per kind of value, so that the JIT inlines
     * the accessors of the hot ones into each.
     */
    static void value(RowImage r, int i, ColumnType type, int meta, ByteSink out) {
        switch (type) {
            case LONG, TINY, SHORT, INT24 -> integer(r, i, type, out);
            case LONGLONG -> longlong(r, i, out);
            case NEWDECIMAL -> decimal(r, i, out);
            case FLOAT -> {
                // sprintf("%-20g", (double) fl)
                int start = out.pending();
                out.ascii(Numbers.formatG(r.getFloat(i), 6));
                for (int k = out.pending() - start; k < 20; k++) {
                    out.byte_(' ');
                }
            }
            case DOUBLE -> out.ascii(Numbers.formatG(r.getDouble(i), 20));
            case BIT -> bits(r.getBits(i), (meta >> 8) * 8 + (meta & 0xFF), out);
            case TIMESTAMP -> out.dec((int) r.getLong(i)); // my_b_printf("%d", uint32)
            case TIMESTAMP2 -> timestamp2(r.temporal(i), meta, out);
            case DATETIME, DATETIME2 -> datetime(r.temporal(i), meta, out);
            case TIME, TIME2 -> time(r.temporal(i), meta, out);
            case NEWDATE, DATE -> date(r.temporal(i), out);
            case YEAR -> {
                // the stored byte + 1900: 0 (the year 0000) prints as 1900
                long y = r.getLong(i);
                fourDigits(y == 0 ? 1900 : (int) y, out);
            }
            case ENUM -> out.dec(r.getEnumIndex(i));
            case SET -> set(r.getSetBits(i), meta & 0xFF, out);
            default -> out.quoted(r.segment(), r.offset(i), r.length(i)); // BLOB, VARCHAR, VAR_STRING, STRING, GEOMETRY
        }
    }

    /**
     * my_b_write_sint32_and_uint32: the signed value, and when negative the unsigned one of the
     * column's width, whatever the table map says of its signedness.
     */
    private static void integer(RowImage r, int i, ColumnType type, ByteSink out) {
        long u = r.getUnsignedLong(i);
        switch (type) {
            case LONG -> signedAndUnsigned((int) u, 0xFFFF_FFFFL, out);
            case TINY -> signedAndUnsigned((byte) u, 0xFF, out);
            case SHORT -> signedAndUnsigned((short) u, 0xFFFF, out);
            default -> signedAndUnsigned((int) u << 8 >> 8, 0xFF_FFFF, out); // INT24
        }
    }

    private static void longlong(RowImage r, int i, ByteSink out) {
        long v = r.getLong(i);
        out.dec(v);
        if (v < 0) {
            out.ascii(" (").udec(v).byte_(')');
        }
    }

    /** my_timestamp_from_binary + my_timeval_to_str: seconds[.fraction], not quoted. */
    private static void timestamp2(TemporalValue v, int meta, ByteSink out) {
        out.udec(v.epochSecond());
        if (meta > 0) {
            out.byte_('.').zeroPadded(v.micros() / POW10[6 - meta], meta);
        }
    }

    /** DATETIME ({@code '%04d-%02d-%02d %02d:%02d:%02d'}) and DATETIME2 (my_datetime_to_str, then my_b_write_quoted). */
    private static void datetime(TemporalValue v, int meta, ByteSink out) {
        out.byte_('\'');
        fourDigits(v.year(), out);
        out.byte_('-').zeroPadded(v.month(), 2).byte_('-').zeroPadded(v.day(), 2).byte_(' ')
                .zeroPadded(v.hour(), 2).byte_(':').zeroPadded(v.minute(), 2).byte_(':')
                .zeroPadded(v.second(), 2);
        if (meta > 0) { // DATETIME2's fsp; DATETIME has no metadata
            out.byte_('.').zeroPadded(v.micros() / POW10[6 - Math.min(meta, 6)], meta);
        }
        out.byte_('\'');
    }

    /** TIME and TIME2 (my_time_to_str): hours take more than two digits when they need them. */
    private static void time(TemporalValue v, int meta, ByteSink out) {
        out.byte_('\'');
        if (v.negative()) {
            out.byte_('-');
        }
        twoOrMore(v.hour(), out);
        out.byte_(':').zeroPadded(v.minute(), 2).byte_(':').zeroPadded(v.second(), 2);
        if (meta > 0) { // TIME2's fsp; TIME has no metadata
            out.byte_('.').zeroPadded(v.micros() / POW10[6 - Math.min(meta, 6)], meta);
        }
        out.byte_('\'');
    }

    /** DATE and NEWDATE, with colons as log_event_print_value prints them. */
    private static void date(TemporalValue v, ByteSink out) {
        out.byte_('\'');
        fourDigits(v.year(), out);
        out.byte_(':').zeroPadded(v.month(), 2).byte_(':').zeroPadded(v.day(), 2).byte_('\'');
    }

    /** my_b_write_bit over the {@code n} stored bytes of a SET, in storage (little-endian) order. */
    private static void set(long v, int n, ByteSink out) {
        out.ascii("b'");
        for (int b = 0; b < n * 8; b++) {
            out.byte_((v >>> ((b & ~7) + 7 - (b & 7)) & 1) != 0 ? '1' : '0');
        }
        out.byte_('\'');
    }

    /** my_b_write_sint32_and_uint32 for a value of a column whose unsigned values are {@code mask}. */
    private static void signedAndUnsigned(int v, long mask, ByteSink out) {
        out.dec(v);
        if (v < 0) {
            out.ascii(" (").dec(v & mask).byte_(')');
        }
    }

    /** {@code %04d}. */
    private static void fourDigits(int v, ByteSink out) {
        if (v >= 0 && v < 10000) {
            out.zeroPadded(v, 4);
        } else {
            out.dec(v);
        }
    }

    /** {@code %02d}. */
    private static void twoOrMore(int v, ByteSink out) {
        if (v < 100) {
            out.zeroPadded(v, 2);
        } else {
            out.dec(v);
        }
    }

    /** {@code my_b_write_bit} of a BIT value: its last {@code nbits} bits, most significant first. */
    private static void bits(long v, int nbits, ByteSink out) {
        out.ascii("b'");
        for (int bit = nbits - 1; bit >= 0; bit--) {
            out.byte_(bit < 64 && (v >>> bit & 1) != 0 ? '1' : '0');
        }
        out.byte_('\'');
    }

    /** {@code decimal2string} of the binary DECIMAL: all the scale's digits, no exponent. */
    private static void decimal(RowImage r, int i, ByteSink out) {
        int scale = r.decimalScale(i);
        if (!r.decimalFitsLong(i)) {
            out.ascii(r.getBigDecimal(i).toPlainString());
            return;
        }
        long v = r.getDecimalUnscaled(i);
        if (v < 0) {
            out.byte_('-');
            v = -v;
        }
        if (scale == 0) {
            out.dec(v);
            return;
        }
        long pow = 1;
        for (int k = 0; k < scale; k++) {
            pow *= 10;
        }
        out.dec(v / pow).byte_('.').zeroPadded(v % pow, scale);
    }

    /**
     * The type names of {@code log_event_print_value} (its {@code typestr}), or null for a type it
     * does not print; {@code charLength} is a CHAR's length ({@link TableMapEventView#charLength}).
     */
    static String typeName(ColumnType type, int meta, int charLength) {
        return switch (type) {
            case LONG -> "INT";
            case TINY -> "TINYINT";
            case SHORT -> "SHORTINT";
            case INT24 -> "MEDIUMINT";
            case LONGLONG -> "LONGINT";
            case NEWDECIMAL -> "DECIMAL(" + (meta >> 8) + "," + (meta & 0xFF) + ")";
            case FLOAT -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case BIT -> "BIT(" + ((meta >> 8) * 8 + (meta & 0xFF)) + ")";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMP2 -> "TIMESTAMP(" + meta + ")";
            case DATETIME -> "DATETIME";
            case DATETIME2 -> "DATETIME(" + meta + ")";
            case TIME -> "TIME";
            case TIME2 -> "TIME(" + meta + ")";
            case NEWDATE, DATE -> "DATE";
            case YEAR -> "YEAR";
            case ENUM -> switch (meta & 0xFF) {
                case 1 -> "ENUM(1 byte)";
                case 2 -> "ENUM(2 bytes)";
                default -> null;
            };
            case SET -> "SET(" + (meta & 0xFF) + " bytes)";
            case BLOB -> switch (meta) {
                case 1 -> "TINYBLOB/TINYTEXT";
                case 2 -> "BLOB/TEXT";
                case 3 -> "MEDIUMBLOB/MEDIUMTEXT";
                case 4 -> "LONGBLOB/LONGTEXT";
                default -> null;
            };
            case VARCHAR, VAR_STRING -> "VARSTRING(" + meta + ")";
            case STRING -> "STRING(" + charLength + ")";
            case GEOMETRY -> meta == 4 ? "GEOMETRY" : null;
            default -> null;
        };
    }

    @Override
    public void writeJson(RowsEventView rows, com.fasterxml.jackson.core.JsonGenerator g) throws IOException {
        if (!decoding) {
            throw new UnsupportedOperationException("decoding row values for JSON needs the decoding row renderer");
        }
        Table t = printed(rows.tableId());
        if (t == null) {
            g.writeNull();
            return;
        }
        if (json == null) {
            json = new RowJsonWriter();
        }
        if (t.names == null) {
            String[] names = new String[t.map.columnCount()];
            for (int i = 0; i < names.length; i++) {
                String n = t.map.columnName(i);
                names[i] = n != null ? n : "@" + (i + 1);
            }
            t.names = names;
        }
        cursor.wrap(rows, t.map);
        json.write(cursor, rows, t.map, t.names, g);
    }
}
