package io.binlogkit.pitr;

import io.binlogkit.parser.BinlogPosition;
import io.binlogkit.sandbox.Backup;
import io.binlogkit.sandbox.SandboxException;
import io.binlogkit.sandbox.ServerInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code pitr backup}: a copy of a server's data together with the exact binlog position (and GTID
 * position) of the source server that the data corresponds to, so that a restore can replay the
 * source's binlogs from exactly there; and the way such a copy is put into a target server.
 *
 * <p>A backup directory holds the data ({@code data/}, {@code dump.sql} or {@code backup.tar.gz}) and,
 * written last, {@value BackupManifest#FILE}: a directory without it is an incomplete backup.
 */
public final class Backups {
    /** Databases that belong to the server, not to its users: never in a logical backup. */
    /** Files a prepared mariabackup copy or a take-backup archive leaves that are no part of a datadir. */
    private static final List<String> BACKUP_ONLY_PREFIXES = List.of("xtrabackup_", "mariadb_backup_");
    private static final List<String> BACKUP_ONLY_FILES = List.of("backup-my.cnf", Backup.POSITION_FILE);

    /** mariadb-dump --master-data=2: {@code -- CHANGE MASTER TO MASTER_LOG_FILE='f', MASTER_LOG_POS=n;}. */
    private static final Pattern DUMP_POSITION = Pattern.compile(
            "^-- CHANGE MASTER TO MASTER_LOG_FILE='([^']+)', MASTER_LOG_POS=(\\d+);");
    /** mariadb-dump --gtid --master-data=2: {@code -- SET GLOBAL gtid_slave_pos='0-1-42';}. */
    private static final Pattern DUMP_GTID = Pattern.compile("^-- SET GLOBAL gtid_slave_pos='([^']*)';");
    /** Lines of a dump's head searched for the position (it is in the first 30 lines, before any data). */
    private static final int DUMP_HEAD_LINES = 200;
    /** Bytes of a dump's tail searched for the GTID (it is followed by ~600 bytes of SET statements). */
    private static final int DUMP_TAIL_BYTES = 8192;

    private Backups() {
    }

    /** How a backup copies the data. */
    public enum Method {
        /** {@code mariabackup --backup} and {@code --prepare} of the server itself (hot, physical). */
        MARIABACKUP("mariabackup", "data"),
        /** The sandbox's take-backup through a slave: the data of the slave at a known master position. */
        VIA_SLAVE("via-slave", "backup.tar.gz"),
        /** {@code mariadb-dump --single-transaction} of every user database (SQL text). */
        LOGICAL("logical", "dump.sql");

        private final String cliName;
        private final String data;

        Method(String cliName, String data) {
            this.cliName = cliName;
            this.data = data;
        }

        /** The name on the command line and in the manifest. */
        public String cliName() {
            return cliName;
        }

        /** Where the data is in the backup directory. */
        public String data() {
            return data;
        }

        /** The method with this command-line name. */
        public static Method parse(String name) {
            for (Method m : values()) {
                if (m.cliName.equals(name)) {
                    return m;
                }
            }
            throw PitrException.usage("unknown backup method '" + name + "': one of mariabackup, via-slave, logical");
        }

        static Method of(BackupManifest m) {
            try {
                return parse(m.method());
            } catch (PitrException e) {
                throw PitrException.badData("the backup's manifest names an unknown method '" + m.method() + "'");
            }
        }
    }

    /**
     * Takes a backup of {@code server} into the directory {@code to}, which must not exist or be empty,
     * and writes its manifest last.
     *
     * @param method {@link Method#VIA_SLAVE} needs a sandbox slave as {@code server}: the backup is of its
     *               master's binlog position
     */
    public static BackupManifest take(ServerEndpoint server, Path to, Method method) {
        Path dir = to.toAbsolutePath().normalize();
        requireAbsentOrEmpty(dir);
        String started = Instant.now().toString();
        // The servers are identified before the copy (their gtid_binlog_pos is where they were when it
        // began) and before the directory is made, so that a wrong server leaves nothing behind.
        ServerEndpoint source = server;
        ServerIdentity takenFrom = null;
        String masterName = null;
        if (method == Method.VIA_SLAVE) {
            ServerInstance slave = server.sandboxServer().orElseThrow(() -> PitrException.usage(
                    "--method via-slave takes a sandbox slave (--sandbox NAME), not " + server.describe()));
            masterName = slave.sandbox().masterOf(slave.name()).orElseThrow(() -> PitrException.usage(
                    "sandbox server '" + slave.name() + "' replicates from no sandbox server: --method via-slave"
                            + " needs a slave"));
            source = ServerEndpoint.sandbox(slave.sandbox().dir(), masterName);
            takenFrom = server.identity();
        }
        ServerIdentity sourceId = source.identity();
        createDirectory(dir);
        Taken t = switch (method) {
            case MARIABACKUP -> mariabackup(server, dir);
            case LOGICAL -> logical(server, dir);
            case VIA_SLAVE -> viaSlave(server.sandboxServer().orElseThrow(), masterName, dir);
        };
        String gtid = t.gtid().isEmpty() ? gtidAt(source, t.position()) : t.gtid();
        BackupManifest m = new BackupManifest(BackupManifest.FORMAT, method.cliName(), sourceId, takenFrom,
                t.position(), gtid, started, Instant.now().toString(), method.data(), fileEntries(dir));
        m.write(dir);
        return m;
    }

    /** What a method copied: the source position its data corresponds to, and the GTID if the tool gave it. */
    private record Taken(BinlogPosition position, String gtid) {
    }

    private static void requireAbsentOrEmpty(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw PitrException.refused(dir + " exists and is not a directory: give a new directory to --to");
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isPresent()) {
                throw PitrException.refused(dir + " is not empty: a backup goes into a new or empty directory");
            }
        } catch (IOException e) {
            throw PitrException.io("cannot read the backup directory " + dir, e);
        }
    }

    private static void createDirectory(Path dir) {
        try {
            // mariabackup creates its target directory but not the parents (it fails with "cannot mkdir").
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw PitrException.io("cannot create the backup directory " + dir, e);
        }
    }

    /**
     * {@code mariabackup --backup} then {@code --prepare}. mariabackup takes the binlog position under
     * {@code BACKUP STAGE BLOCK_COMMIT}, so it matches the copied InnoDB data exactly, and writes it to
     * {@code xtrabackup_binlog_info} (MariaDB 10.11; later releases: {@code mariadb_backup_binlog_info}).
     */
    private static Taken mariabackup(ServerEndpoint server, Path dir) {
        Path mb = Tools.mariabackup();
        Path data = dir.resolve(Method.MARIABACKUP.data());
        Tools.run("mariabackup --backup of " + server.describe(),
                Tools.command(mb, server, "--backup", "--target-dir=" + data), null, null);
        // --prepare must not read the server's option file: options such as innodb_log_group_home_dir
        // would point it at the live server's files. The copy's own backup-my.cnf has what it needs.
        Tools.run("mariabackup --prepare of " + data, List.of(mb.toString(),
                "--defaults-file=" + data.resolve("backup-my.cnf"), "--prepare", "--target-dir=" + data), null, null);
        for (String name : List.of("xtrabackup_binlog_info", "mariadb_backup_binlog_info")) {
            Path f = data.resolve(name);
            if (Files.isRegularFile(f)) {
                return parseBinlogInfo(read(f), f.toString());
            }
        }
        throw PitrException.server("mariabackup wrote no xtrabackup_binlog_info (or mariadb_backup_binlog_info) in "
                + data + ": does " + server.describe() + " write binary logs (log-bin)?");
    }

    /** {@code FILE<TAB>POS[<TAB>GTID]}, one line. */
    static Taken parseBinlogInfo(String text, String where) {
        String[] f = text.strip().split("\t");
        if (f.length < 2) {
            throw PitrException.badData(where + " is not 'file<TAB>position[<TAB>gtid]': '" + text.strip() + "'");
        }
        try {
            return new Taken(new BinlogPosition(f[0].strip(), Long.parseLong(f[1].strip())),
                    f.length > 2 ? f[2].strip() : "");
        } catch (NumberFormatException e) {
            throw PitrException.badData(where + " has a non-numeric position '" + f[1] + "'");
        } catch (IllegalArgumentException e) {
            throw PitrException.usage(e.getMessage());
        }
    }

    /**
     * {@code mariadb-dump --single-transaction --master-data=2 --gtid} of every user database: the dump
     * is one consistent snapshot and records the binlog position of that snapshot as a comment.
     */
    private static Taken logical(ServerEndpoint server, Path dir) {
        List<String> databases = Tools.userDatabases(server);
        if (databases.isEmpty()) {
            throw PitrException.usage(server.describe() + " has no user databases: a logical backup would hold"
                    + " nothing (use --method mariabackup)");
        }
        List<String> args = new ArrayList<>(List.of("--single-transaction", "--master-data=2", "--gtid", "--routines",
                "--events", "--triggers", "--databases", "--"));
        args.addAll(databases); // after "--": a database named like an option stays a name
        Path dump = dir.resolve(Method.LOGICAL.data());
        Tools.run("mariadb-dump of " + server.describe(), Tools.command(Tools.dump(), server,
                args.toArray(String[]::new)), null, dump);
        return parseDump(dump);
    }

    /**
     * The position and GTID that {@code --master-data=2 --gtid} writes as comments. MariaDB 10.11's
     * mariadb-dump writes {@code -- CHANGE MASTER TO MASTER_LOG_FILE='f', MASTER_LOG_POS=n;} in its head,
     * before any data, and "the deferred gtid setting" {@code -- SET GLOBAL gtid_slave_pos='g';} after
     * the data, near the end of the file.
     */
    static Taken parseDump(Path dump) {
        BinlogPosition pos = null;
        // ISO-8859-1 reads any byte: the comments are ASCII, the data may be any charset.
        try (Stream<String> lines = Files.lines(dump, StandardCharsets.ISO_8859_1)) {
            for (String line : (Iterable<String>) lines.limit(DUMP_HEAD_LINES)::iterator) {
                Matcher m = DUMP_POSITION.matcher(line);
                if (m.find()) {
                    pos = new BinlogPosition(m.group(1), Long.parseLong(m.group(2)));
                    break;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw PitrException.io("cannot read " + dump, e instanceof UncheckedIOException u ? u.getCause() : e);
        } catch (IllegalArgumentException e) {
            throw PitrException.usage(e.getMessage());
        }
        if (pos == null) {
            throw PitrException.server(dump + " has no '-- CHANGE MASTER TO MASTER_LOG_FILE=...' line in its first "
                    + DUMP_HEAD_LINES + " lines: does the server write binary logs (log-bin)?");
        }
        return new Taken(pos, dumpTailGtid(dump));
    }

    private static String dumpTailGtid(Path dump) {
        try (SeekableByteChannel ch = Files.newByteChannel(dump)) {
            int n = (int) Math.min(ch.size(), DUMP_TAIL_BYTES);
            ch.position(ch.size() - n);
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read the whole tail
            }
            String gtid = "";
            for (String line : new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1).split("\n")) {
                Matcher g = DUMP_GTID.matcher(line);
                if (g.find()) {
                    gtid = g.group(1);
                }
            }
            return gtid;
        } catch (IOException e) {
            throw PitrException.io("cannot read " + dump, e);
        }
    }

    /** The sandbox's take-backup through a slave, with mariabackup, into {@code backup.tar.gz}. */
    private static Taken viaSlave(ServerInstance slave, String master, Path dir) {
        try {
            Backup.Result r = Backup.takeBackup(slave.sandbox(), slave.name(), master,
                    dir.resolve(Method.VIA_SLAVE.data()), Backup.Method.MARIABACKUP);
            return new Taken(r.position(), "");
        } catch (SandboxException e) {
            throw new PitrException(e.kind() == SandboxException.Kind.CONFIG ? PitrException.Kind.USAGE
                    : PitrException.Kind.SERVER, "via-slave backup of sandbox server '" + slave.name() + "': "
                    + e.getMessage(), e);
        }
    }

    /** {@code BINLOG_GTID_POS(file, pos)} on the source, or "" when it cannot tell (file purged, no GTIDs). */
    private static String gtidAt(ServerEndpoint source, BinlogPosition pos) {
        List<String> r = Tools.column(source, "SELECT BINLOG_GTID_POS(" + Tools.quote(pos.file()) + ", " + pos.pos()
                + ")");
        return r.isEmpty() || r.getFirst() == null ? "" : r.getFirst();
    }

    /**
     * Checks that every file of the manifest is in {@code backupDir} with its recorded size and SHA-256.
     *
     * @throws PitrException BAD_DATA naming the first file that is missing or differs
     */
    public static void verify(Path backupDir, BackupManifest m) {
        for (BackupManifest.FileEntry e : m.files()) {
            Path f = backupDir.resolve(e.path());
            if (!Files.isRegularFile(f)) {
                throw PitrException.badData("backup " + backupDir + ": " + e.path() + " is missing");
            }
            long size;
            try {
                size = Files.size(f);
            } catch (IOException ex) {
                throw PitrException.io("cannot read " + f, ex);
            }
            if (size != e.size()) {
                throw PitrException.badData("backup " + backupDir + ": " + e.path() + " has " + size
                        + " bytes, the manifest says " + e.size());
            }
            String sha = sha256(f);
            if (!sha.equals(e.sha256())) {
                throw PitrException.badData("backup " + backupDir + ": " + e.path() + " has SHA-256 " + sha
                        + ", the manifest says " + e.sha256());
            }
        }
    }

    /**
     * Puts the backup's data into {@code target}. The caller has made the safety checks (target not the
     * source, --force for a non-empty target). Afterwards the target runs with the backup's data, no
     * replication configured and, for a physical backup, a fresh binlog ({@code RESET MASTER}).
     *
     * <p>Physical ({@code mariabackup}, {@code via-slave}): stops the target, replaces its datadir's
     * contents, starts it with {@code --skip-slave-start}. Logical: loads {@code dump.sql} into the
     * running target with the {@code mariadb} client.
     */
    public static void restoreData(Path backupDir, BackupManifest m, ServerEndpoint target) {
        Method method = Method.of(m);
        Path data = backupDir.resolve(m.data());
        if (!Files.exists(data)) {
            throw PitrException.badData("backup " + backupDir + " has no " + m.data());
        }
        if (method == Method.LOGICAL) {
            if (!target.running()) {
                target.start();
            }
            // One client process, the dump as its standard input: the same as 'mariadb < dump.sql'.
            Tools.run("loading " + data + " into " + target.describe(), Tools.command(Tools.client(), target),
                    data, null);
            Tools.execute(target, "STOP SLAVE", "RESET SLAVE ALL");
            return;
        }
        Path datadir = target.datadir().toAbsolutePath().normalize();
        requireDatadir(datadir, target);
        target.stop();
        if (target.running()) {
            // stop() found no live server pid in the pid file, yet the server answers: its files are in use.
            throw PitrException.refused(target.describe() + " still answers after stopping it by its pid file:"
                    + " not replacing the datadir " + datadir + " of a running server");
        }
        emptyDirectory(datadir);
        if (method == Method.MARIABACKUP) {
            copyTree(data, datadir);
        } else {
            Tools.run("extracting " + data + " into " + datadir, List.of("tar", "-xzf", data.toString(), "-C",
                    datadir.toString()), null, null);
        }
        removeBackupOnlyFiles(datadir);
        // The copy may be of a slave (via-slave) and has the source's replication tables: start without
        // the slave threads, then forget any replication and the copied server's binlog state
        // (MARIADB-NOTES.md: skip-slave-start, then RESET SLAVE ALL; RESET MASTER).
        target.start("--skip-slave-start");
        Tools.execute(target, "STOP SLAVE", "RESET SLAVE ALL", "RESET MASTER");
    }

    /**
     * Refuses to empty a directory that is not a datadir: it must exist and either be empty or hold the
     * {@code mysql/} system database, so that a wrong path (a home directory, "/") is never deleted.
     */
    private static void requireDatadir(Path datadir, ServerEndpoint target) {
        if (!Files.isDirectory(datadir, LinkOption.NOFOLLOW_LINKS)) {
            throw PitrException.usage("the datadir " + datadir + " of " + target.describe() + " is not a directory");
        }
        if (datadir.getParent() == null) {
            throw PitrException.refused("the datadir of " + target.describe() + " is " + datadir
                    + ": not emptying a root directory");
        }
        boolean empty;
        try (Stream<Path> s = Files.list(datadir)) {
            empty = s.findAny().isEmpty();
        } catch (IOException e) {
            throw PitrException.io("cannot read the datadir " + datadir, e);
        }
        if (!empty && !Files.isDirectory(datadir.resolve("mysql"), LinkOption.NOFOLLOW_LINKS)) {
            throw PitrException.refused(datadir + " (datadir of " + target.describe() + ") is not empty and has no"
                    + " mysql/ directory: it does not look like a datadir, not deleting it");
        }
    }

    /** Deletes everything in {@code dir} (symbolic links themselves, never what they point to). */
    private static void emptyDirectory(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                io.binlogkit.sandbox.Sandbox.deleteTree(p); // walkFileTree does not follow links
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new PitrException(PitrException.Kind.IO, "cannot empty the datadir " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try {
            io.binlogkit.sandbox.Sandbox.copyTree(from, to, java.util.Set.of());
        } catch (io.binlogkit.sandbox.SandboxException e) {
            throw new PitrException(PitrException.Kind.IO, e.getMessage(), e);
        }
    }

    /**
     * mariabackup's own files ({@code xtrabackup_*} in 10.11, {@code mariadb_backup_*} later,
     * {@code backup-my.cnf}) and take-backup's {@value Backup#POSITION_FILE} are no part of a datadir.
     */
    private static void removeBackupOnlyFiles(Path datadir) {
        try (Stream<Path> s = Files.list(datadir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (BACKUP_ONLY_FILES.contains(n) || BACKUP_ONLY_PREFIXES.stream().anyMatch(n::startsWith)) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw PitrException.io("cannot tidy the restored datadir " + datadir, e);
        }
    }

    /** Every file under {@code dir} but the manifest, in path order, with size and SHA-256. */
    static List<BackupManifest.FileEntry> fileEntries(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw PitrException.io("cannot list " + dir, e instanceof UncheckedIOException u ? u.getCause() : e);
        }
        List<BackupManifest.FileEntry> out = new ArrayList<>();
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            if (rel.equals(BackupManifest.FILE) || rel.equals(BackupManifest.FILE + ".tmp")) {
                continue;
            }
            try {
                out.add(new BackupManifest.FileEntry(rel, Files.size(f), sha256(f)));
            } catch (IOException e) {
                throw PitrException.io("cannot read " + f, e);
            }
        }
        return out;
    }

    static String sha256(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw PitrException.io("cannot read " + f, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw PitrException.io("cannot read " + f, e);
        }
    }

    /** The total size of a backup's files, for messages. */
    public static long totalBytes(BackupManifest m) {
        return m.files().stream().mapToLong(BackupManifest.FileEntry::size).sum();
    }
}
