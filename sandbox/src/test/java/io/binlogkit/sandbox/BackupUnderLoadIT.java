package io.binlogkit.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * take-backup from a slave while the master takes continuous writes, then load-slave into a third
 * server: the clone ends with exactly the master's data, which it can only if the recorded position
 * is exact (one event too early or too late gives a duplicate key or a missing row).
 */
class BackupUnderLoadIT {
    private static Sandbox sandbox;
    private static ServerInstance master;
    private static ServerInstance slave;

    @BeforeAll
    static void setUp() {
        sandbox = TestSandboxes.create("BackupUnderLoadIT");
        master = sandbox.add("master", Set.of(Role.MASTER), 0, Map.of());
        slave = sandbox.add("slave", Set.of(Role.SLAVE), 0, Map.of());
        sandbox.add("clone", Set.of(Role.SLAVE), 0, Map.of());
        master.start();
        slave.start();
        Replication.replicate(sandbox, "slave", "master", null, null);
    }

    @AfterAll
    static void tearDown() {
        TestSandboxes.stopAll(sandbox);
    }

    @Test
    void cloneFromABackupTakenUnderLoadEndsWithExactlyTheMastersData() {
        Path archive = sandbox.dir().resolve("slave-backup.tar.gz");
        Backup.Result backup;
        Backup.LoadResult load;
        long written;
        try (WriteLoad w = new WriteLoad(master, 42)) {
            w.waitFor(2000);
            backup = Backup.takeBackup(sandbox, "slave", "master", archive, Backup.Method.TAR);
            w.waitFor(1000);
            load = Backup.loadSlave(sandbox, "clone", archive, null);
            w.waitFor(1000);
            written = w.statements();
        }
        System.out.printf("BackupUnderLoadIT: %d statements written; take-backup %d ms (copy %d ms, %d KiB) at %s;"
                        + " load-slave %d ms%n", written, backup.total().toMillis(), backup.copy().toMillis(),
                backup.archiveBytes() / 1024, backup.position(), load.duration().toMillis());
        assertThat(backup.slaveExecuted()).isEqualTo(backup.position());
        assertThat(load.position()).isEqualTo(backup.position());
        assertThat(Backup.recordedPosition(archive).position()).isEqualTo(backup.position());
        ServerInstance clone = sandbox.server("clone");
        Replication.waitCaughtUp(clone, master, Duration.ofSeconds(120));
        Replication.waitCaughtUp(slave, master, Duration.ofSeconds(120));
        String expected = checksum(master);
        assertThat(checksum(slave)).isEqualTo(expected);
        assertThat(checksum(clone)).isEqualTo(expected);
        assertThat(clone.queryValue("SELECT COUNT(*) FROM load_db.t"))
                .isEqualTo(master.queryValue("SELECT COUNT(*) FROM load_db.t"));
        assertThat(Replication.slaveStatus(clone, master).orElseThrow().lastError()).isNull();
        assertThat(sandbox.masterOf("clone")).contains("master");
    }

    @Test
    void mariabackupArchiveClonesTooWhenInstalled() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(sandbox.binaries().backup() != null
                && Files.isExecutable(sandbox.binaries().backup()), "mariabackup (package mariadb-backup) not installed");
        sandbox.find("mbclone").orElseGet(() -> sandbox.add("mbclone", Set.of(Role.SLAVE), 0, Map.of()));
        Path archive = sandbox.dir().resolve("slave-mariabackup.tar.gz");
        Backup.Result backup;
        try (WriteLoad w = new WriteLoad(master, 7)) {
            w.waitFor(500);
            backup = Backup.takeBackup(sandbox, "slave", null, archive, Backup.Method.MARIABACKUP);
            Backup.loadSlave(sandbox, "mbclone", archive, null);
            w.waitFor(500);
        }
        System.out.printf("BackupUnderLoadIT: mariabackup take-backup %d ms (copy %d ms, %d KiB)%n",
                backup.total().toMillis(), backup.copy().toMillis(), backup.archiveBytes() / 1024);
        ServerInstance clone = sandbox.server("mbclone");
        Replication.waitCaughtUp(clone, master, Duration.ofSeconds(120));
        assertThat(checksum(clone)).isEqualTo(checksum(master));
    }

    static String checksum(ServerInstance s) {
        return s.queryRow("CHECKSUM TABLE load_db.t").get("Checksum");
    }
}
