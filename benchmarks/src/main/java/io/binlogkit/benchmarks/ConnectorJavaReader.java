package io.binlogkit.benchmarks;

import com.github.shyiko.mysql.binlog.BinaryLogFileReader;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The baseline reader: mysql-binlog-connector-java 0.30.1 (com.zendesk), the JVM binlog library most
 * Java users pick, reading a binlog file offline with its default {@link EventDeserializer}, which
 * deserialises every row of every rows event into {@code Serializable[]} values (boxed numbers,
 * {@code String}s, {@code java.sql} dates, {@code BigDecimal}s). Counts events, rows and non-NULL
 * values.
 *
 * <p>Known limit of the library (DESIGN.md): MariaDB compressed rows events come back with an
 * unknown type and no rows.
 *
 * <pre>java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' io.binlogkit.benchmarks.ConnectorJavaReader FILE</pre>
 */
public final class ConnectorJavaReader {
    /** What one read saw. */
    public record Counts(long events, long rowsEvents, long rows, long values) {
    }

    private ConnectorJavaReader() {
    }

    public static Counts read(Path file) throws IOException {
        EventDeserializer d = new EventDeserializer();
        d.setChecksumType(ChecksumType.CRC32);
        long events = 0;
        long rowsEvents = 0;
        long rows = 0;
        long values = 0;
        try (BinaryLogFileReader r = new BinaryLogFileReader(file.toFile(), d)) {
            for (Event e; (e = r.readEvent()) != null; ) {
                events++;
                EventData data = e.getData();
                List<Serializable[]> images = null;
                if (data instanceof WriteRowsEventData w) {
                    images = w.getRows();
                } else if (data instanceof DeleteRowsEventData del) {
                    images = del.getRows();
                } else if (data instanceof UpdateRowsEventData u) {
                    rowsEvents++;
                    for (Map.Entry<Serializable[], Serializable[]> row : u.getRows()) {
                        rows++;
                        values += nonNull(row.getKey()) + nonNull(row.getValue());
                    }
                }
                if (images != null) {
                    rowsEvents++;
                    for (Serializable[] row : images) {
                        rows++;
                        values += nonNull(row);
                    }
                }
            }
        }
        return new Counts(events, rowsEvents, rows, values);
    }

    private static int nonNull(Serializable[] row) {
        int n = 0;
        for (Serializable v : row) {
            if (v != null) {
                n++;
            }
        }
        return n;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ConnectorJavaReader BINLOG_FILE");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        Counts c = read(Path.of(args[0]));
        System.out.printf("connector-java: events=%d rows_events=%d rows=%d values=%d in-jvm=%.3fs%n",
                c.events(), c.rowsEvents(), c.rows(), c.values(), (System.nanoTime() - t0) / 1e9);
    }
}
