package io.binlogkit.pitr;

import io.binlogkit.sandbox.Sandbox;
import io.binlogkit.sandbox.SandboxException;
import io.binlogkit.sandbox.ServerBinaries;
import io.binlogkit.sandbox.ServerInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A server that {@code pitr} talks to: a server of a {@code sandbox} ({@code --sandbox NAME}) or any
 * local server described by an option file ({@code --defaults-file F}: host, port, socket, user and
 * password as the {@code mariadb} client reads them, datadir and pid file as the server does).
 *
 * <p>Passwords stay in the option file: JDBC gets them in a {@link Properties} object, and child
 * programs ({@code mariadb}, {@code mariadb-dump}, {@code mariabackup}) get {@code --defaults-file},
 * never a password on their command line. Stopping a server sends SIGTERM to the pid in its pid file
 * after checking that the process is a MariaDB/MySQL server; nothing is ever stopped by name.
 */
public final class ServerEndpoint {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);

    private final ServerInstance sandboxServer;
    private final OptionFile options;

    private ServerEndpoint(ServerInstance sandboxServer, OptionFile options) {
        this.sandboxServer = sandboxServer;
        this.options = options;
    }

    /** Server {@code name} of the sandbox in {@code dir}. */
    public static ServerEndpoint sandbox(Path dir, String name) {
        try {
            ServerInstance s = Sandbox.open(dir).server(name);
            return new ServerEndpoint(s, OptionFile.read(s.defaultsFile()));
        } catch (SandboxException e) {
            throw new PitrException(PitrException.Kind.USAGE, e.getMessage(), e);
        }
    }

    /** The server an option file describes. */
    public static ServerEndpoint defaultsFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PitrException(PitrException.Kind.IO, "no such option file: " + file);
        }
        return new ServerEndpoint(null, OptionFile.read(file.toAbsolutePath()));
    }

    /** The sandbox server behind this endpoint, if it is one. */
    public Optional<ServerInstance> sandboxServer() {
        return Optional.ofNullable(sandboxServer);
    }

    /** The option file that child programs get as {@code --defaults-file}. */
    public Path defaultsFile() {
        return options.path();
    }

    public OptionFile options() {
        return options;
    }

    /** For messages: which server this is. */
    public String describe() {
        return sandboxServer != null ? "sandbox server '" + sandboxServer.name() + "'"
                : "the server of " + options.path();
    }

    /** A new JDBC connection (unix socket when the option file names one, else TCP). */
    public Connection connect() {
        if (sandboxServer != null) {
            try {
                return sandboxServer.connect();
            } catch (SandboxException e) {
                throw PitrException.server(e.getMessage(), e);
            }
        }
        Properties p = new Properties();
        options.client("user").ifPresent(u -> p.setProperty("user", u));
        options.client("password").ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("connectTimeout", "10000");
        Optional<String> socket = options.client("socket");
        String url;
        if (socket.isPresent() && !options.client("host").filter(h -> !h.equals("localhost")).isPresent()) {
            url = "jdbc:mariadb://localhost/";
            p.setProperty("localSocket", socket.get());
        } else {
            url = "jdbc:mariadb://" + options.client("host").orElse("localhost") + ":"
                    + options.client("port").orElse("3306") + "/";
        }
        try {
            return DriverManager.getConnection(url, p);
        } catch (SQLException e) {
            throw PitrException.server("cannot connect to " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** What the running server says about itself. */
    public ServerIdentity identity() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@server_id, @@version, @@hostname, @@port, @@datadir,"
                     + " IF(@@log_bin, @@log_bin_basename, NULL), @@gtid_binlog_pos")) {
            rs.next();
            return new ServerIdentity(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                    rs.getString(6), rs.getString(7) == null ? "" : rs.getString(7));
        } catch (SQLException e) {
            throw PitrException.server(describe() + ": " + e.getMessage(), e);
        }
    }

    /** The command-line options that give a child program this server and its credentials. */
    public List<String> clientArgs() {
        return List.of("--defaults-file=" + options.path());
    }

    /** The datadir: the sandbox's, else the option file's {@code datadir}, else the running server's. */
    public Path datadir() {
        if (sandboxServer != null) {
            return sandboxServer.datadir();
        }
        Optional<String> d = options.server("datadir");
        if (d.isPresent()) {
            return Path.of(d.get());
        }
        if (running()) {
            return Path.of(identity().datadir());
        }
        throw PitrException.usage(options.path() + " names no datadir ([mysqld] datadir=...) and the server is"
                + " not running to say it");
    }

    /** Whether the server answers on its socket. */
    public boolean running() {
        if (sandboxServer != null) {
            return sandboxServer.running();
        }
        Optional<String> socket = options.client("socket").or(() -> options.server("socket"));
        if (socket.isPresent()) {
            return ServerInstance.greets(Path.of(socket.get()));
        }
        try (Connection ignored = connect()) {
            return true;
        } catch (PitrException | SQLException e) {
            return false;
        }
    }

    /** Whether pitr may stop and start this server itself (it knows its pid file and datadir). */
    public boolean canRestart() {
        return sandboxServer != null || options.server("pid-file").isPresent() && options.server("datadir").isPresent();
    }

    /** Stops the server (SIGTERM to the pid in its pid file) and waits until it has exited. */
    public void stop() {
        if (sandboxServer != null) {
            try {
                sandboxServer.stop();
                return;
            } catch (SandboxException e) {
                throw PitrException.server(e.getMessage(), e);
            }
        }
        OptionalLong pid = serverPid();
        if (pid.isEmpty()) {
            return;
        }
        ProcessHandle h = ProcessHandle.of(pid.getAsLong()).orElse(null);
        if (h == null) {
            return;
        }
        h.destroy();
        try {
            h.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw PitrException.server(describe() + " (pid " + pid.getAsLong() + ") did not stop within "
                    + STOP_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** The pid in the server's pid file, if that process is alive and is a MariaDB or MySQL server. */
    private OptionalLong serverPid() {
        Path pidFile = Path.of(options.server("pid-file").orElseThrow(() -> PitrException.usage(options.path()
                + " names no pid-file ([mysqld] pid-file=...): pitr cannot stop this server")));
        if (!pidFile.isAbsolute()) {
            pidFile = datadir().resolve(pidFile);
        }
        long pid;
        try {
            if (!Files.exists(pidFile)) {
                return OptionalLong.empty();
            }
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return OptionalLong.empty();
        }
        String cmd = h.get().info().command().orElse("");
        if (!cmd.endsWith("mariadbd") && !cmd.endsWith("mysqld")) {
            throw PitrException.refused("the pid file " + pidFile + " names process " + pid + " (" + cmd
                    + "), which is not a MariaDB/MySQL server: not stopping it");
        }
        return OptionalLong.of(pid);
    }

    /**
     * Starts the server in a session of its own and waits until it answers.
     *
     * @param extraArgs server options for this start only, e.g. {@code --skip-slave-start}
     */
    public void start(String... extraArgs) {
        if (sandboxServer != null) {
            try {
                sandboxServer.start(extraArgs);
                return;
            } catch (SandboxException e) {
                throw PitrException.server(e.getMessage(), e);
            }
        }
        if (running()) {
            return;
        }
        ServerBinaries b;
        try {
            b = ServerBinaries.find(null);
        } catch (SandboxException e) {
            throw PitrException.server(e.getMessage(), e);
        }
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(b.server().toString());
        cmd.add("--defaults-file=" + options.path());
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--user=root");
        }
        cmd.addAll(List.of(extraArgs));
        Path log = options.server("log-error").map(Path::of).orElse(datadir().resolve("pitr-start.err"));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            throw PitrException.io("cannot run " + b.server(), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!running()) {
            if (!p.isAlive()) {
                throw PitrException.server(describe() + " did not start (exit code " + p.exitValue() + "); see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw PitrException.server(describe() + " did not answer within " + START_TIMEOUT.toSeconds()
                        + " s; see " + log);
            }
            sleep(20);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PitrException.server("interrupted");
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
