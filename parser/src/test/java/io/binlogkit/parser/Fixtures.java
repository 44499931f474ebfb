package io.binlogkit.parser;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the public fixtures in {@code ../shared/fixtures} beside the repository. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The repository root: the {@code binlogkit.repo} property set by Surefire, else the working directory's parent chain. */
    public static Path repo() {
        String p = System.getProperty("binlogkit.repo");
        if (p != null) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.exists(d.resolve("mvnw"))) {
            d = d.getParent();
        }
        return d == null ? Path.of("").toAbsolutePath() : d;
    }

    /** {@code ../shared/fixtures/rust_mysql_common}, skipping the calling test when it is absent. */
    public static Path rustMysqlCommon() {
        Path dir = repo().resolve("../shared/fixtures/rust_mysql_common").normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "public fixtures not found at " + dir + " (see ../shared/fixtures/MANIFEST.md); skipping");
        return dir;
    }

    /** {@code testdata/binlogs} of this repository, skipping when it has not been generated. */
    public static Path testdata() {
        Path dir = repo().resolve("testdata/binlogs");
        Assumptions.assumeTrue(Files.isDirectory(dir), "testdata/binlogs missing: run testdata/make-binlogs.sh");
        return dir;
    }
}
