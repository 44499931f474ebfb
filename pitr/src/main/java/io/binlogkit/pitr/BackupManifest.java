package io.binlogkit.pitr;

import io.binlogkit.parser.BinlogPosition;

import java.nio.file.Path;
import java.util.List;

/**
 * {@value #FILE} in a backup directory: what {@code pitr backup} took, from which server, and the
 * exact binlog position (and GTID position) of the source server that its data corresponds to, so
 * that a restore replays from exactly there. No password is ever written here.
 *
 * @param format   {@value #FORMAT}
 * @param method   {@code mariabackup}, {@code via-slave} or {@code logical}
 * @param source   the server whose binlogs continue this backup (for {@code via-slave}: the master)
 * @param takenFrom the server the data was copied from, when it is not the source (the slave)
 * @param position the source's binlog position the data corresponds to (the next event to replay)
 * @param gtid     the source's GTID position at that point ({@code @@gtid_binlog_pos} form), or {@code ""}
 * @param started  ISO-8601 instant the backup started
 * @param finished ISO-8601 instant it finished
 * @param data     where the data is, relative to the backup directory ({@code data/}, {@code dump.sql},
 *                 {@code backup.tar.gz})
 * @param files    every file of the backup with its size and SHA-256
 */
public record BackupManifest(int format, String method, ServerIdentity source, ServerIdentity takenFrom,
                             BinlogPosition position, String gtid, String started, String finished, String data,
                             List<FileEntry> files) {
    public static final String FILE = "backup.json";
    public static final int FORMAT = 1;

    /** One file of the backup, relative to the backup directory. */
    public record FileEntry(String path, long size, String sha256) {
    }

    public static BackupManifest read(Path backupDir) {
        Path f = backupDir.resolve(FILE);
        if (!java.nio.file.Files.isRegularFile(f)) {
            throw new PitrException(PitrException.Kind.IO, backupDir + " is not a backup of pitr (no " + FILE + ")");
        }
        BackupManifest m = Json.read(f, BackupManifest.class);
        if (m.format() != FORMAT) {
            throw new PitrException(PitrException.Kind.UNSUPPORTED, f + " has format " + m.format()
                    + "; this pitr reads format " + FORMAT);
        }
        return m;
    }

    public void write(Path backupDir) {
        Json.write(backupDir.resolve(FILE), this);
    }

    /** The manifest as {@value #FILE} holds it (for {@code --format json}). */
    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a manifest as JSON", e);
        }
    }
}
