package io.binlogkit.cli;

import io.binlogkit.pitr.BackupManifest;
import io.binlogkit.pitr.Backups;
import io.binlogkit.pitr.ServerEndpoint;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** {@code pitr backup CONN --to DIR [--method M]}: a backup with the exact binlog position it continues from. */
final class PitrBackupCommand extends PitrCommands.Base {

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String summary() {
        return "back up a server's data with the exact binlog position (and GTID) it corresponds to";
    }

    @Override
    String usage() {
        return "pitr backup (--sandbox NAME [--dir DIR] | --defaults-file FILE) --to DIR"
                + " [--method mariabackup|via-slave|logical] [--format text|json]";
    }

    @Override
    String description() {
        return "Copies the server's data into DIR (new or empty) and writes backup.json last: the method, the"
                + " source server, the source's binlog file and position the data corresponds to (a restore"
                + " replays the source's binlogs from there), its GTID position, start and end time, and every"
                + " file with its size and SHA-256. A DIR without backup.json is an incomplete backup. Methods:"
                + " mariabackup (default) - a hot physical copy, 'mariabackup --backup' then '--prepare', in DIR/data;"
                + " the position is the one mariabackup read under BACKUP STAGE BLOCK_COMMIT (xtrabackup_binlog_info)."
                + " via-slave - for a sandbox slave only: the sandbox's take-backup (the slave stopped exactly at a"
                + " master position, copied with mariabackup) in DIR/backup.tar.gz; the position and the source are"
                + " the master's, so the master's binlogs continue it and the master never pauses."
                + " logical - 'mariadb-dump --single-transaction --master-data=2 --gtid' of every user database"
                + " (not mysql, information_schema, performance_schema, sys) in DIR/dump.sql; the position is the one"
                + " of the dump's snapshot. Passwords stay in the option file: the MariaDB programs get"
                + " --defaults-file and nothing here prints one.";
    }

    @Override
    boolean takesServer() {
        return true;
    }

    @Override
    String toDescription() {
        return "the backup directory (must not exist or be empty)";
    }

    @Override
    String formatDescription() {
        return "text (default: one line) or json (the manifest)";
    }

    @Override
    void options(Options o) {
        o.addOption(Option.builder().longOpt("method").hasArg().argName("M")
                .desc("mariabackup (default), via-slave or logical").get());
    }

    @Override
    int execute(CommandLine cl, Terminal t) {
        Path to = requiredPath(cl, "to").toAbsolutePath().normalize();
        Backups.Method method = Backups.Method.parse(cl.getOptionValue("method", "mariabackup"));
        boolean json = json(cl);
        if (!cl.getArgList().isEmpty()) {
            throw CliException.usage("takes no arguments, got '" + cl.getArgList().getFirst() + "'");
        }
        ServerEndpoint server = endpoint(cl);
        BackupManifest m = Backups.take(server, to, method);
        if (json) {
            t.out().println(m.toJson());
        } else {
            t.out().println(summaryLine(server, to, m));
        }
        return ExitCode.OK;
    }

    static String summaryLine(ServerEndpoint server, Path to, BackupManifest m) {
        int n = m.files().size();
        Duration took = Duration.between(Instant.parse(m.started()), Instant.parse(m.finished()));
        String where = m.takenFrom() != null ? " of its master (server_id " + m.source().serverId() + ")" : "";
        return "backup of " + server.describe() + " written to " + to + " (" + m.method() + ", " + n
                + (n == 1 ? " file, " : " files, ") + size(Backups.totalBytes(m)) + ") at " + m.position() + where
                + (m.gtid().isEmpty() ? ", no GTID" : ", GTID " + m.gtid()) + ", in "
                + String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
    }

    private static String size(long bytes) {
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1000.0);
        }
        if (bytes < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
