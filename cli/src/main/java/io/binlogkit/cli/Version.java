package io.binlogkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What {@code --version} prints, on every command of every program: one line such as
 * {@code binlog (binlogkit) 0.1.0} or, for a build that was told its commit (bin/dist),
 * {@code binlog (binlogkit) 0.1.0 (git 1a2b3c4d5e6f)}. The values come from {@code version.properties},
 * which Maven fills in at build time.
 */
final class Version {
    private static final String VERSION;
    private static final String COMMIT;

    static {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VERSION = filled(p.getProperty("version"), "unknown");
        COMMIT = filled(p.getProperty("commit"), "");
    }

    private Version() {
    }

    /** The version line of {@code program}. */
    static String line(String program) {
        return program + " (binlogkit) " + VERSION + (COMMIT.isEmpty() ? "" : " (git " + COMMIT + ")");
    }

    /** {@code value} unless it is missing or an unfiltered {@code ${...}} placeholder. */
    private static String filled(String value, String dflt) {
        return value == null || value.isBlank() || value.startsWith("${") ? dflt : value.trim();
    }
}
