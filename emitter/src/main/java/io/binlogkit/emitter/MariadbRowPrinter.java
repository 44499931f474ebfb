package io.binlogkit.emitter;

import io.binlogkit.parser.RowCursor;
import io.binlogkit.parser.RowImage;
import io.binlogkit.parser.RowsEventView;
import io.binlogkit.parser.TableMapEventView;
import io.binlogkit.parser.TableMapRegistry;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The row decoder of {@code -v}/{@code -vv}: prints row events as {@code mariadb-binlog} 10.11 does
 * ({@code Rows_log_event::print_verbose}, {@code print_verbose_one_row} and
 * {@code log_event_print_value} in MariaDB's {@code sql/log_event_client.cc}), and writes them as
 * typed JSON for {@code --format json} ({@link RowJsonWriter}).
 *
 * <p>Rows are located by the parser's {@link RowCursor} (which checks every value against the end
 * of the event); each value is then printed from its bytes with the column's binlog type and
 * metadata as {@code table_def} holds them ({@link MariadbRowCounter.TableDef}), so the printed
 * type names, metadata and value forms are those of the official tool, quirks included: strings
 * are quoted with only the bytes below 0x20 escaped ({@code \x0a}; quotes and backslashes are
 * printed as they are), YEAR 0 prints as 1900, DATE with colons, TIMESTAMP as epoch seconds, FLOAT
 * as {@code %-20g}, DOUBLE as {@code %.20g}, SET as a bit string of its bytes in storage order.
 *
 * <p>Nothing is allocated per value except for DECIMALs of more than 18 digits, FLOAT and DOUBLE
 * (formatted through {@link Numbers}) and 64-bit unsigned values above {@link Long#MAX_VALUE}.
 */
final class MariadbRowPrinter implements RowsRenderer {
    private static final ValueLayout.OfShort LE_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int[] POW10 = {1, 10, 100, 1000, 10000, 100000, 1000000};

    /** What the printer needs of a table map, computed once per Table_map event. */
    static final class Table {
        final TableMapEventView map;
        final MariadbRowCounter.TableDef def;
        /** {@code ### INSERT INTO `db`.`t`\n}, {@code ### UPDATE …}, {@code ### DELETE FROM …}. */
        final byte[] insert;
        final byte[] update;
        final byte[] delete;
        final byte[] emptyInsert;
        /** Per column: {@code  /* TYPE meta=M nullable=N is_null=} (for -vv), or null for a type mariadb-binlog cannot print. */
        final byte[][] comment;
        /** Column names for JSON, made when first needed. */
        String[] names;

        Table(TableMapEventView map, Map<String, String> rewriteDb) {
            this.map = map;
            this.def = MariadbRowCounter.define(map);
            String db = map.database();
            db = rewriteDb.getOrDefault(db, db);
            byte[] name = concat(backquoted(db), new byte[]{'.'}, backquoted(map.table()));
            this.insert = concat(ascii("### INSERT INTO "), name, new byte[]{'\n'});
            this.update = concat(ascii("### UPDATE "), name, new byte[]{'\n'});
            this.delete = concat(ascii("### DELETE FROM "), name, new byte[]{'\n'});
            this.emptyInsert = concat(ascii("### INSERT INTO "), name, ascii(" VALUES ()\n"));
            int n = def.types.length;
            this.comment = new byte[n][];
            for (int i = 0; i < n; i++) {
                String t = typeName(def.type(i), def.meta[i]);
                if (t != null) {
                    comment[i] = ascii(" /* " + t + " meta=" + def.meta[i] + " nullable=" + (map.nullable(i) ? 1 : 0)
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

    private final Map<String, String> rewriteDb;
    private final TableMapRegistry maps = new TableMapRegistry();
    private final Map<Long, Table> tables = new HashMap<>();
    private final RowCursor cursor = new RowCursor();
    private final ByteSink scratch = new ByteSink(null);
    private final LongList rowEnds = new LongList();
    private RowJsonWriter json;

    /** @param rewriteDb the {@code --rewrite-db} rules: table maps print the new names */
    MariadbRowPrinter(Map<String, String> rewriteDb) {
        this.rewriteDb = rewriteDb;
    }

    @Override
    public void reset() {
        maps.clear();
        tables.clear();
    }

    @Override
    public void tableMap(TableMapEventView map) {
        TableMapEventView own = maps.put(map);
        tables.put(own.tableId(), new Table(own, rewriteDb));
    }

    /** The rows {@code print_verbose} walks: every row of the event (0 for an unknown table). */
    @Override
    public long countRows(RowsEventView rows) {
        Table t = tables.get(rows.tableId());
        if (t == null) {
            return 0;
        }
        cursor.wrap(rows, t.map);
        long n = 0;
        while (cursor.next()) {
            n++;
        }
        return n;
    }

    @Override
    public boolean canPrintVerbose() {
        return true;
    }

    @Override
    public boolean canWriteJson() {
        return true;
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
        Table t = tables.get(rows.tableId());
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
        MariadbRowCounter.TableDef def = t.def;
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
                value(r, i, def.type(i), def.meta[i], out);
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
        int type = t.def.type(i);
        int meta = t.def.meta[i];
        // log_event_print_value: "Don't know how to handle column type" on stderr, and the event fails.
        return new UnsupportedOperationException("Don't know how to handle column type: " + type + " meta: " + meta
                + " (" + String.format("%04x", meta) + ") in column @" + (i + 1) + " of " + t.map.database() + "."
                + t.map.table());
    }

    /** {@code log_event_print_value} for a non-NULL value. */
    static void value(RowImage r, int i, int type, int meta, ByteSink out) {
        MemorySegment s = r.segment();
        long p = r.offset(i);
        switch (type) {
            case MariadbRowCounter.LONG -> signedAndUnsigned(s.get(LE_INT, p), out);
            case MariadbRowCounter.TINY -> signedAndUnsigned(s.get(ValueLayout.JAVA_BYTE, p), out);
            case MariadbRowCounter.SHORT -> signedAndUnsigned(s.get(LE_SHORT, p), out);
            case MariadbRowCounter.INT24 -> {
                int v = int24(s, p);
                out.dec(v);
                if (v < 0) {
                    out.ascii(" (").dec(v & 0xFF_FFFF).byte_(')');
                }
            }
            case MariadbRowCounter.LONGLONG -> {
                long v = s.get(LE_LONG, p);
                out.dec(v);
                if (v < 0) {
                    out.ascii(" (").udec(v).byte_(')');
                }
            }
            case MariadbRowCounter.NEWDECIMAL -> decimal(r, i, out);
            case MariadbRowCounter.FLOAT -> {
                // sprintf("%-20g", (double) fl)
                int start = out.pending();
                out.ascii(Numbers.formatG(Float.intBitsToFloat(s.get(LE_INT, p)), 6));
                for (int k = out.pending() - start; k < 20; k++) {
                    out.byte_(' ');
                }
            }
            case MariadbRowCounter.DOUBLE ->
                    out.ascii(Numbers.formatG(Double.longBitsToDouble(s.get(LE_LONG, p)), 20));
            case MariadbRowCounter.BIT -> bits(s, p, (meta >> 8) * 8 + (meta & 0xFF), out);
            case MariadbRowCounter.TIMESTAMP -> out.dec(s.get(LE_INT, p)); // my_b_printf("%d", uint32)
            case MariadbRowCounter.TIMESTAMP2 -> {
                // my_timestamp_from_binary + my_timeval_to_str: seconds[.fraction], not quoted
                out.udec(u32be(s, p));
                if (meta > 0) {
                    out.byte_('.').zeroPadded(fraction(s, p + 4, meta) / POW10[6 - meta], meta);
                }
            }
            case MariadbRowCounter.DATETIME -> {
                long v = s.get(LE_LONG, p);
                long d = v / 1000000;
                long tm = v % 1000000;
                out.byte_('\'');
                fourDigits((int) (d / 10000), out);
                out.byte_('-').zeroPadded((int) (d % 10000) / 100, 2).byte_('-').zeroPadded(d % 100, 2).byte_(' ');
                out.zeroPadded(tm / 10000, 2).byte_(':').zeroPadded(tm % 10000 / 100, 2).byte_(':')
                        .zeroPadded(tm % 100, 2).byte_('\'');
            }
            case MariadbRowCounter.DATETIME2 -> {
                // my_datetime_to_str, then my_b_write_quoted
                var v = r.temporal(i);
                out.byte_('\'');
                fourDigits(v.year(), out);
                out.byte_('-').zeroPadded(v.month(), 2).byte_('-').zeroPadded(v.day(), 2).byte_(' ')
                        .zeroPadded(v.hour(), 2).byte_(':').zeroPadded(v.minute(), 2).byte_(':')
                        .zeroPadded(v.second(), 2);
                if (meta > 0) {
                    out.byte_('.').zeroPadded(v.micros() / POW10[6 - Math.min(meta, 6)], meta);
                }
                out.byte_('\'');
            }
            case MariadbRowCounter.TIME -> {
                int v = int24(s, p);
                int a = Math.abs(v);
                out.byte_('\'');
                if (v < 0) {
                    out.byte_('-');
                }
                twoOrMore(a / 10000, out);
                out.byte_(':').zeroPadded(a % 10000 / 100, 2).byte_(':').zeroPadded(a % 100, 2).byte_('\'');
            }
            case MariadbRowCounter.TIME2 -> {
                // my_time_to_str: hours take more than two digits when they need them
                var v = r.temporal(i);
                out.byte_('\'');
                if (v.negative()) {
                    out.byte_('-');
                }
                twoOrMore(v.hour(), out);
                out.byte_(':').zeroPadded(v.minute(), 2).byte_(':').zeroPadded(v.second(), 2);
                if (meta > 0) {
                    out.byte_('.').zeroPadded(v.micros() / POW10[6 - Math.min(meta, 6)], meta);
                }
                out.byte_('\'');
            }
            case MariadbRowCounter.NEWDATE, MariadbRowCounter.DATE -> {
                int v = s.get(ValueLayout.JAVA_BYTE, p) & 0xFF | (s.get(LE_SHORT, p + 1) & 0xFFFF) << 8;
                out.byte_('\'');
                fourDigits(v >> 9, out);
                out.byte_(':').zeroPadded(v >> 5 & 15, 2).byte_(':').zeroPadded(v & 31, 2).byte_('\'');
            }
            case MariadbRowCounter.YEAR -> fourDigits((s.get(ValueLayout.JAVA_BYTE, p) & 0xFF) + 1900, out);
            case MariadbRowCounter.ENUM -> out.dec((meta & 0xFF) == 1
                    ? s.get(ValueLayout.JAVA_BYTE, p) & 0xFF : s.get(LE_SHORT, p) & 0xFFFF);
            case MariadbRowCounter.SET -> bits(s, p, (meta & 0xFF) * 8, out);
            default -> out.quoted(s, p, r.length(i)); // BLOB, VARCHAR, VAR_STRING, STRING, GEOMETRY
        }
    }

    private static void signedAndUnsigned(int v, ByteSink out) {
        out.dec(v);
        if (v < 0) {
            out.ascii(" (").dec(v & 0xFFFF_FFFFL).byte_(')');
        }
    }

    /** my_b_write_sint32_and_uint32 for the narrower integers: the unsigned value of the same width. */
    private static void signedAndUnsigned(byte v, ByteSink out) {
        out.dec(v);
        if (v < 0) {
            out.ascii(" (").dec(v & 0xFF).byte_(')');
        }
    }

    private static void signedAndUnsigned(short v, ByteSink out) {
        out.dec(v);
        if (v < 0) {
            out.ascii(" (").dec(v & 0xFFFF).byte_(')');
        }
    }

    private static int int24(MemorySegment s, long p) {
        int v = (s.get(LE_SHORT, p) & 0xFFFF) | (s.get(ValueLayout.JAVA_BYTE, p + 2) << 16);
        return v;
    }

    private static long u32be(MemorySegment s, long p) {
        return Integer.toUnsignedLong(Integer.reverseBytes(s.get(LE_INT, p)));
    }

    /** The fraction of a TIMESTAMP2 in microseconds ({@code my_timestamp_from_binary}). */
    private static int fraction(MemorySegment s, long p, int fsp) {
        return switch (fsp) {
            case 1, 2 -> (s.get(ValueLayout.JAVA_BYTE, p) & 0xFF) * 10000;
            case 3, 4 -> (Short.reverseBytes(s.get(LE_SHORT, p)) & 0xFFFF) * 100;
            default -> (s.get(ValueLayout.JAVA_BYTE, p) & 0xFF) << 16 | (Short.reverseBytes(s.get(LE_SHORT, p + 1)) & 0xFFFF);
        };
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

    /** {@code my_b_write_bit}: the last {@code nbits} bits of the bytes, most significant first. */
    private static void bits(MemorySegment s, long p, int nbits, ByteSink out) {
        int nbits8 = (nbits + 7) / 8 * 8;
        out.ascii("b'");
        for (int bit = nbits8 - nbits; bit < nbits8; bit++) {
            int b = s.get(ValueLayout.JAVA_BYTE, p + bit / 8);
            out.byte_(((b >> (7 - bit % 8)) & 1) != 0 ? '1' : '0');
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
     * does not print. STRING metadata of a long CHAR is decoded as there (bug #37426).
     */
    static String typeName(int type, int meta) {
        int length = 0;
        if (type == MariadbRowCounter.STRING) {
            length = MariadbRowCounter.stringLength(meta);
            type = MariadbRowCounter.stringRealType(meta);
        }
        return switch (type) {
            case MariadbRowCounter.LONG -> "INT";
            case MariadbRowCounter.TINY -> "TINYINT";
            case MariadbRowCounter.SHORT -> "SHORTINT";
            case MariadbRowCounter.INT24 -> "MEDIUMINT";
            case MariadbRowCounter.LONGLONG -> "LONGINT";
            case MariadbRowCounter.NEWDECIMAL -> "DECIMAL(" + (meta >> 8) + "," + (meta & 0xFF) + ")";
            case MariadbRowCounter.FLOAT -> "FLOAT";
            case MariadbRowCounter.DOUBLE -> "DOUBLE";
            case MariadbRowCounter.BIT -> "BIT(" + ((meta >> 8) * 8 + (meta & 0xFF)) + ")";
            case MariadbRowCounter.TIMESTAMP -> "TIMESTAMP";
            case MariadbRowCounter.TIMESTAMP2 -> "TIMESTAMP(" + meta + ")";
            case MariadbRowCounter.DATETIME -> "DATETIME";
            case MariadbRowCounter.DATETIME2 -> "DATETIME(" + meta + ")";
            case MariadbRowCounter.TIME -> "TIME";
            case MariadbRowCounter.TIME2 -> "TIME(" + meta + ")";
            case MariadbRowCounter.NEWDATE, MariadbRowCounter.DATE -> "DATE";
            case MariadbRowCounter.YEAR -> "YEAR";
            case MariadbRowCounter.ENUM -> switch (meta & 0xFF) {
                case 1 -> "ENUM(1 byte)";
                case 2 -> "ENUM(2 bytes)";
                default -> null;
            };
            case MariadbRowCounter.SET -> "SET(" + (meta & 0xFF) + " bytes)";
            case MariadbRowCounter.BLOB -> switch (meta) {
                case 1 -> "TINYBLOB/TINYTEXT";
                case 2 -> "BLOB/TEXT";
                case 3 -> "MEDIUMBLOB/MEDIUMTEXT";
                case 4 -> "LONGBLOB/LONGTEXT";
                default -> null;
            };
            case MariadbRowCounter.VARCHAR, MariadbRowCounter.VAR_STRING -> "VARSTRING(" + meta + ")";
            case MariadbRowCounter.STRING -> "STRING(" + length + ")";
            case MariadbRowCounter.GEOMETRY -> meta == 4 ? "GEOMETRY" : null;
            default -> null;
        };
    }

    @Override
    public void writeJson(RowsEventView rows, com.fasterxml.jackson.core.JsonGenerator g) throws IOException {
        Table t = tables.get(rows.tableId());
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
