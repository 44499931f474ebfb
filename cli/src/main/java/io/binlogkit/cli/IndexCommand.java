package io.binlogkit.cli;

import io.binlogkit.index.EventIndexer;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** {@code binlog index --index DIR FILE|DIR...}: adds binlog events to a Lucene index for {@code binlog search}. */
final class IndexCommand implements Command {
    /** Binlog and relay log names: base name, a dot, a sequence number ({@code mysql-bin.000042}). */
    private static final Pattern BINLOG_NAME = Pattern.compile(".+\\.[0-9]{6,}");

    @Override
    public String name() {
        return "index";
    }

    @Override
    public String summary() {
        return "add the statements and row events of binlogs to a search index (incremental)";
    }

    @Override
    public int run(String[] args, Terminal t) throws Exception {
        LuceneLogging.quiet();
        Options o = new Options();
        o.addOption(Option.builder().longOpt("index").hasArg().argName("DIR")
                .desc("the index directory (created if missing)").get());
        CommandLine cl = CommandLineSupport.parse(o, args, "binlog index --index DIR FILE|DIR...",
                "Adds one document per Query, Annotate_rows/Rows_query and rows event to a Lucene index: position, "
                        + "time, server id, GTID and xid of the transaction, database, table, operation, statement "
                        + "text. A DIR argument means every binlog in it (names like mysql-bin.000001). Running it "
                        + "again skips files indexed at their current size and continues files that grew.", t);
        if (cl == null) {
            return ExitCode.OK;
        }
        String indexDir = cl.getOptionValue("index");
        if (indexDir == null) {
            throw CliException.usage("--index DIR is required");
        }
        if (cl.getArgList().isEmpty()) {
            throw CliException.usage("expects one or more binlog FILEs or DIRs");
        }
        List<Path> files = new ArrayList<>();
        for (String a : cl.getArgList()) {
            files.addAll(binlogs(Path.of(a)));
        }
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        long started = System.nanoTime();
        long indexed = 0;
        long skipped = 0;
        long documents = 0;
        long bytes = 0;
        try (EventIndexer ix = EventIndexer.open(Path.of(indexDir));
             Progress progress = Progress.start(t, "binlog index", total)) {
            long done = 0;
            for (Path f : files) {
                long base = done;
                EventIndexer.FileResult r = ix.index(f, at -> progress.set(base + at));
                done += Files.size(f);
                progress.set(done);
                if (r.skipped()) {
                    skipped++;
                } else {
                    indexed++;
                    documents += r.documents();
                    bytes += r.bytesRead();
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        t.out().printf(java.util.Locale.ROOT, "Files indexed: %d   unchanged: %d   Events added: %d   Bytes read: %d   Time: %.2f s%n",
                indexed, skipped, documents, bytes, seconds);
        return ExitCode.OK;
    }

    /** {@code p} itself, or the binlogs in directory {@code p} in name order. */
    private static List<Path> binlogs(Path p) throws IOException {
        if (!Files.exists(p)) {
            throw new NoSuchFileException(p.toString());
        }
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> BINLOG_NAME.matcher(f.getFileName().toString()).matches())
                    .sorted().toList();
        }
    }
}
