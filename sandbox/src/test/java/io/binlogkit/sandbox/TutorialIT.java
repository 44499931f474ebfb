package io.binlogkit.sandbox;

import io.binlogkit.parser.BinlogPosition;
import io.binlogkit.parser.MasterInfo;
import io.binlogkit.parser.RelayLogInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replication tutorial end to end: a master and a slave, a table, a row, the admin statements. */
class TutorialIT {
    private static Sandbox sandbox;
    private static ServerInstance master;
    private static ServerInstance slave;

    @BeforeAll
    static void setUp() {
        sandbox = TestSandboxes.create("TutorialIT");
        master = sandbox.add("master", Set.of(Role.MASTER), 0, Map.of());
        slave = sandbox.add("slave", Set.of(Role.SLAVE), 0, Map.of());
        Duration m = master.start();
        Duration s = slave.start();
        System.out.printf("TutorialIT: master started in %d ms, slave in %d ms%n", m.toMillis(), s.toMillis());
        Replication.replicate(sandbox, "slave", "master", null, null);
    }

    @AfterAll
    static void tearDown() {
        TestSandboxes.stopAll(sandbox);
    }

    @Test
    void tableAndRowCreatedOnTheMasterAppearOnTheSlave() {
        master.execute("CREATE DATABASE tutorial", "CREATE TABLE tutorial.t1 (a INT PRIMARY KEY, b VARCHAR(20))",
                "INSERT INTO tutorial.t1 VALUES (1, 'hello slave')");
        Replication.waitCaughtUp(slave, master, Duration.ofSeconds(30));
        assertThat(slave.query("SELECT a, b FROM tutorial.t1"))
                .containsExactly(Map.of("a", "1", "b", "hello slave"));
    }

    @Test
    void showSlaveHostsListsTheSlaveWithItsReportedPort() {
        List<ServerProgress.SlaveHost> hosts = Replication.slaveHosts(master);
        assertThat(hosts).containsExactly(new ServerProgress.SlaveHost(slave.spec().serverId(), "127.0.0.1",
                slave.spec().port(), master.spec().serverId()));
    }

    @Test
    void configFileHoldsThePasswordWithMode0600AndTheDefaultsFileHasTheTutorialOptions() throws Exception {
        assertThat(Files.getPosixFilePermissions(sandbox.configFile()))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        String cnf = Files.readString(slave.defaultsFile());
        assertThat(cnf).contains("server-id=" + slave.spec().serverId(), "log-bin=slave-bin", "relay-log=slave-relay-bin",
                "relay-log-index=slave-relay-bin.index", "report-port=" + slave.spec().port())
                .doesNotContain("log-slave-updates");
    }

    @Test
    void purgeBinaryLogsToRemovesOlderLogsButKeepsTheNamedOne() {
        master.execute("FLUSH BINARY LOGS", "FLUSH BINARY LOGS", "CREATE DATABASE IF NOT EXISTS purge_test");
        Replication.waitCaughtUp(slave, master, Duration.ofSeconds(30));
        List<ServerInstance.BinaryLog> before = master.binaryLogs();
        assertThat(before).hasSizeGreaterThanOrEqualTo(3);
        String keep = before.getLast().name();
        // MariaDB answers OK but keeps a file while a reader is in it or InnoDB has not yet
        // checkpointed its transactions (MARIADB-NOTES.md): SHOW BINARY LOGS tells, so ask again.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> after;
        do {
            master.execute("PURGE BINARY LOGS TO '" + keep + "'");
            after = master.binaryLogs().stream().map(ServerInstance.BinaryLog::name).toList();
            ServerInstance.sleep(100);
        } while (after.size() > 1 && System.nanoTime() < deadline);
        assertThat(after).containsExactly(keep);
        master.execute("CREATE TABLE purge_test.after_purge (a INT)");
        Replication.waitCaughtUp(slave, master, Duration.ofSeconds(30));
        assertThat(slave.queryValue("SELECT COUNT(*) FROM information_schema.tables WHERE table_name='after_purge'"))
                .isEqualTo("1");

        // A new slave that needs a purged file gets error 1236 from the master.
        sandbox.add("late", Set.of(Role.SLAVE), 0, Map.of()).start();
        assertThatThrownBy(() -> Replication.replicate(sandbox, "late", "master", null,
                new BinlogPosition(before.getFirst().name(), 4)))
                .isInstanceOf(SandboxException.class).hasMessageContaining("1236");
        sandbox.remove("late");
    }

    @Test
    void masterInfoAndRelayLogInfoAreReadByTheParserTypes() throws Exception {
        slave.execute("FLUSH TABLES"); // nothing to do with the files; makes sure the slave is idle
        Replication.waitCaughtUp(slave, master, Duration.ofSeconds(30));
        slave.execute("STOP SLAVE", "START SLAVE"); // STOP SLAVE flushes both files
        Replication.waitRunning(slave);
        SlaveStatus st = Replication.slaveStatus(slave, master).orElseThrow();
        MasterInfo mi = MasterInfo.read(slave.datadir().resolve("master.info"));
        assertThat(mi.host()).isEqualTo("127.0.0.1");
        assertThat(mi.port()).isEqualTo(master.spec().port());
        assertThat(mi.user()).isEqualTo("repl_user");
        assertThat(mi.masterLogFile()).startsWith("master-bin.");
        assertThat(mi.usingGtid()).isEqualTo(0);
        assertThat(mi.toString()).doesNotContain(mi.password()).contains("127.0.0.1");
        RelayLogInfo ri = RelayLogInfo.read(slave.datadir().resolve("relay-log.info"));
        assertThat(ri.relayLogFile()).contains("slave-relay-bin.");
        assertThat(ri.masterLogFile()).isEqualTo(st.execFile());
    }

    @Test
    void startingAStartedServerIsANoOpAndAnUnknownServerIsNamed() {
        assertThat(master.start()).isZero();
        assertThatThrownBy(() -> sandbox.server("nosuch")).isInstanceOf(SandboxException.class)
                .hasMessageContaining("no server 'nosuch'").hasMessageContaining("master, slave");
    }
}
