package io.binlogkit.cli;

import io.binlogkit.sandbox.Role;
import io.binlogkit.sandbox.Sandbox;
import io.binlogkit.sandbox.SandboxException;
import io.binlogkit.sandbox.ServerBinaries;
import io.binlogkit.sandbox.ServerInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pitr archive} against a live sandbox server: the table, JSON, and exit code 1 on a conflict. */
class PitrArchiveCommandLiveTest {
    private static Sandbox sandbox;
    private static ServerInstance master;

    @BeforeAll
    static void start() {
        try {
            ServerBinaries.find(null);
        } catch (SandboxException e) {
            Assumptions.abort("MariaDB server not installed: " + e.getMessage());
        }
        Path target = Path.of(System.getProperty("user.dir"), "target").toAbsolutePath();
        Path dir = target.resolve("pitr-archive-cli-test");
        if (Files.exists(dir.resolve(Sandbox.CONFIG_FILE))) {
            stop(); // left over from an interrupted run
        }
        Sandbox.deleteTree(dir);
        sandbox = Sandbox.setup(dir, Sandbox.Options.defaults().withEphemeralPorts()
                .withTemplate(target.resolve("sandbox-template")));
        Runtime.getRuntime().addShutdownHook(new Thread(PitrArchiveCommandLiveTest::stop));
        master = sandbox.add("m", Role.parse("master"), 0, Map.of());
        master.start();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            for (ServerInstance s : Sandbox.open(sandbox.dir()).servers()) {
                s.stop();
            }
        }
    }

    @Test
    void archivesThenReportsUnchangedThenAConflictWithExitCodeOne() throws Exception {
        master.execute("CREATE DATABASE test", "CREATE TABLE test.t (id INT PRIMARY KEY) ENGINE=InnoDB", "INSERT INTO test.t VALUES (1)",
                "FLUSH BINARY LOGS", "INSERT INTO test.t VALUES (2)");
        // MariaDB writes the new file's Binlog_checkpoint event asynchronously after a rotation; wait
        // for it so that the second run finds nothing new.
        String active = master.masterStatus().orElseThrow().file();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (master.query("SHOW BINLOG EVENTS IN '" + active + "'").stream()
                .noneMatch(e -> "Binlog_checkpoint".equals(e.get("Event_type")) && e.get("Info").contains(active))) {
            assertThat(System.nanoTime()).as("Binlog_checkpoint in " + active).isLessThan(deadline);
            Thread.sleep(20);
        }
        Path archive = sandbox.dir().resolve("archive");
        String dir = sandbox.dir().toString();

        CliRun first = CliRun.run("pitr", "archive", "--sandbox", "m", "--dir", dir, "--to", archive.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(first.out()).contains("File", "Status", "First_GTID", "m-bin.000001", "copied", "copied (partial)",
                "bytes copied into " + archive);

        CliRun again = CliRun.run("pitr", "archive", "--sandbox", "m", "--dir", dir, "--to", archive.toString(),
                "--format", "json");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("{\"archive\":").contains("\"status\":\"unchanged\"")
                .doesNotContain("\"status\":\"copied\"").contains("\"bytes_copied\":0");

        // The archive's record of the closed file no longer matches the server's bytes.
        Path manifest = archive.resolve("m-bin.000001.json");
        String json = Files.readString(manifest);
        Files.writeString(manifest, json.replaceAll("\"sha256\" : \"[0-9a-f]+\"", "\"sha256\" : \"" + "0".repeat(64)
                + "\""));
        CliRun conflict = CliRun.run("pitr", "archive", "--sandbox", "m", "--dir", dir, "--to", archive.toString());
        assertThat(conflict.code()).isEqualTo(ExitCode.BAD_DATA);
        assertThat(conflict.out()).contains("conflict", "unchanged");
        assertThat(conflict.err()).startsWith("pitr archive: conflict: m-bin.000001: the server's file differs");
        assertThat(conflict.err().lines()).hasSize(1);
    }
}
