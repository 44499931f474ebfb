package io.binlogkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.binlogkit.pitr.ArchivedBinlog;
import io.binlogkit.pitr.BinlogArchive;
import io.binlogkit.pitr.ServerEndpoint;
import org.apache.commons.cli.CommandLine;

import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** {@code pitr archive CONN --to DIR}: copies the server's binlogs into an archive, incrementally. */
final class PitrArchiveCommand extends PitrCommands.Base {
    private static final String[] COLUMNS = {"File", "Size", "Status", "First_GTID", "Last_GTID", "First_time",
            "Last_time"};
    private static final boolean[] NUMERIC = {false, true, false, false, false, false, false};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Override
    public String name() {
        return "archive";
    }

    @Override
    public String summary() {
        return "copy a local server's binlogs into an archive directory, incrementally and verified";
    }

    @Override
    String usage() {
        return "pitr archive (--sandbox NAME [--dir D] | --defaults-file F) --to DIR [--format text|json]";
    }

    @Override
    String description() {
        return "Copies the binary logs of a server running on this machine into DIR, so that they outlive PURGE"
                + " BINARY LOGS and the server. Every copy is checked event by event (lengths and CRC32) before it"
                + " is renamed into place, and described by NAME.json beside it; DIR/BASENAME.index lists the files"
                + " in order. Closed files are copied whole; the file the server is writing is copied up to the end"
                + " of its last complete transaction (status 'partial' in NAME.json).\n\n"
                + "Run it again, as often as you like (from cron): files already archived are left alone"
                + " (unchanged), the partial copy of a file that grew is replaced by a longer one (grown) after"
                + " checking that the archived bytes are a prefix of the server's file, new files are copied, and"
                + " files purged from the server stay in the archive (purged). A file the server purged before any"
                + " run archived it is reported on standard error.\n\n"
                + "A conflict is a file whose bytes on the server differ from the archived copy, or that is shorter"
                + " (for example after RESET MASTER reused the names): it is never replaced; the run handles every"
                + " other file, prints the table, names the conflicting files on standard error and exits with 1."
                + " Move the archive aside (or the file and its NAME.json) to start again. An archive holds one"
                + " server's binlogs: another base name or server id is refused (exit 6).";
    }

    @Override
    boolean takesServer() {
        return true;
    }

    @Override
    String toDescription() {
        return "the archive directory (created if missing)";
    }

    @Override
    String formatDescription() {
        return "text (default: a table) or json (one object)";
    }

    @Override
    int execute(CommandLine cl, Terminal t) throws Exception {
        Path to = requiredPath(cl, "to");
        boolean json = json(cl);
        ServerEndpoint server = endpoint(cl);
        if (!cl.getArgList().isEmpty()) {
            throw CliException.usage("unexpected argument '" + cl.getArgList().getFirst() + "'");
        }
        BinlogArchive.Result result;
        BinlogArchive.ConflictException conflict = null;
        try (Progress p = Progress.start(t, "archive", binlogBytes(server))) {
            result = BinlogArchive.archive(server, to, p::set);
        } catch (BinlogArchive.ConflictException e) {
            conflict = e;
            result = e.result();
        }
        if (json) {
            json(result, t);
        } else {
            table(result, t);
        }
        t.out().flush();
        for (String problem : result.problems()) {
            t.err().println("pitr archive: warning: " + problem);
        }
        if (conflict != null) {
            t.err().println("pitr archive: conflict: " + conflict.getMessage());
            return ExitCode.BAD_DATA;
        }
        return ExitCode.OK;
    }

    /** The sum of the server's binlog sizes: the most a run reads, for the progress line. */
    private static long binlogBytes(ServerEndpoint server) {
        if (!Progress.enabled()) {
            return 0;
        }
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            long total = 0;
            while (rs.next()) {
                total += rs.getLong(2);
            }
            return total;
        } catch (SQLException e) {
            return 0; // archive() reports the real error
        }
    }

    private static String status(BinlogArchive.FileResult f) {
        String s = f.status().name().toLowerCase(Locale.ROOT);
        return f.archived() != null && !f.archived().complete() && f.status() != BinlogArchive.Status.CONFLICT
                ? s + " (partial)" : s;
    }

    private static String time(long epochSeconds) {
        return epochSeconds == 0 ? "" : TIME.format(Instant.ofEpochSecond(epochSeconds));
    }

    private static void table(BinlogArchive.Result r, Terminal t) {
        try (RowWriter w = RowWriter.create(OutputFormat.TABLE, COLUMNS, NUMERIC, t.out())) {
            for (BinlogArchive.FileResult f : r.files()) {
                ArchivedBinlog a = f.archived();
                w.row(f.file(), a == null ? "" : Long.toString(a.size()), status(f), a == null ? "" : a.firstGtid(),
                        a == null ? "" : a.lastGtid(), a == null ? "" : time(a.firstTime()),
                        a == null ? "" : time(a.lastTime()));
            }
        }
        t.out().printf("%d files, %,d bytes copied into %s%n", r.files().size(), r.bytesCopied(), r.archiveDir());
    }

    private static void json(BinlogArchive.Result r, Terminal t) throws Exception {
        try (JsonGenerator g = new JsonFactory().createGenerator((OutputStream) t.out())) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeStringField("archive", r.archiveDir().toString());
            g.writeStringField("base_name", r.baseName());
            g.writeNumberField("server_id", r.serverId());
            g.writeNumberField("bytes_copied", r.bytesCopied());
            g.writeArrayFieldStart("files");
            for (BinlogArchive.FileResult f : r.files()) {
                ArchivedBinlog a = f.archived();
                g.writeStartObject();
                g.writeStringField("file", f.file());
                g.writeStringField("status", f.status().name().toLowerCase(Locale.ROOT));
                g.writeNumberField("bytes_copied", f.bytesCopied());
                if (!f.detail().isEmpty()) {
                    g.writeStringField("detail", f.detail());
                }
                if (a != null) {
                    g.writeNumberField("size", a.size());
                    g.writeBooleanField("complete", a.complete());
                    g.writeNumberField("last_pos", a.lastPos());
                    g.writeStringField("first_gtid", a.firstGtid());
                    g.writeStringField("last_gtid", a.lastGtid());
                    g.writeNumberField("first_time", a.firstTime());
                    g.writeNumberField("last_time", a.lastTime());
                    g.writeNumberField("events", a.events());
                    g.writeStringField("sha256", a.sha256());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("problems");
            for (String p : r.problems()) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        t.out().println();
    }
}
