package io.binlogkit.pitr;

import io.binlogkit.sandbox.Role;
import io.binlogkit.sandbox.Sandbox;
import io.binlogkit.sandbox.SandboxException;
import io.binlogkit.sandbox.ServerBinaries;
import io.binlogkit.sandbox.ServerInstance;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sandboxes for pitr's tests: one directory per test class under {@code target/pitr-it/}, ephemeral
 * ports, one template datadir per build, and every server stopped at the end (by its pid file) by the
 * test's {@code @AfterAll} and, as a last resort, by a shutdown hook.
 */
final class PitrSandboxes {
    private static final Set<Sandbox> CREATED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(PitrSandboxes::stopAll),
                "pitr-test-cleanup"));
    }

    private PitrSandboxes() {
    }

    static Path target() {
        return Path.of(System.getProperty("user.dir"), "target").toAbsolutePath();
    }

    /** A fresh sandbox for {@code owner}; skips the test when no server binary is installed. */
    static Sandbox create(String owner) {
        try {
            ServerBinaries.find(null);
        } catch (SandboxException e) {
            Assumptions.abort("MariaDB server not installed, pitr integration tests skipped: " + e.getMessage());
        }
        Path dir = target().resolve("pitr-it").resolve(owner);
        if (Files.exists(dir.resolve(Sandbox.CONFIG_FILE))) {
            stopAll(Sandbox.open(dir)); // left over from an interrupted run
        }
        Sandbox.deleteTree(dir);
        Sandbox s = Sandbox.setup(dir, Sandbox.Options.defaults().withEphemeralPorts()
                .withTemplate(target().resolve("sandbox-template")));
        CREATED.add(s);
        return s;
    }

    /** Adds and starts a server. */
    static ServerInstance started(Sandbox s, String name, String roles, Map<String, String> options) {
        ServerInstance i = s.add(name, Role.parse(roles), 0, options);
        i.start();
        return i;
    }

    /** Stops every server of the sandbox (re-reading its config: tests add servers as they go). */
    static void stopAll(Sandbox s) {
        if (s == null) {
            return;
        }
        for (ServerInstance i : Sandbox.open(s.dir()).servers()) {
            try {
                i.stop();
            } catch (RuntimeException e) {
                System.err.println("cannot stop " + i + ": " + e.getMessage());
            }
        }
    }
}
