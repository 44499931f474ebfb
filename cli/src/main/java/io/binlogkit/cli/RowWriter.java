package io.binlogkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.binlogkit.emitter.ByteSink;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints rows of a fixed set of columns in one of the {@link OutputFormat}s, streaming: a table
 * takes its column widths from the first rows it sees, so memory stays flat for any number of rows.
 */
abstract class RowWriter implements AutoCloseable {
    /** Rows that decide the width of table columns. */
    private static final int TABLE_SAMPLE = 2000;

    final String[] columns;
    final boolean[] numeric;

    RowWriter(String[] columns, boolean[] numeric) {
        this.columns = columns;
        this.numeric = numeric;
    }

    static RowWriter create(OutputFormat f, String[] columns, boolean[] numeric, PrintStream out) {
        return switch (f) {
            case TABLE -> new Table(columns, numeric, out);
            case TSV -> new Tsv(columns, numeric, out);
            case JSON -> new Json(columns, numeric, out);
        };
    }

    /** Writes one row; values are strings (numbers as their decimal text), {@code null} for SQL NULL. */
    abstract void row(String... values);

    @Override
    public abstract void close();

    /** TSV exactly as the {@code mariadb}/{@code mysql} client prints in batch mode (-B). */
    static final class Tsv extends RowWriter {
        private final PrintStream out;

        Tsv(String[] columns, boolean[] numeric, PrintStream out) {
            super(columns, numeric);
            this.out = out;
            out.print(String.join("\t", columns));
            out.print('\n');
        }

        @Override
        void row(String... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.print('\t');
                }
                out.print(values[i] == null ? "NULL" : escape(values[i]));
            }
            out.print('\n');
        }

        /** The client's batch-mode escaping: NUL, tab, newline and backslash ({@code print_quoted_field}). */
        static String escape(String s) {
            StringBuilder sb = null;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                String rep = switch (c) {
                    case '\0' -> "\\0";
                    case '\t' -> "\\t";
                    case '\n' -> "\\n";
                    case '\\' -> "\\\\";
                    default -> null;
                };
                if (rep != null && sb == null) {
                    sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                if (sb != null) {
                    if (rep != null) {
                        sb.append(rep);
                    } else {
                        sb.append(c);
                    }
                }
            }
            return sb == null ? s : sb.toString();
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    /** A boxed table like the interactive client's. */
    static final class Table extends RowWriter {
        /** Widest column, in characters: longer values are cut. */
        static final int MAX_WIDTH = 120;
        private final PrintStream out;
        private final List<String[]> pending = new ArrayList<>();
        /** The line being written, reused. */
        private final ByteSink line = new ByteSink(null);
        private int[] widths;
        private boolean any;

        Table(String[] columns, boolean[] numeric, PrintStream out) {
            super(columns, numeric);
            this.out = out;
        }

        @Override
        void row(String... values) {
            any = true;
            if (widths == null) {
                pending.add(values.clone());
                if (pending.size() >= TABLE_SAMPLE) {
                    start();
                }
            } else {
                print(values);
            }
        }

        private void start() {
            widths = new int[columns.length];
            for (int i = 0; i < columns.length; i++) {
                widths[i] = columns[i].length();
            }
            for (String[] r : pending) {
                for (int i = 0; i < r.length; i++) {
                    widths[i] = Math.max(widths[i], display(r[i]).length());
                }
            }
            line();
            print(columns);
            line();
            for (String[] r : pending) {
                print(r);
            }
            pending.clear();
        }

        /**
         * A value as the table shows it: newlines and tabs escaped, cut to {@link #MAX_WIDTH}
         * characters with "..." (the table is for reading; tsv and json carry every byte).
         */
        private static String display(String v) {
            if (v == null) {
                return "NULL";
            }
            String d = v.replace("\n", "\\n").replace("\t", "\\t");
            return d.length() <= MAX_WIDTH ? d : d.substring(0, MAX_WIDTH - 3) + "...";
        }

        private void line() {
            ByteSink b = this.line;
            b.truncate(0);
            b.byte_('+');
            for (int w : widths) {
                repeat(b, '-', w + 2);
                b.byte_('+');
            }
            b.byte_('\n');
            out.write(b.buffer(), 0, b.pending());
        }

        /** One row: built as UTF-8 bytes in a reused buffer (no StringBuilder, no char encoder). */
        private void print(String[] values) {
            ByteSink b = this.line;
            b.truncate(0);
            b.byte_('|');
            for (int i = 0; i < values.length; i++) {
                String v = display(values[i]);
                int pad = widths[i] - v.length();
                b.byte_(' ');
                if (numeric[i] && values != columns) {
                    repeat(b, ' ', pad);
                    b.utf8(v);
                } else {
                    b.utf8(v);
                    repeat(b, ' ', pad);
                }
                b.byte_(' ').byte_('|');
            }
            b.byte_('\n');
            out.write(b.buffer(), 0, b.pending());
        }

        private static void repeat(ByteSink b, char c, int n) {
            for (int i = 0; i < n; i++) {
                b.byte_(c);
            }
        }

        @Override
        public void close() {
            if (widths == null) {
                if (!any) {
                    out.flush();
                    return;
                }
                start();
            }
            line();
            out.flush();
        }
    }

    /** One JSON object per row (JSON lines), keys from the column names in lower case. */
    static final class Json extends RowWriter {
        private final JsonGenerator gen;
        private final String[] keys;
        private boolean any;

        Json(String[] columns, boolean[] numeric, PrintStream out) {
            super(columns, numeric);
            try {
                this.gen = new JsonFactory().createGenerator((OutputStream) out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gen.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            gen.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            keys = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                keys[i] = columns[i].toLowerCase(java.util.Locale.ROOT);
            }
        }

        @Override
        void row(String... values) {
            any = true;
            try {
                gen.writeStartObject();
                for (int i = 0; i < values.length; i++) {
                    gen.writeFieldName(keys[i]);
                    if (values[i] == null) {
                        gen.writeNull();
                    } else if (numeric[i]) {
                        gen.writeNumber(values[i]);
                    } else {
                        gen.writeString(values[i]);
                    }
                }
                gen.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                if (any) {
                    gen.writeRaw('\n');
                }
                gen.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
