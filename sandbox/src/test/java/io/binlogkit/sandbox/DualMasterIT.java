package io.binlogkit.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Dual masters and a slave of one of them: writes on both converge; a conflict is reported. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DualMasterIT {
    private static Sandbox sandbox;
    private static ServerInstance m1;
    private static ServerInstance m2;
    private static ServerInstance slave;

    @BeforeAll
    static void setUp() {
        sandbox = TestSandboxes.create("DualMasterIT");
        List<ServerInstance> masters = Topology.dualMaster(sandbox);
        m1 = masters.get(0);
        m2 = masters.get(1);
        slave = sandbox.add("slave", Set.of(Role.SLAVE), 0, Map.of());
        slave.start();
        Replication.replicate(sandbox, "slave", "master1", null, null);
    }

    @AfterAll
    static void tearDown() {
        TestSandboxes.stopAll(sandbox);
    }

    @Test
    @Order(1)
    void bothMastersHaveLogSlaveUpdatesAndInterleavedAutoIncrements() throws Exception {
        for (ServerInstance m : List.of(m1, m2)) {
            assertThat(Files.readString(m.defaultsFile())).contains("log-slave-updates", "auto_increment_increment=2");
        }
        assertThat(m1.queryValue("SELECT @@auto_increment_offset")).isEqualTo("1");
        assertThat(m2.queryValue("SELECT @@auto_increment_offset")).isEqualTo("2");
    }

    @Test
    @Order(2)
    void writesOnBothMastersConvergeOnBothAndOnASlaveOfOne() {
        m1.execute("CREATE DATABASE dm", "CREATE TABLE dm.t (id INT AUTO_INCREMENT PRIMARY KEY, origin VARCHAR(10),"
                + " n INT)");
        Replication.waitCaughtUp(m2, m1, Duration.ofSeconds(30));
        Thread other = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 100; i++) {
                m2.execute("INSERT INTO dm.t (origin, n) VALUES ('master2', " + i + ")");
            }
        });
        for (int i = 0; i < 100; i++) {
            m1.execute("INSERT INTO dm.t (origin, n) VALUES ('master1', " + i + ")");
        }
        try {
            other.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        settle();
        String sum = checksum(m1);
        assertThat(checksum(m2)).isEqualTo(sum);
        assertThat(checksum(slave)).isEqualTo(sum);
        assertThat(slave.queryValue("SELECT COUNT(*) FROM dm.t")).isEqualTo("200");
        assertThat(slave.queryValue("SELECT COUNT(*) FROM dm.t WHERE origin='master2' AND id % 2 = 0")).isEqualTo("100");
        for (ServerProgress p : Replication.progress(sandbox, List.of())) {
            assertThat(p.slave().lastError()).as(p.name()).isNull();
        }
    }

    @Test
    @Order(3)
    void aConflictingWriteStopsBothSqlThreadsAndProgressReportsTheServersError() {
        m1.execute("STOP SLAVE");
        m2.execute("STOP SLAVE");
        m1.execute("INSERT INTO dm.t (id, origin, n) VALUES (100000, 'master1', -1)");
        m2.execute("INSERT INTO dm.t (id, origin, n) VALUES (100000, 'master2', -2)");
        m1.execute("START SLAVE");
        m2.execute("START SLAVE");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<ServerProgress> ps;
        do {
            ServerInstance.sleep(50);
            ps = Replication.progress(sandbox, List.of("master1", "master2"));
        } while (ps.stream().anyMatch(p -> p.slave().lastSqlErrno() == 0) && System.nanoTime() < deadline);
        for (ServerProgress p : ps) {
            assertThat(p.slave().lastSqlErrno()).as(p.name()).isEqualTo(1062);
            assertThat(p.slave().sqlRunning()).isEqualTo("No");
            assertThat(p.slave().lastError()).contains("Duplicate entry '100000'");
        }
        assertThat(ps.get(0).masterName()).isEqualTo("master2");
    }

    private static void settle() {
        for (int round = 0; round < 3; round++) {
            Replication.waitCaughtUp(m2, m1, Duration.ofSeconds(30));
            Replication.waitCaughtUp(m1, m2, Duration.ofSeconds(30));
        }
        Replication.waitCaughtUp(slave, m1, Duration.ofSeconds(30));
    }

    private static String checksum(ServerInstance s) {
        return s.queryRow("CHECKSUM TABLE dm.t").get("Checksum");
    }
}
