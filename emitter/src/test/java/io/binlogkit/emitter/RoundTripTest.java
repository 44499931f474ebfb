package io.binlogkit.emitter;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dump of the golden workload's binlogs, piped into a fresh MariaDB with the {@code mariadb}
 * client, reproduces the workload's tables ({@code CHECKSUM TABLE} of every table equal to the one
 * taken on the server that wrote the binlogs).
 */
class RoundTripTest {
    @Test
    void replayingTheDumpReproducesTheTables() throws Exception {
        Assumptions.assumeTrue(ThrowawayMariadb.available(), "mariadbd not installed");
        List<Path> files = GoldenBinlogs.generated();
        Path sums = GoldenBinlogs.repo().resolve("emitter/target/golden-binlogs/checksums.txt");
        Assumptions.assumeTrue(!files.isEmpty() && Files.exists(sums), "no generated binlogs");
        String expected = Files.readString(sums);
        assertThat(expected.lines()).hasSizeGreaterThan(5);
        Path load = Files.createTempDirectory("bk-load");
        try (ThrowawayMariadb db = ThrowawayMariadb.start("replay")) {
            ByteArrayOutputStream sql = new ByteArrayOutputStream();
            MysqlbinlogPrinter.dump(files, DumpOptions.builder().localLoadDir(load).build(), sql);
            db.sql(sql.toByteArray());
            assertThat(GoldenBinlogs.checksums(db)).isEqualTo(expected);
        } finally {
            GoldenBinlogs.deleteTree(load);
        }
    }
}
