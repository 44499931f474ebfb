package io.binlogkit.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the server's helper programs (install-db, tar, mariabackup) and turns failures into one line. */
final class Processes {
    private Processes() {
    }

    /** Runs {@code cmd} to completion; output goes to {@code log}. Throws with the log's tail on failure. */
    static void run(List<String> cmd, Path workDir, Path log, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        String name = Path.of(cmd.getFirst()).getFileName().toString();
        try {
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw SandboxException.server(name + " did not finish within " + timeout.toSeconds() + " s; see " + log);
            }
            if (p.exitValue() != 0) {
                throw SandboxException.server(name + " failed with exit code " + p.exitValue() + ": "
                        + tail(log, 3) + " (full output in " + log + ")");
            }
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot run " + cmd.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SandboxException.server("interrupted while running " + name, e);
        }
    }

    /** The last {@code n} non-empty lines of a text file, joined with " | ", or "" when unreadable. */
    static String tail(Path file, int n) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                    .filter(l -> !l.isBlank()).toList();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
