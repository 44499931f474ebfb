package io.binlogkit.parser;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Locates the public fixtures in {@code ../shared/fixtures} beside the repository, and walks their rows. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The repository root: the {@code binlogkit.repo} property set by Surefire, else the working directory's parent chain. */
    public static Path repo() {
        String p = System.getProperty("binlogkit.repo");
        if (p != null) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.exists(d.resolve("mvnw"))) {
            d = d.getParent();
        }
        return d == null ? Path.of("").toAbsolutePath() : d;
    }

    /** {@code ../shared/fixtures/rust_mysql_common}, skipping the calling test when it is absent. */
    public static Path rustMysqlCommon() {
        Path dir = repo().resolve("../shared/fixtures/rust_mysql_common").normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "public fixtures not found at " + dir + " (see ../shared/fixtures/MANIFEST.md); skipping");
        return dir;
    }

    /** {@code testdata/binlogs} of this repository, skipping when it has not been generated. */
    public static Path testdata() {
        Path dir = repo().resolve("testdata/binlogs");
        Assumptions.assumeTrue(Files.isDirectory(dir), "testdata/binlogs missing: run testdata/make-binlogs.sh");
        return dir;
    }

    static Path dir() {
        return rustMysqlCommon();
    }

    static Path file(String name) {
        Path p = dir().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "fixture " + name + " is absent; skipping");
        return p;
    }

    static List<Path> all() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted().toList();
        }
    }

    /** One decoded row: event type, table, and the text of every column of each image. */
    record Row(EventType type, String table, List<String> before, List<String> after) {
    }

    /**
     * Decodes every row of the file (including rows inside transaction payloads); stops quietly at
     * the deliberately truncated fixtures' damage.
     */
    static List<Row> rows(Path path) throws IOException {
        List<Row> out = new ArrayList<>();
        try (BinlogFile f = BinlogFile.open(path); Arena arena = Arena.ofConfined()) {
            EventCursor c = f.cursor();
            boolean preGaDevTree = path.getFileName().toString().equals("ver_5_1-wl2325_s.001");
            walk(c, new TableMapRegistry(), new RowCursor(), arena, out::add, preGaDevTree);
        }
        return out;
    }

    /**
     * @param skipUnmapped ver_5_1-wl2325_s.001 comes from a 5.2 development tree in which codes
     *                     20-22 are not rows events (the file has no Table_map at all)
     */
    static void walk(EventCursor c, TableMapRegistry tables, RowCursor rc, Arena arena, Consumer<Row> sink,
                     boolean skipUnmapped) {
        while (c.next()) {
            EventType t = c.type();
            if (t == EventType.TABLE_MAP) {
                tables.put(c.tableMap());
            } else if (t == EventType.TRANSACTION_PAYLOAD) {
                walk(c.transactionPayload().events(arena), tables, rc, arena, sink, skipUnmapped);
            } else if (t.isRows()) {
                RowsEventView rows = c.rows();
                if (skipUnmapped && tables.get(rows.tableId()) == null) {
                    continue;
                }
                TableMapEventView tm = tables.require(rows);
                rc.wrap(rows, tm);
                while (rc.next()) {
                    List<String> before = rows.isWrite() ? null : render(rc.before());
                    List<String> after = rows.isWrite() || rows.isUpdate() ? render(rc.after()) : null;
                    sink.accept(new Row(t, tm.database() + "." + tm.table(), before, after));
                }
            }
        }
    }

    static List<String> render(RowImage r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.columnCount(); i++) {
            out.add(render(r, i));
        }
        return out;
    }

    /** A column's value through the typed accessors, as text. */
    static String render(RowImage r, int i) {
        if (!r.isPresent(i)) {
            return "-";
        }
        if (r.isNull(i)) {
            return "NULL";
        }
        return switch (r.columnType(i)) {
            case TINY, SHORT, INT24, LONG -> Long.toString(r.getLong(i));
            case LONGLONG -> Long.toString(r.getLong(i));
            case FLOAT -> Float.toString(r.getFloat(i));
            case DOUBLE -> Double.toString(r.getDouble(i));
            case NEWDECIMAL -> r.getBigDecimal(i).toPlainString();
            case YEAR, DATE, NEWDATE, TIME, TIME2, DATETIME, DATETIME2 -> r.temporal(i).toString();
            case TIMESTAMP, TIMESTAMP2 -> r.temporal(i).epochSecond() + "." + r.temporal(i).micros();
            case BIT -> "b" + Long.toBinaryString(r.getBits(i));
            case ENUM -> "enum" + r.getEnumIndex(i);
            case SET -> "set" + Long.toBinaryString(r.getSetBits(i));
            case JSON -> r.isPartialJson(i) ? diffText(r.jsonDiff(i)) : r.getJsonText(i);
            case GEOMETRY, VECTOR -> "len" + r.length(i);
            default -> r.getString(i);
        };
    }

    static String diffText(JsonDiffCursor d) {
        StringBuilder sb = new StringBuilder("diff[");
        while (d.next()) {
            sb.append(d.functionName()).append('(').append(d.path());
            if (d.hasValue()) {
                sb.append(", ").append(d.valueText());
            }
            sb.append(')');
        }
        return sb.append(']').toString();
    }
}
