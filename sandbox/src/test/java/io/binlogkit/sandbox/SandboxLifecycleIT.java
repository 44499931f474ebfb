package io.binlogkit.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Servers come and go by their pid files only; the master-slaves topology; the config's rules. */
class SandboxLifecycleIT {
    private static Sandbox sandbox;

    @BeforeAll
    static void setUp() {
        sandbox = TestSandboxes.create("SandboxLifecycleIT");
    }

    @AfterAll
    static void tearDown() {
        TestSandboxes.stopAll(sandbox);
    }

    @Test
    void masterSlavesTopologyShowsEverySlaveInProgressAndSlaveHosts() {
        List<ServerInstance> servers = Topology.masterSlaves(sandbox, 2);
        ServerInstance master = servers.getFirst();
        master.execute("CREATE DATABASE ms", "CREATE TABLE ms.t (a INT)", "INSERT INTO ms.t VALUES (1), (2)");
        for (ServerInstance s : servers.subList(1, 3)) {
            Replication.waitCaughtUp(s, master, Duration.ofSeconds(30));
        }
        List<ServerProgress> ps = Replication.progress(sandbox, List.of());
        assertThat(ps).extracting(ServerProgress::name).startsWith("master", "slave1", "slave2");
        ServerProgress m = ps.getFirst();
        assertThat(m.slave()).isNull();
        assertThat(m.slaveHosts()).extracting(ServerProgress.SlaveHost::port)
                .containsExactlyInAnyOrder(servers.get(1).spec().port(), servers.get(2).spec().port());
        for (ServerProgress p : ps.subList(1, 3)) {
            assertThat(p.masterName()).isEqualTo("master");
            assertThat(p.slave().executed()).isEqualTo(m.masterStatus());
            assertThat(p.slave().lagBytes()).isZero();
            assertThat(p.slave().lagSeconds()).isZero();
            assertThat(p.slave().ioThreadRunning()).isTrue();
        }
        assertThatThrownBy(() -> Topology.masterSlaves(sandbox, 1)).hasMessageContaining("already exists");
    }

    @Test
    void serversStopByTheirPidFileAndAPidFileOfAnotherProcessIsNotTrusted() throws Exception {
        ServerInstance s = sandbox.add("lonely", Set.of(Role.MASTER), 0, Map.of());
        Duration d = s.start();
        System.out.printf("SandboxLifecycleIT: start from the template copy %d ms%n", d.toMillis());
        long pid = s.pid().orElseThrow();
        assertThat(Files.readString(s.pidFile()).strip()).isEqualTo(Long.toString(pid));
        long t0 = System.nanoTime();
        assertThat(s.stop()).isTrue();
        System.out.printf("SandboxLifecycleIT: stop %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(s.running()).isFalse();
        assertThat(s.stop()).isFalse();
        // A stale pid file naming a live process that is not this server (here: this JVM) is ignored.
        Files.writeString(s.pidFile(), ProcessHandle.current().pid() + "\n");
        assertThat(s.pid()).isEmpty();
        assertThat(s.stop()).isFalse();
        Files.delete(s.pidFile());
        Duration again = s.start();
        System.out.printf("SandboxLifecycleIT: restart on an existing datadir %d ms%n", again.toMillis());
        assertThat(s.queryValue("SELECT @@server_id")).isEqualTo(Long.toString(s.spec().serverId()));
        sandbox.remove("lonely");
        assertThat(s.datadir()).doesNotExist();
        assertThat(s.defaultsFile()).doesNotExist();
        assertThat(sandbox.find("lonely")).isEmpty();
    }

    @Test
    void aServerWhoseChosenPortWasTakenMeanwhileMovesToAnotherPort() throws Exception {
        ServerInstance s = sandbox.add("moved", Set.of(Role.MASTER), 0, Map.of());
        int first = s.spec().port();
        try (var squatter = new java.net.ServerSocket(first, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.start();
        }
        assertThat(s.spec().port()).isNotEqualTo(first);
        assertThat(s.queryValue("SELECT @@port")).isEqualTo(Integer.toString(s.spec().port()));
        assertThat(Files.readString(s.defaultsFile())).contains("port=" + s.spec().port());
        assertThat(Sandbox.open(sandbox.dir()).server("moved").spec().port()).isEqualTo(s.spec().port());
        sandbox.remove("moved");
    }

    @Test
    void aServerThatCannotStartReportsItsErrorLog() throws Exception {
        ServerInstance s = sandbox.add("broken", Set.of(Role.MASTER), 0, Map.of("no_such_option_at_all", "1"));
        assertThatThrownBy(s::start).isInstanceOf(SandboxException.class)
                .hasMessageContaining("did not start").hasMessageContaining("no_such_option_at_all");
        sandbox.remove("broken");
    }

    @Test
    void namesAndDuplicatesAreChecked() {
        assertThatThrownBy(() -> sandbox.add("bad name", Set.of(Role.MASTER), 0, Map.of()))
                .hasMessageContaining("must start with a letter");
        assertThatThrownBy(() -> Role.parse("master,boss")).hasMessageContaining("unknown role 'boss'");
        assertThat(Role.parse("slave, master")).containsExactlyInAnyOrder(Role.MASTER, Role.SLAVE);
        sandbox.add("dup", Set.of(Role.SLAVE), 0, Map.of());
        assertThatThrownBy(() -> sandbox.add("dup", Set.of(Role.SLAVE), 0, Map.of())).hasMessageContaining("already exists");
        sandbox.remove("dup");
    }

    @Test
    void aMissingServerBinaryNamesThePackageToInstall() throws Exception {
        Path empty = Files.createDirectories(TestSandboxes.target().resolve("empty-basedir"));
        assertThatThrownBy(() -> ServerBinaries.find(empty)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("mariadb-server").hasMessageContaining("apt-get install")
                .extracting(e -> ((SandboxException) e).kind()).isEqualTo(SandboxException.Kind.MISSING_BINARY);
        assertThatThrownBy(() -> Sandbox.open(empty)).hasMessageContaining("is not a sandbox");
    }

    @Test
    void longSandboxPathsPutTheSocketUnderTmp() {
        Path deep = TestSandboxes.target().resolve("x".repeat(60)).resolve("y".repeat(60));
        Sandbox s = Sandbox.setup(deep, Sandbox.Options.defaults().withEphemeralPorts()
                .withTemplate(TestSandboxes.target().resolve("sandbox-template")));
        ServerSpec spec = new ServerSpec("a", Set.of(Role.MASTER), 1234, 1, Map.of());
        ServerInstance i = new ServerInstance(s, spec);
        assertThat(i.socket().toString()).startsWith("/tmp/binlogkit-").hasSizeLessThan(100);
        Sandbox.deleteTree(TestSandboxes.target().resolve("x".repeat(60)));
    }
}
