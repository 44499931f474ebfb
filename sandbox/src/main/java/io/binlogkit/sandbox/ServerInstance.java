package io.binlogkit.sandbox;

import io.binlogkit.parser.BinlogPosition;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One server of a sandbox: its defaults file, datadir, start and stop (by the pid in its pid file,
 * never by process name), and SQL over its unix socket with MariaDB Connector/J as the OS user
 * ({@code unix_socket} authentication, so the administrator needs no password).
 */
public final class ServerInstance {
    /** Settings that keep an idle server near 100 MB and its start fast (MARIADB-NOTES.md). */
    static final String SMALL_SERVER_OPTIONS = """
            innodb_buffer_pool_size=32M
            innodb_log_file_size=16M
            performance_schema=OFF
            skip-name-resolve
            loose-innodb_use_native_aio=0
            """;
    /** Longest unix socket path the kernel accepts (sun_path is 108 bytes with the NUL). */
    private static final int MAX_SOCKET_PATH = 100;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);

    private final Sandbox sandbox;
    private final String name;

    ServerInstance(Sandbox sandbox, ServerSpec spec) {
        this.sandbox = sandbox;
        this.name = spec.name();
    }

    public String name() {
        return name;
    }

    /** What the sandbox config says about this server now (its port may move, see {@link #start}). */
    public ServerSpec spec() {
        return sandbox.spec(name);
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** {@code NAME.cnf}: the server's options ({@code [mysqld]}) and the client's ({@code [client]}). */
    public Path defaultsFile() {
        return sandbox.dir().resolve(name + ".cnf");
    }

    public Path datadir() {
        return sandbox.dir().resolve(name);
    }

    public Path pidFile() {
        return sandbox.dir().resolve(name + ".pid");
    }

    public Path errorLog() {
        return sandbox.dir().resolve(name + ".err");
    }

    /**
     * The unix socket: beside the defaults file when the path is short enough, otherwise in a
     * directory under {@code /tmp} named after a hash of the sandbox directory.
     */
    public Path socket() {
        Path near = sandbox.dir().resolve(name + ".sock");
        if (near.toString().length() <= MAX_SOCKET_PATH) {
            return near;
        }
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(sandbox.dir().toString().getBytes(StandardCharsets.UTF_8));
            return Path.of("/tmp", "binlogkit-" + HexFormat.of().formatHex(h, 0, 6), name + ".sock");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void writeDefaultsFile() {
        ServerSpec spec = spec();
        StringBuilder sb = new StringBuilder();
        sb.append("# written by binlogkit sandbox: server '").append(name).append("', roles ")
                .append(Role.format(spec.roles())).append("\n[mysqld]\n");
        sb.append("server-id=").append(spec.serverId()).append('\n');
        sb.append("port=").append(spec.port()).append('\n');
        sb.append("bind-address=127.0.0.1\n");
        sb.append("socket=").append(socket()).append('\n');
        sb.append("datadir=").append(datadir()).append('\n');
        sb.append("pid-file=").append(pidFile()).append('\n');
        sb.append("log-error=").append(errorLog()).append('\n');
        sb.append("log-bin=").append(spec.binlogBase()).append('\n');
        sb.append("log-bin-index=").append(spec.binlogBase()).append(".index\n");
        sb.append("relay-log=").append(spec.relayLogBase()).append('\n');
        sb.append("relay-log-index=").append(spec.relayLogBase()).append(".index\n");
        if (spec.isMaster() && spec.isSlave()) {
            sb.append("log-slave-updates\n");
        }
        // SHOW SLAVE HOSTS lists a slave only when it reports where it listens.
        sb.append("report-host=127.0.0.1\n");
        sb.append("report-port=").append(spec.port()).append('\n');
        // A throwaway server need not fsync every commit; crash images still recover from the redo log.
        sb.append("innodb_flush_log_at_trx_commit=2\n");
        sb.append(SMALL_SERVER_OPTIONS);
        spec.options().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        sb.append("\n[client]\n");
        sb.append("socket=").append(socket()).append('\n');
        sb.append("port=").append(spec.port()).append('\n');
        sb.append("user=").append(sandbox.adminUser()).append('\n');
        try {
            Files.writeString(defaultsFile(), sb.toString());
            Files.createDirectories(socket().getParent());
        } catch (IOException e) {
            throw Sandbox.io("cannot write " + defaultsFile(), e);
        }
    }

    /** Creates the datadir as a copy of the sandbox's template unless it exists already. */
    void bootstrap() {
        if (Files.isDirectory(datadir().resolve("mysql"))) {
            return;
        }
        sandbox.ensureTemplate();
        Sandbox.deleteTree(datadir());
        Sandbox.copyTree(sandbox.templateDir(), datadir(), Set.of(".binlogkit-template", "ibtmp1"));
    }

    /** Deletes the datadir contents (the server must be stopped); used to restore a backup into it. */
    void emptyDatadir() {
        requireStopped("empty its datadir");
        Sandbox.deleteTree(datadir());
        try {
            Files.createDirectories(datadir());
        } catch (IOException e) {
            throw Sandbox.io("cannot create " + datadir(), e);
        }
    }

    void deleteFiles() {
        requireStopped("delete it");
        Sandbox.deleteTree(datadir());
        for (Path p : List.of(defaultsFile(), pidFile(), errorLog(), socket())) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw Sandbox.io("cannot delete " + p, e);
            }
        }
    }

    private void requireStopped(String what) {
        if (running()) {
            throw SandboxException.server("server '" + name() + "' is running: stop it before trying to " + what);
        }
    }

    /**
     * The pid of the running server: the pid file's number, if that process is alive and is this
     * server (its command line names this defaults file, so a recycled pid is never mistaken for it).
     */
    public OptionalLong pid() {
        Path pf = pidFile();
        long pid;
        try {
            if (!Files.exists(pf)) {
                return OptionalLong.empty();
            }
            pid = Long.parseLong(Files.readString(pf).strip());
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return OptionalLong.empty();
        }
        Optional<String[]> args = h.get().info().arguments();
        if (args.isPresent()) {
            String mine = "--defaults-file=" + defaultsFile();
            boolean match = false;
            for (String a : args.get()) {
                match |= a.equals(mine);
            }
            if (!match) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(pid);
    }

    public boolean running() {
        return pid().isPresent();
    }

    /**
     * Starts the server in a session of its own (it outlives this JVM) and waits until its socket
     * answers with a handshake.
     *
     * @param extraArgs server options for this start only, e.g. {@code --skip-slave-start}
     * @return how long the start took, or zero when it was already running
     */
    public Duration start(String... extraArgs) {
        try {
            return startOnce(extraArgs);
        } catch (PortTakenException e) {
            if (!sandbox.choosesPorts()) {
                throw SandboxException.server("server '" + name + "' cannot listen on port " + spec().port()
                        + ": another program uses it; give the server another port");
            }
            // A port the kernel handed out as free can be taken before the server binds it (by the
            // local end of an outgoing connection, say): choose another one and try once more.
            sandbox.movePort(name);
            writeDefaultsFile();
            return startOnce(extraArgs);
        }
    }

    /** The server could not bind its TCP port. */
    private static final class PortTakenException extends SandboxException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(Kind.SERVER, message);
        }
    }

    private Duration startOnce(String... extraArgs) {
        if (running()) {
            return Duration.ZERO;
        }
        sandbox.binaries().verify();
        bootstrap();
        long t0 = System.nanoTime();
        try {
            Files.deleteIfExists(pidFile());
            Files.deleteIfExists(socket());
            Files.createDirectories(socket().getParent());
        } catch (IOException e) {
            throw Sandbox.io("cannot prepare the start of " + name(), e);
        }
        List<String> cmd = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            cmd.add(setsid.toString());
        }
        cmd.add(sandbox.binaries().server().toString());
        cmd.add("--defaults-file=" + defaultsFile());
        if (sandbox.adminUser().equals("root")) {
            cmd.add("--user=root");
        }
        cmd.addAll(List.of(extraArgs));
        Process p;
        try {
            p = new ProcessBuilder(cmd)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(errorLog().toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(errorLog().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw Sandbox.io("cannot run " + sandbox.binaries().server(), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (Files.exists(pidFile()) && greets(socket())) {
                return Duration.ofNanos(System.nanoTime() - t0);
            }
            if (!p.isAlive()) {
                String tail = Processes.tail(errorLog(), 4);
                if (tail.contains("Bind on TCP/IP port") && tail.contains("in use")) {
                    throw new PortTakenException("server '" + name + "': port " + spec().port() + " is taken");
                }
                throw SandboxException.server("server '" + name() + "' did not start (exit code " + p.exitValue()
                        + "): " + Processes.tail(errorLog(), 4) + " (see " + errorLog() + ")");
            }
            if (System.nanoTime() > deadline) {
                p.destroy();
                throw SandboxException.server("server '" + name() + "' did not answer on " + socket() + " within "
                        + START_TIMEOUT.toSeconds() + " s: " + Processes.tail(errorLog(), 4));
            }
            sleep(15);
        }
    }

    /** Whether the unix socket accepts a connection and a server greets on it with a handshake packet. */
    public static boolean greets(Path socket) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer b = ByteBuffer.allocate(5);
            while (b.hasRemaining()) {
                if (ch.read(b) < 0) {
                    return false;
                }
            }
            return b.get(4) == 10; // protocol version 10: a handshake, not an error packet (0xff)
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops the server with SIGTERM to the pid in its pid file (a clean shutdown, ~0.1 s) and waits
     * for it to exit; kills it only if it has not exited after two minutes. Does nothing when it is
     * not running.
     *
     * @return whether a running server was stopped
     */
    public boolean stop() {
        OptionalLong pid = pid();
        if (pid.isEmpty()) {
            return false;
        }
        ProcessHandle h = ProcessHandle.of(pid.getAsLong()).orElse(null);
        if (h == null) {
            return false;
        }
        h.destroy();
        try {
            h.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            h.destroyForcibly();
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e2) {
                throw SandboxException.server("server '" + name() + "' (pid " + pid.getAsLong() + ") did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SandboxException.server("interrupted while stopping " + name(), e);
        } catch (ExecutionException e) {
            throw SandboxException.server("cannot wait for " + name() + " to stop", e);
        }
        return true;
    }

    /** A new JDBC connection as the administrator over the unix socket. */
    public Connection connect() {
        if (!running()) {
            throw SandboxException.server("server '" + name() + "' is not running: 'sandbox start " + name() + "'");
        }
        try {
            return DriverManager.getConnection("jdbc:mariadb://localhost/?localSocket=" + socket() + "&user="
                    + sandbox.adminUser() + "&connectTimeout=10000");
        } catch (SQLException e) {
            throw SandboxException.server("cannot connect to server '" + name() + "' at " + socket() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Runs statements in one session, in order. */
    public void execute(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw failed(sql, e);
                }
            }
        } catch (SQLException e) {
            throw SandboxException.server("server '" + name() + "': " + e.getMessage(), e);
        }
    }

    /** The rows of a query, each a map from column label to text (SQL NULL as {@code null}). */
    public List<Map<String, String>> query(String sql) {
        try (Connection c = connect()) {
            return query(c, sql);
        } catch (SQLException e) {
            throw SandboxException.server("server '" + name() + "': " + e.getMessage(), e);
        }
    }

    /** The first row of a query, or {@code null} when it returns none. */
    public Map<String, String> queryRow(String sql) {
        List<Map<String, String>> rows = query(sql);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /** The first column of the first row, or {@code null}. */
    public String queryValue(String sql) {
        Map<String, String> row = queryRow(sql);
        return row == null ? null : row.values().iterator().next();
    }

    List<Map<String, String>> query(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<Map<String, String>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    SandboxException failed(String sql, SQLException e) {
        String shown = sql.toUpperCase(java.util.Locale.ROOT).contains("PASSWORD")
                || sql.toUpperCase(java.util.Locale.ROOT).contains("IDENTIFIED")
                ? sql.substring(0, Math.min(sql.length(), 20)) + "…" : sql;
        return SandboxException.server("server '" + name() + "' refused '" + shown + "': " + e.getMessage()
                + " (error " + e.getErrorCode() + ")", e);
    }

    /** {@code SHOW MASTER STATUS}: the end of the server's current binlog; empty without binary logging. */
    public Optional<BinlogPosition> masterStatus() {
        try (Connection c = connect()) {
            return masterStatusOn(c);
        } catch (SQLException e) {
            throw SandboxException.server("server '" + name() + "': " + e.getMessage(), e);
        }
    }

    Optional<BinlogPosition> masterStatusOn(Connection c) {
        List<Map<String, String>> rows = query(c, "SHOW MASTER STATUS");
        return rows.isEmpty() ? Optional.empty() : Optional.of(new BinlogPosition(rows.getFirst().get("File"),
                Long.parseLong(rows.getFirst().get("Position"))));
    }

    /** {@code SHOW BINARY LOGS}: name and size of each binlog, oldest first. */
    public List<BinaryLog> binaryLogs() {
        List<BinaryLog> out = new ArrayList<>();
        for (Map<String, String> row : query("SHOW BINARY LOGS")) {
            out.add(new BinaryLog(row.get("Log_name"), Long.parseLong(row.get("File_size"))));
        }
        return out;
    }

    /** One row of {@code SHOW BINARY LOGS}. */
    public record BinaryLog(String name, long size) {
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SandboxException.server("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "server " + name;
    }
}
