package io.binlogkit.cli;

import io.binlogkit.index.EventSearcher;
import io.binlogkit.index.InvalidQueryException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code binlog search --index DIR QUERY}: events of an index made by {@code binlog index}, in binlog order. */
final class SearchCommand implements Command {
    private static final String[] COLUMNS = {"Log_name", "Pos", "Time", "Server_id", "GTID", "Database", "Table",
            "Operation", "Text"};
    private static final boolean[] NUMERIC = {false, true, false, true, false, false, false, false, false};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    /** Characters of statement text shown in the table format (TSV and JSON get all of it). */
    static final int TABLE_TEXT = 200;

    @Override
    public String name() {
        return "search";
    }

    @Override
    public String summary() {
        return "find events in an index made by 'binlog index' (Lucene query syntax)";
    }

    @Override
    public int run(String[] args, Terminal t) throws Exception {
        LuceneLogging.quiet();
        Options o = new Options();
        o.addOption(Option.builder().longOpt("index").hasArg().argName("DIR").desc("the index directory").get());
        o.addOption(Option.builder().longOpt("limit").hasArg().argName("N")
                .desc("print at most N events (default 100)").get());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("FMT")
                .desc("table (default; text cut to " + TABLE_TEXT + " characters), tsv, or json (one object per line)")
                .get());
        CommandLine cl = CommandLineSupport.parse(o, args, "binlog search --index DIR [OPTIONS] QUERY",
                "Prints the events matching QUERY, ordered by time, file and position. QUERY is Lucene's classic "
                        + "syntax over the statement text, every word required (insert into t1); fields: file, pos, "
                        + "end_pos, timestamp (epoch seconds), server_id, event_type, gtid, xid, database, table, "
                        + "operation (insert, update, delete, ddl, query), text; e.g. 'table:t1 AND operation:delete', "
                        + "'gtid:\"0-1-5\"', 'pos:[1000 TO 2000]'. Time is local.", t);
        if (cl == null) {
            return ExitCode.OK;
        }
        String indexDir = cl.getOptionValue("index");
        if (indexDir == null) {
            throw CliException.usage("--index DIR is required");
        }
        if (cl.getArgList().isEmpty()) {
            throw CliException.usage("expects a QUERY");
        }
        String query = String.join(" ", cl.getArgList());
        long limit = CommandLineSupport.longValue(cl, "limit", 100);
        if (limit < 0 || limit > Integer.MAX_VALUE - 1) {
            throw CliException.usage("--limit must be between 0 and " + (Integer.MAX_VALUE - 1));
        }
        OutputFormat format = CommandLineSupport.enumValue(cl, "format", OutputFormat.class, OutputFormat.TABLE);
        try {
            EventSearcher.parse(query); // a usage error before the index is opened
        } catch (InvalidQueryException e) {
            throw CliException.usage("bad query: " + e.getMessage());
        }
        Path dir = Path.of(indexDir);
        List<EventSearcher.Hit> hits;
        try (EventSearcher s = EventSearcher.open(dir)) {
            hits = s.search(query, (int) limit);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.IO, Files.isDirectory(dir)
                    ? "no index in " + dir + " (make one with 'binlog index --index " + dir + " FILE...')"
                    : "no such index directory: " + dir);
        }
        try (RowWriter w = RowWriter.create(format, COLUMNS, NUMERIC, t.out())) {
            for (EventSearcher.Hit h : hits) {
                String text = h.text();
                if (format == OutputFormat.TABLE && text.length() > TABLE_TEXT) {
                    int cut = TABLE_TEXT - 3;
                    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
                        cut--; // do not split a character outside the BMP
                    }
                    text = text.substring(0, cut) + "...";
                }
                w.row(h.file(), Long.toString(h.pos()), TIME.format(Instant.ofEpochSecond(h.timestamp())),
                        Long.toString(h.serverId()), h.gtid(), h.database(), h.table(), h.operation(), text);
            }
        }
        return ExitCode.OK;
    }
}
