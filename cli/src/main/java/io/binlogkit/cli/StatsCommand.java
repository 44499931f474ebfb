package io.binlogkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.binlogkit.emitter.BinlogStats;
import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventType;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** {@code binlog stats FILE...}: rows per table, largest transactions, time span, events per type. */
final class StatsCommand implements Command {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public String summary() {
        return "rows changed per table, largest transactions, time span, events per type";
    }

    @Override
    public int run(String[] args, Terminal t) throws Exception {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("format").hasArg().argName("FMT")
                .desc("table (default) or json (one object)").get());
        o.addOption(Option.builder().longOpt("top").hasArg().argName("N")
                .desc("how many of the largest transactions to list (default 10)").get());
        o.addOption(Option.builder().longOpt("no-verify").desc("do not verify CRC32 checksums").get());
        CommandLine cl = CommandLineSupport.parse(o, args, "binlog stats [OPTIONS] FILE...",
                "Summarises binary logs: for every database.table the rows inserted, updated and deleted by row "
                        + "events, the largest transactions (bytes, events, duration), the time span of the events "
                        + "(local time zone) and the number of events of each type.", t);
        if (cl == null) {
            return ExitCode.OK;
        }
        if (cl.getArgList().isEmpty()) {
            throw CliException.usage("expects one or more binlog FILEs");
        }
        String format = cl.getOptionValue("format", "table");
        if (!format.equals("table") && !format.equals("json")) {
            throw CliException.usage("--format must be table or json, not '" + format + "'");
        }
        long top = CommandLineSupport.longValue(cl, "top", 10);
        if (top < 0 || top > 100_000) {
            throw CliException.usage("--top must be between 0 and 100000");
        }
        BinlogStats stats = new BinlogStats((int) top);
        long total = 0;
        for (String a : cl.getArgList()) {
            total += java.nio.file.Files.size(Path.of(a));
        }
        try (Progress progress = Progress.start(t, "binlog stats", total)) {
            long done = 0;
            for (String a : cl.getArgList()) {
                try (BinlogFile f = BinlogFile.open(Path.of(a))) {
                    stats.add(f);
                    done += f.size();
                    progress.set(done);
                }
            }
        }
        PrintStream out = t.out();
        if (format.equals("json")) {
            JsonGenerator g = new JsonFactory().createGenerator(t.rawOut());
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            stats.writeJson(g);
            g.flush();
            t.rawOut().write('\n');
            return ExitCode.OK;
        }
        out.printf("Files: %d   Events: %d   Bytes: %d   Transactions: %d%n", stats.files(), stats.events(),
                stats.bytes(), stats.transactions());
        if (stats.firstTimestamp() >= 0) {
            out.printf("Time span: %s .. %s (%d s)%n", TIME.format(Instant.ofEpochSecond(stats.firstTimestamp())),
                    TIME.format(Instant.ofEpochSecond(stats.lastTimestamp())),
                    stats.lastTimestamp() - stats.firstTimestamp());
        }
        out.println();
        out.println("Rows changed per table:");
        try (RowWriter w = RowWriter.create(OutputFormat.TABLE, new String[]{"Table", "Inserts", "Updates", "Deletes"},
                new boolean[]{false, true, true, true}, out)) {
            for (BinlogStats.TableCounts c : stats.tables()) {
                w.row(c.database() == null ? c.table() : c.database() + "." + c.table(), Long.toString(c.inserts()),
                        Long.toString(c.updates()), Long.toString(c.deletes()));
            }
        }
        out.println();
        out.println("Largest transactions:");
        try (RowWriter w = RowWriter.create(OutputFormat.TABLE, new String[]{"File", "Pos", "GTID", "Bytes", "Events",
                "Started", "Seconds"}, new boolean[]{false, true, false, true, true, false, true}, out)) {
            for (BinlogStats.Transaction x : stats.largestTransactions()) {
                w.row(x.file(), Long.toString(x.position()), x.gtid() == null ? "" : x.gtid(),
                        Long.toString(x.bytes()), Integer.toString(x.events()),
                        TIME.format(Instant.ofEpochSecond(x.firstTimestamp())), Long.toString(x.durationSeconds()));
            }
        }
        out.println();
        out.println("Events per type:");
        try (RowWriter w = RowWriter.create(OutputFormat.TABLE, new String[]{"Event_type", "Code", "Events"},
                new boolean[]{false, true, true}, out)) {
            for (Map.Entry<EventType, Long> e : stats.eventsPerType().entrySet()) {
                w.row(e.getKey().displayName(), Integer.toString(e.getKey().code()), Long.toString(e.getValue()));
            }
        }
        return ExitCode.OK;
    }
}
