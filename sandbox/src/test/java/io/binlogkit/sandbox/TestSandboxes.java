package io.binlogkit.sandbox;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sandboxes for integration tests, of this module and of the modules that test with its servers (pitr
 * takes this class from the sandbox module's test-jar): one directory per test class under
 * {@code target/MODULE-it/}, ephemeral ports (so classes run in parallel without clashes), one shared
 * template datadir per build, and a record of every sandbox so that its servers are stopped at the end
 * even when a test fails: by the test's own {@code @AfterAll}, and by a JVM shutdown hook as a last resort.
 */
public final class TestSandboxes {
    private static final Set<Sandbox> CREATED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(TestSandboxes::stopAll),
                "sandbox-test-cleanup"));
    }

    private TestSandboxes() {
    }

    /** The {@code target} directory of the module under test. */
    public static Path target() {
        return Path.of(System.getProperty("user.dir"), "target").toAbsolutePath();
    }

    /** A fresh sandbox for the sandbox module's test class {@code owner}, in {@code target/sandbox-it/}. */
    static Sandbox create(String owner) {
        return create("sandbox", owner);
    }

    /**
     * A fresh sandbox for the test class {@code owner} of {@code module}, in {@code target/MODULE-it/OWNER};
     * skips the test when no server binary is installed.
     */
    public static Sandbox create(String module, String owner) {
        try {
            ServerBinaries.find(null);
        } catch (SandboxException e) {
            Assumptions.abort("MariaDB server not installed, " + module + " integration tests skipped: "
                    + e.getMessage());
        }
        Path dir = target().resolve(module + "-it").resolve(owner);
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
    public static ServerInstance started(Sandbox s, String name, String roles, Map<String, String> options) {
        ServerInstance i = s.add(name, Role.parse(roles), 0, options);
        i.start();
        return i;
    }

    /** Stops every server of the sandbox (re-reading its config: tests add servers as they go). */
    public static void stopAll(Sandbox s) {
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
