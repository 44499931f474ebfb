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

    @Test
    void flashbackUndoesADeleteAndAnUpdate() throws Exception {
        Assumptions.assumeTrue(ThrowawayMariadb.available(), "mariadbd not installed");
        try (ThrowawayMariadb db = ThrowawayMariadb.start("flashback")) {
            db.sql("""
                    SET SESSION binlog_format=ROW;
                    CREATE DATABASE fb;
                    USE fb;
                    CREATE TABLE fb.t (id INT PRIMARY KEY, v VARCHAR(50), d DATETIME(6), x DECIMAL(10,2),
                      b BLOB, e ENUM('a','b'), n INT NULL);
                    INSERT INTO fb.t SELECT seq, CONCAT('row ', seq), '2024-01-01 00:00:00' + INTERVAL seq SECOND,
                      seq / 7, REPEAT('x', seq), IF(seq % 2, 'a', 'b'), IF(seq % 5, NULL, seq) FROM seq_1_to_2000;
                    FLUSH BINARY LOGS;
                    """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String before = db.query("CHECKSUM TABLE fb.t");
            List<Path> logs;
            try (var s = Files.list(db.dataDir())) {
                logs = s.filter(p -> p.getFileName().toString().matches("mariadb-bin\\.\\d{6}")).sorted().toList();
            }
            Path mistakes = logs.getLast();
            db.sql("""
                    SET SESSION binlog_format=ROW;
                    DELETE FROM fb.t WHERE id % 3 = 0;
                    UPDATE fb.t SET v = 'changed', n = 1 WHERE id < 500;
                    FLUSH BINARY LOGS;
                    """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(db.query("CHECKSUM TABLE fb.t")).isNotEqualTo(before);
            ByteArrayOutputStream undo = new ByteArrayOutputStream();
            MysqlbinlogPrinter.dump(List.of(mistakes), DumpOptions.builder().flashback(true).build(), undo);
            db.sql(undo.toByteArray());
            assertThat(db.query("CHECKSUM TABLE fb.t")).isEqualTo(before);
        }
    }
}
