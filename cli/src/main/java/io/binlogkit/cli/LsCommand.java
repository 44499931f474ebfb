package io.binlogkit.cli;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.BinlogFormatException;
import io.binlogkit.parser.BinlogIndex;
import io.binlogkit.parser.EventCursor;
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

/** {@code binlog ls DIR|INDEX}: the binlogs of a server like {@code SHOW BINARY LOGS}, and more. */
final class LsCommand implements Command {
    private static final String[] COLUMNS = {"Log_name", "File_size", "First_event", "Last_event", "Events",
            "State", "Checksum", "Server_version"};
    private static final boolean[] NUMERIC = {false, true, false, false, true, false, false, false};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Override
    public String name() {
        return "ls";
    }

    @Override
    public String summary() {
        return "list the binlogs of a directory or .index file like SHOW BINARY LOGS";
    }

    @Override
    public int run(String[] args, Terminal t) throws Exception {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("format").hasArg().argName("FMT")
                .desc("table (default), tsv or json (one object per line)").get());
        CommandLine cl = CommandLineSupport.parse(o, args, "binlog ls [OPTIONS] DIR|INDEX_FILE|FILE...",
                "Lists binary logs with Log_name and File_size as SHOW BINARY LOGS does, plus the times of "
                        + "their first and last events (local time zone, TZ honoured), the number of events, "
                        + "whether the server closed them or still has them in use, the checksum algorithm and "
                        + "the server version that wrote them. A damaged file is listed with the offset of the "
                        + "damage and makes the exit code 1.", t);
        if (cl == null) {
            return ExitCode.OK;
        }
        if (cl.getArgList().isEmpty()) {
            throw CliException.usage("expects a directory, an .index file or binlog files");
        }
        OutputFormat format = CommandLineSupport.enumValue(cl, "format", OutputFormat.class, OutputFormat.TABLE);
        List<Path> files = new java.util.ArrayList<>();
        for (String a : cl.getArgList()) {
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                files.addAll(BinlogIndex.list(p));
            } else if (a.endsWith(".index")) {
                files.addAll(BinlogIndex.read(p));
            } else if (Files.exists(p)) {
                files.add(p);
            } else {
                throw new NoSuchFileException(a);
            }
        }
        int code = ExitCode.OK;
        long total = 0;
        for (Path p : files) {
            total += Files.exists(p) ? Files.size(p) : 0;
        }
        long done = 0;
        try (RowWriter w = RowWriter.create(format, COLUMNS, NUMERIC, t.out());
             Progress progress = Progress.start(t, "binlog ls", total)) {
            for (Path p : files) {
                progress.set(done);
                done += Files.exists(p) ? Files.size(p) : 0;
                String name = p.getFileName().toString();
                if (!Files.exists(p)) {
                    w.row(name, null, null, null, null, "missing", null, null);
                    code = ExitCode.IO;
                    continue;
                }
                try (BinlogFile f = BinlogFile.open(p)) {
                    EventCursor c = f.cursor();
                    long first = -1;
                    long last = -1;
                    long events = 0;
                    String state;
                    try {
                        while (c.next()) {
                            if (first < 0) {
                                first = c.timestamp();
                            }
                            last = c.timestamp();
                            events++;
                        }
                        state = f.inUse() ? (c.endedAtPartialEvent() ? "in use, partial event at "
                                + c.partialEventOffset() : "in use") : "closed";
                    } catch (BinlogFormatException e) {
                        state = "damaged at " + e.eventOffset() + ": " + e.field();
                        code = ExitCode.BAD_DATA;
                    }
                    w.row(name, Long.toString(f.size()), time(first), time(last), Long.toString(events), state,
                            f.formatDescription().checksum().name(), f.formatDescription().serverVersion());
                } catch (BinlogFormatException e) {
                    w.row(name, Long.toString(Files.size(p)), null, null, null,
                            "not readable at " + e.eventOffset() + ": " + e.field(), null, null);
                    code = ExitCode.BAD_DATA;
                }
            }
        }
        return code;
    }

    private static String time(long epochSeconds) {
        return epochSeconds < 0 ? null : TIME.format(Instant.ofEpochSecond(epochSeconds));
    }
}
