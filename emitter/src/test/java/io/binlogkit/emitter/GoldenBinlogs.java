package io.binlogkit.emitter;

import io.binlogkit.parser.BinlogFile;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The MariaDB binlogs the golden tests compare on: the public fixture written by MariaDB
 * ({@code ../shared/fixtures/rust_mysql_common/mariadb-bin.000001}), the project's
 * {@code testdata/binlogs} (when generated), and binlogs made here by a throwaway MariaDB running
 * {@code golden-workload.sql} (when {@code mariadbd} is installed). The generated files are kept in
 * {@code target/golden-binlogs} and reused while the workload is unchanged.
 */
final class GoldenBinlogs {
    private static List<Path> generated;

    private GoldenBinlogs() {
    }

    static Path repo() {
        String p = System.getProperty("binlogkit.repo");
        if (p != null) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.exists(d.resolve("mvnw"))) {
            d = d.getParent();
        }
        return d == null ? Path.of("").toAbsolutePath() : d;
    }

    /** Every MariaDB-written binlog available to compare on (possibly none). */
    static List<Path> all() throws Exception {
        List<Path> out = new ArrayList<>();
        Path fixture = repo().resolve("../shared/fixtures/rust_mysql_common/mariadb-bin.000001").normalize();
        if (Files.isRegularFile(fixture)) {
            out.add(fixture);
        }
        Path testdata = repo().resolve("testdata/binlogs");
        if (Files.isDirectory(testdata)) {
            try (Stream<Path> s = Files.walk(testdata)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    if (isMariaDbBinlog(p)) {
                        out.add(p);
                    }
                }
            }
        }
        out.addAll(generated());
        return out;
    }

    static boolean isMariaDbBinlog(Path p) {
        try {
            if (!io.binlogkit.parser.BinlogIndex.hasMagic(p)) {
                return false;
            }
            try (BinlogFile f = BinlogFile.open(p)) {
                return f.formatDescription().isMariaDb();
            }
        } catch (Exception e) {
            return false;
        }
    }

    /** The binlogs of the golden workload, made now or earlier in this build directory; empty without MariaDB. */
    static synchronized List<Path> generated() throws Exception {
        if (generated != null) {
            return generated;
        }
        generated = List.of();
        Path mariadbd = Tools.find("mariadbd");
        Path installDb = Tools.find("mariadb-install-db");
        Path client = Tools.find("mariadb");
        if (mariadbd == null || installDb == null || client == null) {
            System.err.println("GoldenBinlogs: mariadbd / mariadb-install-db / mariadb not found; "
                    + "no binlogs generated (the golden tests use the fixtures only)");
            return generated;
        }
        byte[] workload;
        try (InputStream in = GoldenBinlogs.class.getResourceAsStream("golden-workload.sql")) {
            workload = in.readAllBytes();
        }
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(workload));
        Path cache = repo().resolve("emitter/target/golden-binlogs");
        Path marker = cache.resolve("workload.sha256");
        if (Files.exists(marker) && Files.readString(marker).equals(digest)) {
            generated = listBinlogs(cache);
            return generated;
        }
        deleteTree(cache);
        Files.createDirectories(cache);
        Path work = Files.createTempDirectory("bk-golden");
        Process server = null;
        try {
            Path cnf = work.resolve("my.cnf");
            Files.writeString(cnf, """
                    [mariadbd]
                    datadir=%1$s/data
                    socket=%1$s/mysqld.sock
                    pid-file=%1$s/mysqld.pid
                    log-error=%1$s/error.log
                    skip-networking
                    log-bin=%1$s/data/mariadb-bin
                    server-id=1
                    binlog_format=MIXED
                    innodb_buffer_pool_size=32M
                    [client]
                    socket=%1$s/mysqld.sock
                    user=root
                    """.formatted(work));
            String user = System.getProperty("user.name");
            run(List.of(installDb.toString(), "--defaults-file=" + cnf, "--user=" + user, "--skip-test-db",
                    "--auth-root-authentication-method=normal"), null, work.resolve("install.log"));
            server = new ProcessBuilder(mariadbd.toString(), "--defaults-file=" + cnf, "--user=" + user)
                    .redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile()).start();
            Path sock = work.resolve("mysqld.sock");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(sock)) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("mariadbd did not start; see " + work.resolve("error.log"));
                }
                Thread.sleep(100);
            }
            Path load = work.resolve("load.txt");
            Files.writeString(load, "a\t1\nb\t2\nc\\\\x\t3\n");
            byte[] sql = new String(workload, StandardCharsets.UTF_8).replace("@LOADFILE@", load.toString())
                    .getBytes(StandardCharsets.UTF_8);
            run(List.of(client.toString(), "--defaults-file=" + cnf), sql, work.resolve("client.log"));
            // The last file is still open: copied now, it is an in-use binlog.
            for (Path p : listBinlogs(work.resolve("data"))) {
                Files.copy(p, cache.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(marker, digest);
            generated = listBinlogs(cache);
        } finally {
            if (server != null) {
                server.destroy();
                if (!server.waitFor(60, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
            deleteTree(work);
        }
        return generated;
    }

    private static List<Path> listBinlogs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("mariadb-bin\\.\\d{6}")).sorted().toList();
        }
    }

    private static void run(List<String> cmd, byte[] stdin, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        if (stdin != null) {
            try (var os = p.getOutputStream()) {
                os.write(stdin);
            }
        } else {
            p.getOutputStream().close();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(cmd.getFirst() + " failed: " + Files.readString(log));
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Skips the calling test when there is nothing to compare on. */
    static List<Path> require() throws Exception {
        List<Path> all = all();
        Assumptions.assumeFalse(all.isEmpty(), "no MariaDB binlogs: neither ../shared/fixtures nor testdata/binlogs "
                + "nor a local mariadbd to make some");
        return all;
    }
}
