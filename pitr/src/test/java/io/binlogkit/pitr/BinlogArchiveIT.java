package io.binlogkit.pitr;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.sandbox.Sandbox;
import io.binlogkit.sandbox.ServerInstance;
import io.binlogkit.sandbox.TestSandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static io.binlogkit.pitr.BinlogArchive.Status.COPIED;
import static io.binlogkit.pitr.BinlogArchive.Status.GROWN;
import static io.binlogkit.pitr.BinlogArchive.Status.PURGED;
import static io.binlogkit.pitr.BinlogArchive.Status.UNCHANGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code pitr archive} against a live MariaDB: incremental runs over a server that writes, rotates
 * and purges; conflicts; gaps; another server's archive.
 */
class BinlogArchiveIT {
    private static Sandbox sandbox;
    private static ServerInstance master;
    private static ServerEndpoint endpoint;
    private static Path binlogDir;
    private static String base;

    @BeforeAll
    static void start() {
        sandbox = TestSandboxes.create("pitr", "BinlogArchiveIT");
        master = TestSandboxes.started(sandbox, "master", "master", Map.of());
        endpoint = ServerEndpoint.sandbox(sandbox.dir(), "master");
        Path basename = Path.of(master.queryValue("SELECT @@log_bin_basename"));
        binlogDir = basename.getParent();
        base = basename.getFileName().toString();
        master.execute("CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY AUTO_INCREMENT, item VARCHAR(200)) ENGINE=InnoDB");
    }

    @AfterAll
    static void stop() {
        TestSandboxes.stopAll(sandbox);
    }

    private static void insert(int n) {
        String[] sql = new String[n];
        for (int i = 0; i < n; i++) {
            sql[i] = "INSERT INTO shop.orders (item) VALUES (REPEAT('x', " + (50 + i) + "))";
        }
        master.execute(sql);
    }

    /**
     * FLUSH BINARY LOGS, then waits for the Binlog_checkpoint event naming the new file: MariaDB's
     * binlog background thread writes it into the new file asynchronously, once InnoDB has made the
     * old file's transactions durable, so the active file grows by 44 bytes some time after the flush.
     */
    private static void flush() throws InterruptedException {
        master.execute("FLUSH BINARY LOGS");
        String file = master.masterStatus().orElseThrow().file();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (master.query("SHOW BINLOG EVENTS IN '" + file + "'").stream()
                .noneMatch(e -> "Binlog_checkpoint".equals(e.get("Event_type")) && e.get("Info").contains(file))) {
            assertThat(System.nanoTime()).as("Binlog_checkpoint of " + file).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static Map<String, BinlogArchive.Status> statuses(BinlogArchive.Result r) {
        return r.files().stream().collect(Collectors.toMap(BinlogArchive.FileResult::file,
                BinlogArchive.FileResult::status));
    }

    private static ArchivedBinlog manifest(BinlogArchive.Result r, String file) {
        return r.files().stream().filter(f -> f.file().equals(file)).findFirst().orElseThrow().archived();
    }

    @Test
    void incrementalRunsConflictsAndGaps() throws Exception {
        Path archive = TestSandboxes.target().resolve("pitr-it/BinlogArchiveIT-archive");
        Sandbox.deleteTree(archive);
        insert(20);
        flush();
        insert(5);

        // First run: everything copied; closed files byte for byte, the active one cut at a transaction end.
        AtomicLong progress = new AtomicLong();
        BinlogArchive.Result r1 = BinlogArchive.archive(endpoint, archive, progress::set);
        List<ServerInstance.BinaryLog> logs = master.binaryLogs();
        String active = master.masterStatus().orElseThrow().file();
        assertThat(r1.files()).extracting(BinlogArchive.FileResult::file)
                .containsExactlyElementsOf(logs.stream().map(ServerInstance.BinaryLog::name).toList());
        assertThat(r1.files()).allMatch(f -> f.status() == COPIED);
        assertThat(r1.problems()).isEmpty();
        assertThat(progress.get()).isEqualTo(r1.bytesCopied()).isPositive();
        for (ServerInstance.BinaryLog l : logs) {
            ArchivedBinlog m = manifest(r1, l.name());
            assertThat(m.serverId()).isEqualTo(Long.parseLong(master.queryValue("SELECT @@server_id")));
            assertThat(m.serverVersion()).startsWith(master.queryValue("SELECT @@version").substring(0, 5));
            assertThat(m.events()).isPositive();
            assertThat(m.sha256()).hasSize(64);
            if (!l.name().equals(active)) {
                assertThat(m.complete()).isTrue();
                assertThat(Files.mismatch(binlogDir.resolve(l.name()), archive.resolve(l.name()))).isEqualTo(-1);
            }
        }
        ArchivedBinlog activeCopy = manifest(r1, active);
        assertThat(activeCopy.complete()).isFalse();
        assertThat(activeCopy.lastGtid()).isEqualTo(master.queryValue("SELECT @@gtid_binlog_pos"));
        assertCutAtTransactionEnd(archive.resolve(active), activeCopy);
        assertIsPrefixOfServerFile(archive.resolve(active), binlogDir.resolve(active));
        assertThat(Files.readAllLines(archive.resolve(base + ".index")))
                .containsExactlyElementsOf(logs.stream().map(ServerInstance.BinaryLog::name).toList());
        assertThat(BinlogArchive.list(archive)).extracting(ArchivedBinlog::file)
                .containsExactlyElementsOf(logs.stream().map(ServerInstance.BinaryLog::name).toList());

        // Again, nothing new: unchanged, nothing copied.
        BinlogArchive.Result r2 = BinlogArchive.archive(endpoint, archive, null);
        assertThat(r2.files()).allMatch(f -> f.status() == UNCHANGED);
        assertThat(r2.bytesCopied()).isZero();

        // More writes: the active file grows and is copied again.
        insert(7);
        BinlogArchive.Result r3 = BinlogArchive.archive(endpoint, archive, null);
        assertThat(statuses(r3).get(active)).isEqualTo(GROWN);
        assertThat(manifest(r3, active).size()).isGreaterThan(activeCopy.size());
        assertThat(manifest(r3, active).lastGtid()).isEqualTo(master.queryValue("SELECT @@gtid_binlog_pos"));
        assertThat(r3.files()).filteredOn(f -> !f.file().equals(active)).allMatch(f -> f.status() == UNCHANGED);

        // Rotation: the server closes the file (clearing its in-use flag); the archived copy becomes complete.
        flush();
        BinlogArchive.Result r4 = BinlogArchive.archive(endpoint, archive, null);
        assertThat(statuses(r4).get(active)).isEqualTo(GROWN);
        assertThat(manifest(r4, active).complete()).isTrue();
        assertThat(Files.mismatch(binlogDir.resolve(active), archive.resolve(active))).isEqualTo(-1);
        String next = master.masterStatus().orElseThrow().file();
        assertThat(statuses(r4).get(next)).isEqualTo(COPIED);

        // A conflict: the archive's copy of a closed file differs from the server's (as after a
        // RESET MASTER that reused the name). Reported, the archive left untouched, the rest handled.
        String first = logs.getFirst().name();
        Path firstCopy = archive.resolve(first);
        byte[] original = Files.readAllBytes(firstCopy);
        String originalManifest = Files.readString(archive.resolve(first + ".json"));
        byte[] changed = original.clone();
        changed[changed.length / 2] ^= 0x01;
        Files.write(firstCopy, changed);
        ArchivedBinlog m1 = ArchivedBinlog.read(firstCopy);
        new ArchivedBinlog(m1.file(), m1.size(), true, m1.serverId(), m1.serverVersion(), m1.firstPos(), m1.lastPos(),
                m1.firstGtid(), m1.lastGtid(), m1.firstTime(), m1.lastTime(), m1.events(), sha256(changed),
                m1.archivedAt()).write(archive);
        String changedManifest = Files.readString(archive.resolve(first + ".json"));
        insert(3);
        assertThatThrownBy(() -> BinlogArchive.archive(endpoint, archive, null))
                .isInstanceOfSatisfying(BinlogArchive.ConflictException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PitrException.Kind.BAD_DATA);
                    assertThat(e.getMessage()).startsWith(first + ": the server's file differs");
                    assertThat(e.result().conflicts()).extracting(BinlogArchive.FileResult::file).containsExactly(first);
                    assertThat(statuses(e.result()).get(next)).isEqualTo(GROWN); // handled all the same
                });
        assertThat(Files.readAllBytes(firstCopy)).isEqualTo(changed);
        assertThat(Files.readString(archive.resolve(first + ".json"))).isEqualTo(changedManifest);

        // A shrunk file: the archive says more bytes than the server has.
        Files.write(firstCopy, original);
        Files.writeString(archive.resolve(first + ".json"), originalManifest);
        assertThat(statuses(BinlogArchive.archive(endpoint, archive, null)).get(first)).isEqualTo(UNCHANGED);

        // A gap: two files written and purged between runs; the archived ones are kept.
        flush();
        String missed = master.masterStatus().orElseThrow().file();
        insert(2);
        flush();
        String last = master.masterStatus().orElseThrow().file();
        master.execute("PURGE BINARY LOGS TO '" + last + "'");
        assertThat(master.binaryLogs()).extracting(ServerInstance.BinaryLog::name).containsExactly(last);
        BinlogArchive.Result r6 = BinlogArchive.archive(endpoint, archive, null);
        assertThat(r6.problems()).containsExactly(missed + " was purged from the server before it was archived");
        assertThat(statuses(r6).get(last)).isEqualTo(COPIED);
        assertThat(statuses(r6).get(first)).isEqualTo(PURGED);
        assertThat(statuses(r6).get(next)).isEqualTo(PURGED);
        assertThat(Files.readAllBytes(firstCopy)).isEqualTo(original);
        assertThat(Files.readAllLines(archive.resolve(base + ".index"))).doesNotContain(missed).contains(first, last);

        // A new archive of a server that purged its first files: the gap from 000001 is reported.
        Path fresh = TestSandboxes.target().resolve("pitr-it/BinlogArchiveIT-fresh");
        Sandbox.deleteTree(fresh);
        BinlogArchive.Result r7 = BinlogArchive.archive(endpoint, fresh, null);
        long lastSeq = BinlogArchive.sequence(last);
        assertThat(r7.problems()).containsExactly(base + ".000001 to " + base + "." + String.format("%06d", lastSeq - 1)
                + " (" + (lastSeq - 1) + " files) were purged from the server before they were archived");

        // Another server's binlogs do not go into this archive.
        ServerInstance other = TestSandboxes.started(sandbox, "other", "master", Map.of());
        long otherId = Long.parseLong(other.queryValue("SELECT @@server_id"));
        assertThatThrownBy(() -> BinlogArchive.archive(ServerEndpoint.sandbox(sandbox.dir(), "other"), archive, null))
                .isInstanceOfSatisfying(PitrException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PitrException.Kind.REFUSED);
                    assertThat(e.getMessage()).contains("server_id " + m1.serverId()).contains("server_id " + otherId)
                            .contains(archive.toString());
                });
        other.stop();
    }

    /** The archived active file ends at a transaction boundary: no transaction left open. */
    private static void assertCutAtTransactionEnd(Path copy, ArchivedBinlog m) throws Exception {
        try (BinlogFile f = BinlogFile.open(copy)) {
            assertThat(f.size()).isEqualTo(m.size());
            assertThat(f.inUse()).isTrue();
            TransactionReader r = new TransactionReader(f, 4, false);
            while (r.next()) {
                // walk to the end
            }
            assertThat(r.openTransactionStart()).isEqualTo(-1);
            assertThat(r.lastCompleteEnd()).isEqualTo(f.size());
        }
    }

    /** A copy of the active file equals the start of the server's file byte for byte (in-use flag included). */
    private static void assertIsPrefixOfServerFile(Path copy, Path serverFile) throws Exception {
        byte[] a = Files.readAllBytes(copy);
        byte[] s = Files.readAllBytes(serverFile);
        assertThat(s.length).isGreaterThanOrEqualTo(a.length);
        assertThat(Arrays.copyOf(s, a.length)).isEqualTo(a);
    }

    private static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }
}
