package io.binlogkit.pitr;

import io.binlogkit.sandbox.SandboxException;
import io.binlogkit.sandbox.ServerBinaries;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The MariaDB programs pitr runs ({@code mariabackup}, {@code mariadb-dump}, {@code mariadb}) and small
 * SQL helpers. A program never goes through a shell: its standard input and output are redirected
 * from and to files by {@link ProcessBuilder}, and a failure becomes one line with the exit code and
 * the tail of what the program printed. Programs get credentials only through {@code --defaults-file}
 * (see {@link ServerEndpoint#clientArgs()}); nothing here ever sees a password.
 */
final class Tools {
    /** Lines of a program's output kept for the error message (mariabackup prints one line per file). */
    private static final int KEEP_LINES = 20;
    private static final int SHOW_LINES = 3;

    private Tools() {
    }

    /** The installed server programs; a missing installation is a server failure. */
    static ServerBinaries binaries() {
        try {
            return ServerBinaries.find(null);
        } catch (SandboxException e) {
            throw PitrException.server(e.getMessage(), e);
        }
    }

    static Path mariabackup() {
        try {
            return binaries().requireBackup();
        } catch (SandboxException e) {
            throw PitrException.server(e.getMessage(), e);
        }
    }

    static Path client() {
        return binaries().client();
    }

    /** {@code mariadb-dump} (or MySQL's {@code mysqldump}) beside the client. */
    static Path dump() {
        Path client = client();
        for (String n : List.of("mariadb-dump", "mysqldump")) {
            Path p = client.resolveSibling(n);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw PitrException.server("mariadb-dump is not installed beside " + client
                + ": install the package mariadb-client");
    }

    /**
     * Runs {@code cmd} to completion.
     *
     * @param what   for the error message, e.g. "mariabackup --backup of sandbox server 'master'"
     * @param stdin  a file to read standard input from, or {@code null} for none
     * @param stdout a file to write standard output to, or {@code null} to treat it like standard error
     */
    static void run(String what, List<String> cmd, Path stdin, Path stdout) {
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(stdin != null ? stdin.toFile() : Path.of("/dev/null").toFile());
        if (stdout != null) {
            pb.redirectOutput(stdout.toFile());
        } else {
            pb.redirectErrorStream(true);
        }
        Deque<String> tail = new ArrayDeque<>();
        int rc;
        try {
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    stdout != null ? p.getErrorStream() : p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        tail.addLast(line.strip());
                        if (tail.size() > KEEP_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            }
            rc = p.waitFor();
        } catch (IOException e) {
            throw PitrException.io("cannot run " + cmd.getFirst() + " for " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PitrException.server("interrupted while running " + what, e);
        }
        if (rc != 0) {
            List<String> lines = new ArrayList<>(tail);
            throw PitrException.server(what + " failed with exit code " + rc + ": "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - SHOW_LINES), lines.size())));
        }
    }

    /** The command line of a MariaDB program for {@code server}: {@code --defaults-file} must come first. */
    static List<String> command(Path program, ServerEndpoint server, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(program.toString());
        cmd.addAll(server.clientArgs());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs statements in one session, in order. */
    static void execute(ServerEndpoint server, String... statements) {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw PitrException.server(server.describe() + " refused '" + sql + "': " + e.getMessage()
                            + " (error " + e.getErrorCode() + ")", e);
                }
            }
        } catch (SQLException e) {
            throw PitrException.server(server.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The first column of every row of {@code sql}. */
    static List<String> column(ServerEndpoint server, String sql) {
        try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw PitrException.server(server.describe() + " refused '" + sql + "': " + e.getMessage()
                    + " (error " + e.getErrorCode() + ")", e);
        }
    }

    /** Schemas every server has; the others are user databases. */
    static final java.util.Set<String> SYSTEM_DATABASES = java.util.Set.of("mysql", "information_schema",
            "performance_schema", "sys");

    /** The server's user databases (every schema but the system ones), in name order. */
    static List<String> userDatabases(ServerEndpoint server) {
        return column(server, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME").stream()
                .filter(d -> !SYSTEM_DATABASES.contains(d.toLowerCase(java.util.Locale.ROOT))).toList();
    }

    /** SQL string literal (MariaDB's default sql_mode: backslash and quote escaped). */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
