package io.binlogkit.pitr;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.BinlogFormatException;
import io.binlogkit.parser.EventCursor;
import io.binlogkit.parser.EventType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * {@code pitr archive}: copies a local server's binary logs into an archive directory, incrementally,
 * so that they outlive {@code PURGE BINARY LOGS} and the server itself. Every copy is verified with
 * the parser (every event framed, every CRC32 checked) before it is renamed into place, and described
 * by an {@link ArchivedBinlog} manifest ({@code NAME.json}); {@code BASENAME.index} lists the files in
 * order, as the server's index does.
 *
 * <p>Closed files are copied whole. The server's active file is copied up to the position
 * {@code SHOW MASTER STATUS} gave and cut at the end of its last complete transaction, so that the
 * archive never holds half a transaction; such a copy is <em>partial</em> and is replaced by a longer
 * one on a later run, but only after checking that what was archived is a prefix of the server's file.
 * A file whose bytes differ from what was archived (a {@code RESET MASTER} that reused the names, a
 * damaged disk) is a <em>conflict</em>: it is reported and never replaced.
 */
public final class BinlogArchive {
    /** Offset of the first event's type code: 4 bytes of magic, then the 4-byte timestamp. */
    private static final int FDE_TYPE_OFFSET = BinlogFile.MAGIC_LENGTH + 4;
    /** Offset of the Format_description event's flags: 4 bytes of magic, then 17 header bytes. */
    private static final int FDE_FLAGS_OFFSET = BinlogFile.MAGIC_LENGTH + 17;
    /**
     * LOG_EVENT_BINLOG_IN_USE_F: MariaDB sets it in the file's Format_description while the file is
     * open for writing and clears it in place when it closes the file (MYSQL_BIN_LOG::close), so a
     * partial copy of the active file differs from the closed file in this one bit.
     */
    private static final int IN_USE_FLAG = 0x1;
    private static final int FORMAT_DESCRIPTION_TYPE = 15;
    private static final int BUFFER = 1 << 20;
    private static final String LOCK_FILE = ".pitr-archive.lock";

    private BinlogArchive() {
    }

    /** What a run did with one binlog. */
    public enum Status {
        /** Not in the archive before; copied. */
        COPIED,
        /** Archived partial before; the server's file grew (or was closed) and the new copy replaced it. */
        GROWN,
        /** The archive already holds the same bytes. */
        UNCHANGED,
        /** The server's file differs from (or is shorter than) the archived copy; the archive was left as it was. */
        CONFLICT,
        /** In the archive, no longer on the server (purged there): kept. */
        PURGED
    }

    /**
     * One binlog of a run.
     *
     * @param file        its name
     * @param status      what happened
     * @param bytesCopied bytes written into the archive for it
     * @param archived    its manifest in the archive after the run, or {@code null} when it has none
     * @param detail      for a conflict, what differs; else {@code ""}
     */
    public record FileResult(String file, Status status, long bytesCopied, ArchivedBinlog archived, String detail) {
    }

    /**
     * What a run did.
     *
     * @param archiveDir  the archive
     * @param baseName    the binlogs' base name ({@code mariadb-bin})
     * @param serverId    the server's {@code @@server_id}
     * @param files       every binlog of the server and of the archive, in binlog order
     * @param bytesCopied bytes written into the archive
     * @param problems    one line each: files purged from the server before they were archived
     */
    public record Result(Path archiveDir, String baseName, long serverId, List<FileResult> files, long bytesCopied,
                         List<String> problems) {
        public List<FileResult> conflicts() {
            return files.stream().filter(f -> f.status() == Status.CONFLICT).toList();
        }
    }

    /** Thrown by {@link #archive} after every other file was handled, when some file is in conflict. */
    public static final class ConflictException extends PitrException {
        private static final long serialVersionUID = 1L;
        private final transient Result result;

        ConflictException(Result result) {
            super(Kind.BAD_DATA, message(result.conflicts()));
            this.result = result;
        }

        private static String message(List<FileResult> conflicts) {
            StringBuilder sb = new StringBuilder();
            for (FileResult f : conflicts) {
                sb.append(sb.isEmpty() ? "" : "; ").append(f.file()).append(": ").append(f.detail());
            }
            return sb + " (the archived " + (conflicts.size() == 1 ? "copy was" : "copies were") + " left untouched)";
        }

        /** Everything the run did, the conflicts included. */
        public Result result() {
            return result;
        }
    }

    /**
     * Archives every binlog of {@code server} into {@code archiveDir} (created if missing).
     *
     * @param progressBytes receives the running total of bytes read from the server's binlogs
     * @throws ConflictException when a file differs from its archived copy (after all other files were handled)
     * @throws PitrException     REFUSED when the server writes no binlogs or the archive holds another
     *                           server's binlogs; IO, SERVER or BAD_DATA (a copy that fails verification)
     */
    public static Result archive(ServerEndpoint server, Path archiveDir, LongConsumer progressBytes) {
        ServerBinlogs s = ServerBinlogs.query(server);
        try {
            Files.createDirectories(archiveDir);
        } catch (IOException e) {
            throw PitrException.io("cannot create the archive directory " + archiveDir, e);
        }
        try (FileChannel lockChannel = FileChannel.open(archiveDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            try (FileLock lock = tryLock(lockChannel)) {
                if (lock == null) {
                    throw PitrException.refused("another pitr archive is writing to " + archiveDir);
                }
                return archiveLocked(server, s, archiveDir, new Counter(progressBytes));
            }
        } catch (IOException e) {
            throw PitrException.io("cannot lock the archive " + archiveDir, e);
        }
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM
        }
    }

    private static Result archiveLocked(ServerEndpoint server, ServerBinlogs s, Path dir, Counter progress)
            throws IOException {
        List<ArchivedBinlog> before = list(dir);
        for (ArchivedBinlog a : before) {
            String base = baseName(a.file());
            if (!base.equals(s.baseName) || a.serverId() != s.serverId) {
                throw PitrException.refused("the archive " + dir + " holds " + a.file() + " of server_id "
                        + a.serverId() + "; " + server.describe() + " writes " + s.baseName + ".* with server_id "
                        + s.serverId + ": an archive holds one server's binlogs");
            }
        }
        Map<String, ArchivedBinlog> archived = new HashMap<>();
        before.forEach(a -> archived.put(a.file(), a));

        Map<String, FileResult> results = new LinkedHashMap<>();
        for (ServerBinlogs.File f : s.files) {
            boolean active = f.name().equals(s.activeFile);
            long available = active ? s.activePosition : f.size();
            FileResult r = archiveOne(s.dir.resolve(f.name()), f.name(), available, active,
                    archived.get(f.name()), dir, progress);
            results.put(f.name(), r);
            writeIndex(dir, s.baseName);
        }
        for (ArchivedBinlog a : before) {
            results.putIfAbsent(a.file(), new FileResult(a.file(), Status.PURGED, 0, a, ""));
        }
        List<FileResult> files = new ArrayList<>(results.values());
        files.sort(Comparator.comparingLong(r -> sequence(r.file())));
        writeIndex(dir, s.baseName);

        List<String> problems = gaps(before, s);
        long copied = files.stream().mapToLong(FileResult::bytesCopied).sum();
        Result result = new Result(dir, s.baseName, s.serverId, List.copyOf(files), copied, List.copyOf(problems));
        if (!result.conflicts().isEmpty()) {
            throw new ConflictException(result);
        }
        return result;
    }

    /**
     * Files missing from both the archive and the server between the archive's first file (or
     * sequence 1 for a new archive: MariaDB numbers a fresh server's binlogs from 000001) and the
     * server's last one: purged before anyone archived them.
     */
    private static List<String> gaps(List<ArchivedBinlog> before, ServerBinlogs s) {
        TreeSet<Long> present = new TreeSet<>();
        before.forEach(a -> present.add(sequence(a.file())));
        s.files.forEach(f -> present.add(sequence(f.name())));
        if (s.files.isEmpty()) {
            return List.of();
        }
        String last = s.files.getLast().name();
        int width = last.length() - last.lastIndexOf('.') - 1;
        long from = before.isEmpty() ? 1 : sequence(before.getFirst().file());
        long to = sequence(last);
        List<String> problems = new ArrayList<>();
        long runStart = -1;
        for (long n = from; n <= to + 1; n++) {
            boolean missing = n <= to && !present.contains(n);
            if (missing && runStart < 0) {
                runStart = n;
            } else if (!missing && runStart >= 0) {
                String first = s.baseName + "." + pad(runStart, width);
                problems.add(runStart == n - 1
                        ? first + " was purged from the server before it was archived"
                        : first + " to " + s.baseName + "." + pad(n - 1, width) + " (" + (n - runStart)
                        + " files) were purged from the server before they were archived");
                runStart = -1;
            }
        }
        return problems;
    }

    private static String pad(long n, int width) {
        String digits = Long.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static FileResult archiveOne(Path src, String name, long available, boolean active, ArchivedBinlog a,
                                         Path dir, Counter progress) throws IOException {
        long onDisk;
        try {
            onDisk = Files.size(src);
        } catch (NoSuchFileException e) {
            throw new PitrException(PitrException.Kind.IO, "the server lists " + name + " but " + src
                    + " does not exist here: pitr archive reads the binlogs from the disk, so the server must be local");
        }
        if (onDisk < available) {
            throw new PitrException(PitrException.Kind.IO, src + " has " + onDisk + " bytes but the server says "
                    + available + ": is this the server's binlog directory?");
        }
        Path target = dir.resolve(name);
        if (a != null && !Files.isRegularFile(target)) {
            a = null; // a manifest without its binlog (removed by hand): copy the file again
        }
        if (a == null) {
            return copy(src, name, available, active, dir, progress, null, -1);
        }
        if (a.complete()) {
            // A closed file never changes: the same size and hash, or a conflict.
            if (available != a.size()) {
                return conflict(a, "the server's file has " + available + " bytes, the archived complete copy "
                        + a.size());
            }
            String sha = sha256(src, available, null, -1, progress);
            return sha.equals(a.sha256()) ? new FileResult(name, Status.UNCHANGED, 0, a, "")
                    : conflict(a, "the server's file differs from the archived complete copy (same size "
                    + available + ", SHA-256 " + sha + " instead of " + a.sha256() + ")");
        }
        if (available < a.size()) {
            return conflict(a, "the server's file has " + available + " bytes, fewer than the " + a.size()
                    + " archived (it shrank)");
        }
        int archivedFlags = flagsByte(target);
        if (available == a.size() && active) {
            String sha = sha256(src, a.size(), null, archivedFlags, progress);
            return sha.equals(a.sha256()) ? new FileResult(name, Status.UNCHANGED, 0, a, "") : prefixConflict(a);
        }
        return copy(src, name, available, active, dir, progress, a, archivedFlags);
    }

    private static FileResult conflict(ArchivedBinlog a, String detail) {
        return new FileResult(a.file(), Status.CONFLICT, 0, a, detail);
    }

    private static FileResult prefixConflict(ArchivedBinlog a) {
        return conflict(a, "the server's first " + a.size() + " bytes differ from the archived partial copy");
    }

    /**
     * Copies {@code src} up to {@code length} into a temporary file of the archive, verifies it,
     * cuts an active file at its last complete transaction, syncs it and renames it over
     * {@code NAME}; then writes its manifest. With {@code previous} (a partial copy), the archived
     * bytes must be a prefix of the server's file, checked in the same read.
     */
    private static FileResult copy(Path src, String name, long length, boolean active, Path dir, Counter progress,
                                   ArchivedBinlog previous, int archivedFlags) throws IOException {
        Path tmp = dir.resolve("." + name + ".copying");
        try {
            String prefixSha;
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                prefixSha = read(src, length, out, previous == null ? 0 : previous.size(), archivedFlags, progress);
            }
            if (previous != null && !prefixSha.equals(previous.sha256())) {
                return prefixConflict(previous);
            }
            Inspection in = inspect(tmp, src, active);
            if (previous != null && in.size() == previous.size() && !(in.complete() && !previous.complete())) {
                return new FileResult(name, Status.UNCHANGED, 0, previous, ""); // only an unfinished transaction more
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.truncate(in.size());
                ch.force(true);
            }
            String sha = sha256(tmp, in.size(), null, -1, null);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dir);
            ArchivedBinlog m = new ArchivedBinlog(name, in.size(), in.complete(), in.serverId(), in.serverVersion(),
                    in.firstPos(), in.lastPos(), in.firstGtid(), in.lastGtid(), in.firstTime(), in.lastTime(),
                    in.events(), sha, Instant.now().toString());
            m.write(dir);
            return new FileResult(name, previous == null ? Status.COPIED : Status.GROWN, in.size(), m, "");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * What the parser says about a copy, and where to cut it.
     *
     * @param size     bytes to keep: the whole file, or for the active file the end of its last complete transaction
     * @param complete whether the copy is of a closed file
     * @param lastPos  end of the last complete transaction (or event outside transactions)
     */
    record Inspection(long size, boolean complete, long serverId, String serverVersion, long firstPos, long lastPos,
                      String firstGtid, String lastGtid, long firstTime, long lastTime, long events) {
    }

    /**
     * Walks every event of {@code copy} with CRC32 verification and every transaction with
     * {@link TransactionReader}. {@code active}: the copy is of the server's active file, to be cut at
     * the end of its last complete transaction (a transaction still being written, or an event cut by
     * the copy, is left for a later run). Damage is a BAD_DATA error naming {@code source} and the offset.
     */
    static Inspection inspect(Path copy, Path source, boolean active) {
        try (BinlogFile f = BinlogFile.open(copy)) {
            TransactionReader r = new TransactionReader(f, BinlogFile.MAGIC_LENGTH, false);
            String firstGtid = "";
            String lastGtid = "";
            while (r.next()) {
                if (r.gtid() != null) {
                    if (firstGtid.isEmpty()) {
                        firstGtid = r.gtid();
                    }
                    lastGtid = r.gtid();
                }
            }
            long lastComplete = r.lastCompleteEnd();
            if (r.openTransactionStart() >= 0) {
                lastComplete = Math.min(lastComplete, r.openTransactionStart());
            }
            long size = active ? lastComplete : f.size();
            EventCursor c = f.cursor();
            long events = 0;
            long serverId = -1;
            long firstTime = 0;
            long lastTime = 0;
            long firstPos = f.firstEventAfterFormat();
            while (c.next() && c.nextEventOffset() <= size) {
                events++;
                if (serverId < 0) {
                    serverId = c.serverId(); // the Format_description (or Start_v3) event
                }
                if (c.position() >= firstPos && c.type() != EventType.FORMAT_DESCRIPTION) {
                    if (firstTime == 0) {
                        firstTime = c.timestamp();
                    }
                    lastTime = c.timestamp();
                }
            }
            return new Inspection(size, !active, serverId, f.formatDescription().serverVersion(), firstPos,
                    lastComplete, firstGtid, lastGtid, firstTime, lastTime, events);
        } catch (BinlogFormatException e) {
            throw PitrException.badData(source + " at offset " + e.eventOffset() + ": " + e.field()
                    + (e.expected() != null ? ": expected " + e.expected() : "")
                    + (e.actual() != null ? (e.expected() != null ? ", found " : ": ") + e.actual() : "")
                    + " (the copy was not archived)");
        } catch (IOException e) {
            throw PitrException.io("cannot read the copy " + copy, e);
        }
    }

    /**
     * Reads the first {@code length} bytes of {@code src}, writing them to {@code out} when it is not
     * null, and returns the SHA-256 of the first {@code prefixLength} of them (all when 0). When
     * {@code flagsByte} is not -1, the in-use bit of the Format_description's flags is hashed as
     * {@code flagsByte} has it: the only byte in which a closed file differs from a copy made while open.
     */
    private static String read(Path src, long length, FileChannel out, long prefixLength, int flagsByte,
                               Counter progress) throws IOException {
        long hashed = prefixLength == 0 ? length : Math.min(prefixLength, length);
        MessageDigest md = sha256();
        byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(length, 1))];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ)) {
            long pos = 0;
            while (pos < length) {
                bb.clear().limit((int) Math.min(buf.length, length - pos));
                while (bb.hasRemaining()) {
                    if (in.read(bb, pos + bb.position()) < 0) {
                        throw new PitrException(PitrException.Kind.IO, src + " ended at " + (pos + bb.position())
                                + " bytes while reading " + length);
                    }
                }
                int n = bb.position();
                if (out != null) {
                    bb.flip();
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                }
                if (pos < hashed) {
                    int h = (int) Math.min(n, hashed - pos);
                    if (pos == 0 && flagsByte >= 0 && h > FDE_FLAGS_OFFSET && buf[FDE_TYPE_OFFSET] == FORMAT_DESCRIPTION_TYPE
                            && ((buf[FDE_FLAGS_OFFSET] ^ flagsByte) & 0xff) == IN_USE_FLAG) {
                        md.update(buf, 0, FDE_FLAGS_OFFSET);
                        md.update((byte) flagsByte);
                        md.update(buf, FDE_FLAGS_OFFSET + 1, h - FDE_FLAGS_OFFSET - 1);
                    } else {
                        md.update(buf, 0, h);
                    }
                }
                pos += n;
                if (progress != null) {
                    progress.add(n);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String sha256(Path file, long length, FileChannel out, int flagsByte, Counter progress)
            throws IOException {
        return read(file, length, out, 0, flagsByte, progress);
    }

    /** The low byte of the archived copy's Format_description flags, or -1 when it has none there. */
    private static int flagsByte(Path archived) throws IOException {
        try (FileChannel ch = FileChannel.open(archived, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(FDE_FLAGS_OFFSET + 1);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // fill
            }
            return b.hasRemaining() || b.get(FDE_TYPE_OFFSET) != FORMAT_DESCRIPTION_TYPE ? -1 : b.get(FDE_FLAGS_OFFSET) & 0xff;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the rename is still atomic.
        }
    }

    /** {@code BASENAME.index}: the archived files in order, one name a line, as the server's index. */
    private static void writeIndex(Path dir, String baseName) {
        StringBuilder sb = new StringBuilder();
        for (ArchivedBinlog a : list(dir)) {
            sb.append(a.file()).append('\n');
        }
        Path index = dir.resolve(baseName + ".index");
        Path tmp = dir.resolve("." + baseName + ".index.tmp");
        try {
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw PitrException.io("cannot write " + index, e);
        }
    }

    /** The manifests of the archive, in binlog order (by sequence number); empty when there is no archive. */
    public static List<ArchivedBinlog> list(Path archiveDir) {
        if (!Files.isDirectory(archiveDir)) {
            return List.of();
        }
        List<ArchivedBinlog> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(archiveDir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") && n.endsWith(".json")
                        && BinlogNames.matches(n.substring(0, n.length() - 5))) {
                    out.add(Json.read(p, ArchivedBinlog.class));
                }
            }
        } catch (IOException e) {
            throw PitrException.io("cannot list the archive " + archiveDir, e);
        }
        out.sort(Comparator.comparing((ArchivedBinlog a) -> baseName(a.file()))
                .thenComparingLong(a -> sequence(a.file())));
        return out;
    }

    static String baseName(String file) {
        String base = BinlogNames.baseOrNull(file);
        return base == null ? file : base;
    }

    static long sequence(String file) {
        return BinlogNames.sequence(file);
    }

    /** Running total of bytes read, handed to the caller's progress consumer. */
    private static final class Counter {
        private final LongConsumer sink;
        private long total;

        Counter(LongConsumer sink) {
            this.sink = sink;
        }

        void add(long n) {
            total += n;
            if (sink != null) {
                sink.accept(total);
            }
        }
    }

    /** What the server says about its binlogs: where they are, which exist, which one it writes. */
    private record ServerBinlogs(Path dir, String baseName, long serverId, List<File> files, String activeFile,
                                 long activePosition) {
        record File(String name, long size) {
        }

        static ServerBinlogs query(ServerEndpoint server) {
            try (Connection c = server.connect(); Statement st = c.createStatement()) {
                String basename;
                long serverId;
                try (ResultSet rs = st.executeQuery("SELECT @@log_bin, @@log_bin_basename, @@server_id")) {
                    rs.next();
                    if (!rs.getBoolean(1) || rs.getString(2) == null) {
                        throw PitrException.refused(server.describe() + " writes no binary log (@@log_bin is OFF):"
                                + " there is nothing to archive; start it with log-bin");
                    }
                    basename = rs.getString(2);
                    serverId = rs.getLong(3);
                }
                Path base = Path.of(basename);
                Path dir = base.getParent();
                if (dir == null || !Files.isDirectory(dir)) {
                    throw new PitrException(PitrException.Kind.IO, server.describe() + " writes its binlogs to "
                            + basename + ".*, a directory this machine does not have: pitr archive reads the binlogs"
                            + " from the disk, so the server must be local");
                }
                // A rotation between the two statements would make the last listed file differ from
                // the active one; ask again until they agree.
                for (int attempt = 0; ; attempt++) {
                    List<File> files = new ArrayList<>();
                    try (ResultSet rs = st.executeQuery("SHOW BINARY LOGS")) {
                        while (rs.next()) {
                            files.add(new File(rs.getString(1), rs.getLong(2)));
                        }
                    }
                    String active = null;
                    long position = 0;
                    try (ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
                        if (rs.next()) {
                            active = rs.getString(1);
                            position = rs.getLong(2);
                        }
                    }
                    if (active == null || files.isEmpty()) {
                        throw PitrException.server(server.describe() + " lists no binary logs");
                    }
                    if (active.equals(files.getLast().name()) || attempt >= 5) {
                        return new ServerBinlogs(dir, base.getFileName().toString(), serverId, files, active, position);
                    }
                }
            } catch (SQLException e) {
                throw PitrException.server(server.describe() + ": " + e.getMessage(), e);
            }
        }
    }
}
