package io.binlogkit.cli;

import io.binlogkit.emitter.ByteSink;
import io.binlogkit.emitter.EventInfo;
import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventCursor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code binlog events FILE}: the six columns of {@code SHOW BINLOG EVENTS}. */
final class EventsCommand implements Command {
    private static final String[] COLUMNS = {"Log_name", "Pos", "Event_type", "Server_id", "End_log_pos", "Info"};
    private static final boolean[] NUMERIC = {false, true, false, true, true, false};

    /** Writes the line of the cursor's event, whose Info bytes are {@code info[0, len)}. */
    private interface Line {
        void write(EventCursor c, byte[] info, int len, ByteSink out) throws IOException;
    }

    /**
     * The byte formats (tsv, json): each line is built in a sink straight from the mapping, without
     * a String per event; the sink is written out in blocks, between events, so that the output
     * ends with a whole line when an event cannot be read.
     */
    private static void lines(EventCursor c, long limit, Terminal t, Progress progress, String header, Line line)
            throws IOException {
        ByteSink out = new ByteSink(t.rawOut());
        ByteSink info = new ByteSink(null);
        out.utf8(header);
        try {
            for (long n = 0; n < limit && c.next(); n++) {
                info.truncate(0);
                EventInfo.append(c, info); // decodes the body: may throw, before anything of the line is out
                line.write(c, info.buffer(), info.pending(), out);
                if (out.pending() >= 1 << 16) {
                    out.maybeFlush();
                    progress.set(c.nextEventOffset());
                }
            }
        } finally {
            out.flush();
        }
    }

    /** TSV, escaped as the client's batch mode does ({@link RowWriter.Tsv#escape}). */
    private static void tsv(EventCursor c, String logName, long limit, Terminal t, Progress progress)
            throws IOException {
        byte[] name = logName.getBytes(StandardCharsets.UTF_8);
        lines(c, limit, t, progress, String.join("\t", COLUMNS) + "\n", (e, b, len, out) -> {
            out.bytes(name).byte_('\t').dec(e.position()).byte_('\t').ascii(e.type().displayName()).byte_('\t')
                    .udec(e.serverId()).byte_('\t').udec(e.logPosition()).byte_('\t');
            int run = 0;
            for (int i = BatchEscape.next(b, 0, len); i < len; i = BatchEscape.next(b, i + 1, len)) {
                out.bytes(b, run, i - run).byte_('\\').byte_(BatchEscape.letter(b[i]));
                run = i + 1;
            }
            out.bytes(b, run, len - run);
            out.byte_('\n');
        });
    }

    /**
     * JSON lines exactly as {@link RowWriter.Json} writes them with Jackson (keys in lower case,
     * numbers as numbers, Jackson's escapes): an ASCII Info text (statements of hundreds of KB) is
     * escaped straight from the bytes ({@link #jsonAscii}); any other text goes through Jackson as a
     * String, so bytes that are not UTF-8 become U+FFFD as before.
     */
    private static void json(EventCursor c, String logName, long limit, Terminal t, Progress progress)
            throws IOException {
        java.io.ByteArrayOutputStream other = new java.io.ByteArrayOutputStream();
        JsonFactory factory = new JsonFactory();
        byte[] logNameJson = jsonString(factory, other, logName);
        lines(c, limit, t, progress, "", (e, b, len, out) -> {
            out.ascii("{\"log_name\":").bytes(logNameJson).ascii(",\"pos\":").dec(e.position())
                    .ascii(",\"event_type\":\"").ascii(e.type().displayName()).ascii("\",\"server_id\":")
                    .udec(e.serverId()).ascii(",\"end_log_pos\":").udec(e.logPosition()).ascii(",\"info\":");
            if (BatchEscape.isAscii(b, len)) {
                jsonAscii(b, len, out);
            } else {
                out.bytes(jsonString(factory, other, new String(b, 0, len, StandardCharsets.UTF_8)));
            }
            out.ascii("}\n");
        });
    }

    /** {@code s} as a JSON string by Jackson (quotes included). */
    private static byte[] jsonString(JsonFactory factory, java.io.ByteArrayOutputStream buf, String s)
            throws IOException {
        buf.reset();
        try (JsonGenerator g = factory.createGenerator(buf)) {
            g.writeString(s);
        }
        return buf.toByteArray();
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /**
     * An ASCII text as a JSON string with Jackson's escapes: a backslash before a double quote or a
     * backslash, the short forms of backspace, tab, newline, form feed and carriage return, other
     * bytes below 0x20 as a u-escape with four upper-case hex digits; everything else as it is.
     */
    static void jsonAscii(byte[] b, int len, ByteSink out) {
        out.byte_('"');
        int run = 0;
        for (int i = BatchEscape.nextJson(b, 0, len); i < len; i = BatchEscape.nextJson(b, i + 1, len)) {
            out.bytes(b, run, i - run);
            int x = b[i];
            switch (x) {
                case '"' -> out.ascii("\\\"");
                case '\\' -> out.ascii("\\\\");
                case '\b' -> out.ascii("\\b");
                case '\t' -> out.ascii("\\t");
                case '\n' -> out.ascii("\\n");
                case '\f' -> out.ascii("\\f");
                case '\r' -> out.ascii("\\r");
                default -> out.ascii("\\u00").byte_(HEX[x >> 4]).byte_(HEX[x & 0xF]);
            }
            run = i + 1;
        }
        out.bytes(b, run, len - run);
        out.byte_('"');
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public String summary() {
        return "list the events of a binlog like SHOW BINLOG EVENTS";
    }

    @Override
    public int run(String[] args, Terminal t) throws Exception {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("from").hasArg().argName("POS")
                .desc("start at the event at byte offset POS (default: the first event)").get());
        o.addOption(Option.builder().longOpt("limit").hasArg().argName("N").desc("print at most N events").get());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("FMT")
                .desc("table (default), tsv (exactly as 'mariadb -B -e \"SHOW BINLOG EVENTS\"'), or json (one object per line)")
                .get());
        o.addOption(Option.builder().longOpt("no-verify").desc("do not verify CRC32 checksums").get());
        CommandLine cl = CommandLineSupport.parse(o, args, "binlog events [OPTIONS] FILE",
                "Lists the events of a binary or relay log with the columns of SHOW BINLOG EVENTS: "
                        + "Log_name, Pos, Event_type, Server_id, End_log_pos, Info.", t);
        if (cl == null) {
            return ExitCode.OK;
        }
        if (cl.getArgList().size() != 1) {
            throw CliException.usage("expects exactly one FILE, got " + cl.getArgList().size());
        }
        long from = CommandLineSupport.longValue(cl, "from", -1);
        long limit = CommandLineSupport.longValue(cl, "limit", Long.MAX_VALUE);
        if (limit < 0) {
            throw CliException.usage("--limit must not be negative");
        }
        OutputFormat format = CommandLineSupport.enumValue(cl, "format", OutputFormat.class, OutputFormat.TABLE);
        Path path = Path.of(cl.getArgList().getFirst());
        try (BinlogFile file = BinlogFile.open(path)) {
            EventCursor c = from < 0 ? file.cursor() : file.cursor(from);
            c.verifyChecksums(!cl.hasOption("no-verify"));
            String logName = path.getFileName().toString();
            if (format == OutputFormat.TSV || format == OutputFormat.JSON) {
                try (Progress progress = Progress.start(t, "binlog events", file.size())) {
                    if (format == OutputFormat.TSV) {
                        tsv(c, logName, limit, t, progress);
                    } else {
                        json(c, logName, limit, t, progress);
                    }
                }
            } else {
                // The table shows at most MAX_WIDTH characters of a value: decode only a prefix of
                // the Info bytes long enough to hold that many characters and tell that it goes on
                // (a character is at most 4 bytes); statements of hundreds of KB stay bytes.
                int keep = (RowWriter.Table.MAX_WIDTH + 1) * 4;
                try (RowWriter w = RowWriter.create(format, COLUMNS, NUMERIC, t.out())) {
                    ByteSink info = new ByteSink(null);
                    for (long n = 0; n < limit && c.next(); n++) {
                        info.truncate(0);
                        EventInfo.append(c, info, keep);
                        w.row(logName, Long.toString(c.position()), c.type().displayName(),
                                Long.toString(c.serverId()), Long.toString(c.logPosition()),
                                new String(info.buffer(), 0, Math.min(info.pending(), keep), StandardCharsets.UTF_8));
                    }
                }
            }
            if (c.endedAtPartialEvent()) {
                t.out().flush();
                t.err().println("binlog events: " + path + ": the file is in use; stopped before its partial last event at "
                        + c.partialEventOffset());
            }
        }
        return ExitCode.OK;
    }
}
