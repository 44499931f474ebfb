package io.binlogkit.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The installed server programs a sandbox runs: the server itself ({@code mariadbd}, or MySQL's
 * {@code mysqld}), the datadir bootstrap ({@code mariadb-install-db}), the command-line client and,
 * optionally, {@code mariabackup}. Found under a basedir ({@code --basedir},
 * {@code BINLOGKIT_SERVER_BASEDIR}) or on the {@code PATH} plus {@code /usr/sbin}, where Debian puts
 * the server.
 *
 * @param server     the server daemon
 * @param installDb  the bootstrap script
 * @param client     the {@code mariadb} / {@code mysql} client
 * @param backup     {@code mariabackup}, or {@code null} when it is not installed
 */
public record ServerBinaries(Path server, Path installDb, Path client, Path backup) {

    /** Finds the binaries; {@code basedir} may be {@code null}. */
    public static ServerBinaries find(Path basedir) {
        List<Path> dirs = searchPath(basedir);
        Path server = first(dirs, "mariadbd", "mysqld")
                .orElseThrow(() -> missing("the server (mariadbd or mysqld)", "mariadb-server", dirs));
        Path installDb = first(dirs, "mariadb-install-db", "mysql_install_db")
                .orElseThrow(() -> missing("mariadb-install-db", "mariadb-server", dirs));
        Path client = first(dirs, "mariadb", "mysql")
                .orElseThrow(() -> missing("the client (mariadb)", "mariadb-client", dirs));
        Path backup = first(dirs, "mariabackup", "mariadb-backup").orElse(null);
        return new ServerBinaries(server, installDb, client, backup);
    }

    /** {@code mariabackup}, or a clear error naming the package that provides it. */
    public Path requireBackup() {
        if (backup == null || !Files.isExecutable(backup)) {
            throw new SandboxException(SandboxException.Kind.MISSING_BINARY,
                    "mariabackup is not installed: install the package mariadb-backup (apt-get install mariadb-backup)"
                            + " or use --method tar");
        }
        return backup;
    }

    /** Checks that the recorded binaries still exist (the packages may have been removed since setup). */
    public void verify() {
        check(server, "mariadb-server");
        check(installDb, "mariadb-server");
        check(client, "mariadb-client");
    }

    private static void check(Path p, String pkg) {
        if (!Files.isExecutable(p)) {
            throw new SandboxException(SandboxException.Kind.MISSING_BINARY, p + " is missing: install the package "
                    + pkg + " (apt-get install " + pkg + ") or run 'sandbox setup' again with --basedir");
        }
    }

    private static SandboxException missing(String what, String pkg, List<Path> dirs) {
        return new SandboxException(SandboxException.Kind.MISSING_BINARY, what + " is not installed (looked in "
                + dirs.size() + " directories: PATH, /usr/sbin" + "): install the package " + pkg
                + " (apt-get install " + pkg + "), or point --basedir or BINLOGKIT_SERVER_BASEDIR at a MariaDB"
                + " or MySQL installation");
    }

    static List<Path> searchPath(Path basedir) {
        Set<Path> dirs = new LinkedHashSet<>();
        if (basedir == null) {
            String env = System.getenv("BINLOGKIT_SERVER_BASEDIR");
            if (env != null && !env.isBlank()) {
                basedir = Path.of(env);
            }
        }
        if (basedir != null) {
            // A basedir alone decides: mixing its server with the system's client would be confusing.
            for (String sub : new String[]{"bin", "sbin", "libexec", "scripts", ""}) {
                dirs.add(basedir.resolve(sub).normalize());
            }
            return new ArrayList<>(dirs);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        dirs.add(Path.of("/usr/sbin"));
        dirs.add(Path.of("/usr/local/sbin"));
        dirs.add(Path.of("/usr/local/mysql/bin"));
        return new ArrayList<>(dirs);
    }

    private static Optional<Path> first(List<Path> dirs, String... names) {
        for (String n : names) {
            for (Path d : dirs) {
                Path p = d.resolve(n);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
