package io.binlogkit.cli;

import io.binlogkit.emitter.Base64Output;
import io.binlogkit.emitter.ByteSink;
import io.binlogkit.emitter.DumpOptions;
import io.binlogkit.emitter.JsonEventWriter;
import io.binlogkit.emitter.MysqlbinlogPrinter;
import io.binlogkit.emitter.MysqlTextPrinter;
import io.binlogkit.emitter.RowsRenderer;
import io.binlogkit.parser.BinlogIndex;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code binlog dump FILE...}: the text of {@code mariadb-binlog} with the same options, byte for
 * byte, for binlogs written by MariaDB.
 */
final class DumpCommand implements Command {
    /** Options of {@code mariadb-binlog} that this command knows and refuses with a clear message. */
    private static final Set<String> NOT_SUPPORTED = Set.of("read-from-remote-server", "R", "host", "port",
            "P", "socket", "S", "user", "u", "password", "p", "protocol", "raw", "stop-never",
            "stop-never-slave-server-id", "gtid-strict-mode", "skip-gtid-strict-mode", "do-domain-ids",
            "ignore-domain-ids", "do-server-ids", "ignore-server-ids", "print-table-metadata", "force-read", "f",
            "open-files-limit", "binlog-row-event-max-size", "character-sets-dir", "ssl", "plugin-dir",
            "default-auth");

    @Override
    public String name() {
        return "dump";
    }

    @Override
    public String summary() {
        return "print binlogs as SQL exactly like mariadb-binlog (mysqlbinlog)";
    }

    @Override
    public int run(String[] args, Terminal t) throws Exception {
        refuseUnsupported(args);
        Options o = new Options();
        o.addOption(Option.builder("j").longOpt("start-position").hasArg().argName("N")
                .desc("start at byte offset N of the first file (an event start)").get());
        o.addOption(Option.builder().longOpt("stop-position").hasArg().argName("N")
                .desc("stop before the first event at or after offset N of the last file").get());
        o.addOption(Option.builder().longOpt("start-datetime").hasArg().argName("DATETIME")
                .desc("start at the first event at or after DATETIME (local time zone, TZ honoured; "
                        + "e.g. '2024-12-25 11:25:56')").get());
        o.addOption(Option.builder().longOpt("stop-datetime").hasArg().argName("DATETIME")
                .desc("stop at the first event at or after DATETIME (local time zone)").get());
        o.addOption(Option.builder("d").longOpt("database").hasArg().argName("DB")
                .desc("only statements whose default database is DB, and row events of DB's tables").get());
        o.addOption(Option.builder("T").longOpt("table").hasArg().argName("TABLE")
                .desc("only row events of TABLE").get());
        o.addOption(Option.builder().longOpt("server-id").hasArg().argName("ID")
                .desc("only events written by server ID").get());
        o.addOption(Option.builder().longOpt("base64-output").hasArg().argName("MODE")
                .desc("auto (default): BINLOG statements for row events; never: none; decode-rows: none, "
                        + "with -v decoded rows as ### comments").get());
        o.addOption(Option.builder("v").longOpt("verbose")
                .desc("decode row events into ### pseudo-SQL; -vv adds column types").get());
        o.addOption(Option.builder("H").longOpt("hexdump").desc("add a hex dump of every event").get());
        o.addOption(Option.builder("s").longOpt("short-form")
                .desc("only the statements: no comments, no row events").get());
        o.addOption(Option.builder().longOpt("skip-annotate-row-events")
                .desc("do not print the statements that Annotate_rows events carry").get());
        o.addOption(Option.builder("B").longOpt("flashback")
                .desc("print the reverse of the row events, last first (undo)").get());
        o.addOption(Option.builder("c").longOpt("verify-binlog-checksum")
                .desc("verify the CRC32 of every event (off by default, as in mariadb-binlog)").get());
        o.addOption(Option.builder("r").longOpt("result-file").hasArg().argName("FILE")
                .desc("write the output to FILE instead of standard output").get());
        o.addOption(Option.builder().longOpt("rewrite-db").hasArg().argName("FROM->TO")
                .desc("print database FROM as TO (use statements and table maps); repeatable").get());
        o.addOption(Option.builder("l").longOpt("local-load").hasArg().argName("DIR")
                .desc("write the data of LOAD DATA statements to DIR (default $TMPDIR or /tmp)").get());
        o.addOption(Option.builder("t").longOpt("to-last-log")
                .desc("after the last FILE, go on with the binlogs that follow it in its directory's index")
                .get());
        o.addOption(Option.builder("o").longOpt("offset").hasArg().argName("N")
                .desc("skip the first N events").get());
        o.addOption(Option.builder().longOpt("print-row-count").desc("print '# Number of rows' (default)").get());
        o.addOption(Option.builder().longOpt("skip-print-row-count").desc("do not print '# Number of rows'").get());
        o.addOption(Option.builder().longOpt("print-row-event-positions")
                .desc("print '# at N' before every event (default)").get());
        o.addOption(Option.builder().longOpt("skip-print-row-event-positions")
                .desc("do not print '# at N' lines").get());
        o.addOption(Option.builder("D").longOpt("disable-log-bin")
                .desc("add SET SQL_LOG_BIN=0 so that replaying does not write the server's binlog").get());
        o.addOption(Option.builder().longOpt("set-charset").hasArg().argName("CHARSET")
                .desc("add SET NAMES CHARSET to the output").get());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("FMT")
                .desc("text (default): what mariadb-binlog prints; json: one JSON object per event and line "
                        + "(fields in emitter/README-dump.md)").get());
        o.addOption(Option.builder("F").longOpt("force-if-open")
                .desc("dump files the server has not closed (default)").get());
        o.addOption(Option.builder().longOpt("skip-force-if-open")
                .desc("refuse files the server has not closed").get());
        CommandLine cl = CommandLineSupport.parse(o, args, "binlog dump [OPTIONS] FILE...",
                "Prints binary logs written by MariaDB as SQL, byte for byte what mariadb-binlog of MariaDB "
                        + "10.11 prints with the same options, so that the output can be piped into the "
                        + "mariadb client. --start-position applies to the first FILE, --stop-position to "
                        + "the last. Times are in the local time zone (TZ is honoured).", t);
        if (cl == null) {
            return ExitCode.OK;
        }
        if (cl.getArgList().isEmpty()) {
            throw CliException.usage("expects one or more binlog FILEs");
        }
        DumpOptions options = options(cl);
        List<Path> files = new ArrayList<>();
        for (String a : cl.getArgList()) {
            if (a.equals("-")) {
                throw new CliException(ExitCode.UNSUPPORTED, "reading a binlog from standard input is not supported");
            }
            files.add(Path.of(a));
        }
        if (cl.hasOption("to-last-log")) {
            files = toLastLog(files);
        }
        String format = cl.getOptionValue("format", "text").toLowerCase(java.util.Locale.ROOT);
        if (!format.equals("text") && !format.equals("json")) {
            throw CliException.usage("--format must be text or json, not '" + format + "'");
        }
        if (format.equals("json")) {
            for (String textOnly : List.of("hexdump", "short-form", "base64-output", "verbose", "flashback",
                    "rewrite-db", "set-charset", "disable-log-bin")) {
                if (cl.hasOption(textOnly)) {
                    throw CliException.usage("--" + textOnly + " applies to the text output, not to --format json");
                }
            }
        }
        RowsRenderer renderer = options.verbosity() > 0 || format.equals("json")
                ? RowsRenderer.decoding(options) : RowsRenderer.countingOnly();
        OutputStream os = cl.hasOption("result-file")
                ? Files.newOutputStream(Path.of(cl.getOptionValue("result-file")), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)
                : t.rawOut();
        ByteSink sink = new ByteSink(os);
        if (format.equals("json")) {
            try {
                JsonEventWriter w = new JsonEventWriter(options, sink, renderer);
                for (int i = 0; i < files.size(); i++) {
                    if (!w.dump(files.get(i), i == 0, i == files.size() - 1)) {
                        break;
                    }
                }
                w.end();
            } finally {
                sink.flush();
                if (os != t.rawOut()) {
                    os.close();
                }
            }
            return ExitCode.OK;
        }
        if (Files.isReadable(files.get(0)) && MysqlTextPrinter.writtenByMysql(files.get(0))) {
            return dumpMysql(files, options, sink, os, t);
        }
        MysqlbinlogPrinter printer;
        try {
            printer = new MysqlbinlogPrinter(options, sink, renderer, w -> {
                sink.flush();
                t.err().println("WARNING: " + w);
            });
        } catch (UnsupportedOperationException e) {
            throw new CliException(ExitCode.UNSUPPORTED, e.getMessage());
        }
        try {
            printer.begin();
            for (int i = 0; i < files.size(); i++) {
                boolean more;
                try {
                    more = printer.dump(files.get(i), i == 0, i == files.size() - 1);
                } catch (UnsupportedOperationException e) {
                    throw new CliException(ExitCode.UNSUPPORTED, e.getMessage());
                }
                if (!more) {
                    break;
                }
            }
            printer.end();
        } finally {
            sink.flush();
            if (os != t.rawOut()) {
                os.close();
            }
        }
        return ExitCode.OK;
    }

    /** A first file written by MySQL: MySQL 8.4's mysqlbinlog format (MysqlTextPrinter). */
    private static int dumpMysql(List<Path> files, DumpOptions options, ByteSink sink, OutputStream os,
                                 Terminal t) throws java.io.IOException {
        try {
            MysqlTextPrinter printer = new MysqlTextPrinter(options, sink, w -> {
                sink.flush();
                t.err().println("WARNING: " + w);
            });
            printer.begin();
            for (int i = 0; i < files.size(); i++) {
                if (!printer.dump(files.get(i), i == 0, i == files.size() - 1)) {
                    break;
                }
            }
            printer.end();
        } catch (UnsupportedOperationException e) {
            throw new CliException(ExitCode.UNSUPPORTED, e.getMessage());
        } finally {
            sink.flush();
            if (os != t.rawOut()) {
                os.close();
            }
        }
        return ExitCode.OK;
    }

    private static void refuseUnsupported(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return;
            }
            String name = null;
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                name = a.substring(2, eq < 0 ? a.length() : eq);
            } else if (a.startsWith("-") && a.length() == 2) {
                name = a.substring(1);
            }
            if (name != null && NOT_SUPPORTED.contains(name)) {
                throw new CliException(ExitCode.UNSUPPORTED, "option " + a + " of mariadb-binlog is not supported: "
                        + "binlog dump reads local binlog files only and has no GTID filters yet");
            }
        }
    }

    static DumpOptions options(CommandLine cl) {
        DumpOptions.Builder b = DumpOptions.builder();
        try {
            if (cl.hasOption("start-position")) {
                b.startPosition(position(cl, "start-position"));
            }
            if (cl.hasOption("stop-position")) {
                b.stopPosition(position(cl, "stop-position"));
            }
            ZoneId zone = ZoneId.systemDefault();
            if (cl.hasOption("start-datetime")) {
                b.startDatetime(DumpOptions.parseDatetime(cl.getOptionValue("start-datetime"), zone));
            }
            if (cl.hasOption("stop-datetime")) {
                b.stopDatetime(DumpOptions.parseDatetime(cl.getOptionValue("stop-datetime"), zone),
                        cl.getOptionValue("stop-datetime"));
            }
            if (cl.hasOption("database")) {
                b.database(cl.getOptionValue("database"));
            }
            if (cl.hasOption("table")) {
                b.table(cl.getOptionValue("table"));
            }
            if (cl.hasOption("server-id")) {
                b.serverId(CommandLineSupport.longValue(cl, "server-id", 0));
            }
            if (cl.hasOption("base64-output")) {
                b.base64Output(Base64Output.parse(cl.getOptionValue("base64-output")));
            }
            int v = 0;
            for (Option opt : cl.getOptions()) {
                if ("v".equals(opt.getOpt())) {
                    v++;
                }
            }
            b.verbosity(v);
            b.hexdump(cl.hasOption("hexdump"));
            b.shortForm(cl.hasOption("short-form"));
            b.skipAnnotateRowEvents(cl.hasOption("skip-annotate-row-events"));
            b.flashback(cl.hasOption("flashback"));
            b.verifyChecksums(cl.hasOption("verify-binlog-checksum"));
            if (cl.hasOption("rewrite-db")) {
                for (String rule : cl.getOptionValues("rewrite-db")) {
                    b.rewriteDb(rule);
                }
            }
            if (cl.hasOption("local-load")) {
                b.localLoadDir(Path.of(cl.getOptionValue("local-load")));
            }
            if (cl.hasOption("offset")) {
                b.offset(CommandLineSupport.longValue(cl, "offset", 0));
            }
            if (cl.hasOption("print-row-count")) {
                b.printRowCount(true);
            }
            if (cl.hasOption("skip-print-row-count")) {
                b.printRowCount(false);
            }
            if (cl.hasOption("print-row-event-positions")) {
                b.printRowEventPositions(true);
            }
            if (cl.hasOption("skip-print-row-event-positions")) {
                b.printRowEventPositions(false);
            }
            b.disableLogBin(cl.hasOption("disable-log-bin"));
            if (cl.hasOption("set-charset")) {
                b.setCharset(cl.getOptionValue("set-charset"));
            }
            b.forceIfOpen(!cl.hasOption("skip-force-if-open"));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        return b.build();
    }

    private static long position(CommandLine cl, String opt) {
        String v = cl.getOptionValue(opt).trim();
        if (v.matches("\\d+-\\d+-\\d+(,.*)?")) {
            throw new CliException(ExitCode.UNSUPPORTED, "--" + opt + " with GTIDs (" + v + ") is not supported yet; "
                    + "give a byte offset");
        }
        return CommandLineSupport.longValue(cl, opt, 0);
    }

    /**
     * {@code --to-last-log} for local files: after the last file given, the files that follow it in
     * its directory's binlog index (or, without an index, its directory's binlogs in name order).
     */
    static List<Path> toLastLog(List<Path> files) throws java.io.IOException {
        Path lastGiven = files.getLast();
        if (!Files.exists(lastGiven)) {
            throw new NoSuchFileException(lastGiven.toString());
        }
        Path dir = lastGiven.toAbsolutePath().getParent();
        List<Path> all = BinlogIndex.list(dir);
        List<Path> out = new ArrayList<>(files);
        boolean after = false;
        for (Path p : all) {
            if (after) {
                out.add(p);
            } else if (Files.isSameFile(p, lastGiven)) {
                after = true;
            }
        }
        return out;
    }
}
