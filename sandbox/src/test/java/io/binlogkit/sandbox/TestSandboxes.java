package io.binlogkit.sandbox;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sandboxes for tests: one directory per test class under {@code target/sandbox-it/}, ephemeral
 * ports (so classes run in parallel without clashes), one shared template datadir per build, and a
 * record of every sandbox so that its servers are stopped at the end even when a test fails: by the
 * test's own {@code @AfterAll}, and by a JVM shutdown hook as a last resort.
 */
final class TestSandboxes {
    private static final Set<Sandbox> CREATED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(TestSandboxes::stopAll),
                "sandbox-test-cleanup"));
    }

    private TestSandboxes() {
    }

    static Path target() {
        return Path.of(System.getProperty("user.dir"), "target").toAbsolutePath();
    }

    /** A fresh sandbox for {@code owner}; skips the test when no server binary is installed. */
    static Sandbox create(String owner) {
        try {
            ServerBinaries.find(null);
        } catch (SandboxException e) {
            Assumptions.abort("MariaDB server not installed, sandbox integration tests skipped: " + e.getMessage());
        }
        Path dir = target().resolve("sandbox-it").resolve(owner);
        if (java.nio.file.Files.exists(dir.resolve(Sandbox.CONFIG_FILE))) {
            stopAll(Sandbox.open(dir)); // left over from an interrupted run
        }
        Sandbox.deleteTree(dir);
        Sandbox s = Sandbox.setup(dir, Sandbox.Options.defaults().withEphemeralPorts()
                .withTemplate(target().resolve("sandbox-template")));
        CREATED.add(s);
        return s;
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
