package io.binlogkit.emitter;

import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The installed MariaDB programs the golden tests run: found on PATH or in the usual sbin dirs. */
final class Tools {
    private Tools() {
    }

    static Path find(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** {@code mariadb-binlog}, skipping the calling test when it is not installed. */
    static Path mariadbBinlog() {
        Path p = find("mariadb-binlog");
        Assumptions.assumeTrue(p != null, "mariadb-binlog is not installed: golden comparison skipped");
        return p;
    }

    /** The result of one run of a program. */
    record Result(int exit, byte[] out, String err) {
    }

    /** Runs {@code cmd} with extra environment variables; stdout as bytes, stderr as text. */
    static Result run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = Thread.ofVirtual().start(() -> {
            try (InputStream in = p.getErrorStream()) {
                in.transferTo(err);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd + " did not finish");
        }
        t.join();
        return new Result(p.exitValue(), out, err.toString());
    }
}
