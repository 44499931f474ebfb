package io.binlogkit.emitter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server for one test: its own data directory and socket under a temporary directory, no
 * TCP, binary log on; stopped with SIGTERM to the process it started (never by name).
 */
final class ThrowawayMariadb implements AutoCloseable {
    final Path dir;
    final Path cnf;
    private final Process server;
    private final Path client;

    private ThrowawayMariadb(Path dir, Path cnf, Process server, Path client) {
        this.dir = dir;
        this.cnf = cnf;
        this.server = server;
        this.client = client;
    }

    /** Whether the server programs are installed. */
    static boolean available() {
        return Tools.find("mariadbd") != null && Tools.find("mariadb-install-db") != null
                && Tools.find("mariadb") != null;
    }

    static ThrowawayMariadb start(String name) throws Exception {
        Path dir = Files.createTempDirectory("bk-" + name);
        Path cnf = dir.resolve("my.cnf");
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
                local_infile=ON
                [client]
                socket=%1$s/mysqld.sock
                user=root
                """.formatted(dir));
        String user = System.getProperty("user.name");
        exec(List.of(Tools.find("mariadb-install-db").toString(), "--defaults-file=" + cnf, "--user=" + user,
                "--skip-test-db", "--auth-root-authentication-method=normal"), null, dir.resolve("install.log"));
        Process server = new ProcessBuilder(Tools.find("mariadbd").toString(), "--defaults-file=" + cnf,
                "--user=" + user).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        Path sock = dir.resolve("mysqld.sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(sock)) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                server.destroy();
                throw new IOException("mariadbd did not start; see " + dir.resolve("error.log"));
            }
            Thread.sleep(100);
        }
        return new ThrowawayMariadb(dir, cnf, server, Tools.find("mariadb"));
    }

    /** Runs SQL text with the {@code mariadb} client (LOCAL INFILE allowed); fails on any error. */
    void sql(byte[] script) throws Exception {
        exec(List.of(client.toString(), "--defaults-file=" + cnf, "--local-infile=1"), script,
                dir.resolve("client.log"));
    }

    /** Runs one query and returns its rows, tab-separated, no column names. */
    String query(String sql) throws Exception {
        Path log = dir.resolve("query.log");
        exec(List.of(client.toString(), "--defaults-file=" + cnf, "-N", "-B", "-e", sql), null, log);
        return Files.readString(log);
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    private static void exec(List<String> cmd, byte[] stdin, Path log) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try (var os = p.getOutputStream()) {
            if (stdin != null) {
                os.write(stdin);
            }
        }
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(cmd.getFirst() + " failed: " + Files.readString(log));
        }
    }

    @Override
    public void close() throws IOException {
        server.destroy();
        try {
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        GoldenBinlogs.deleteTree(dir);
    }
}
