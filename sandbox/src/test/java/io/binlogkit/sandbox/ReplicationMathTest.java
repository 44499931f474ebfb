package io.binlogkit.sandbox;

import io.binlogkit.parser.BinlogPosition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parts of replication bookkeeping that need no server. */
class ReplicationMathTest {
    private static final List<ServerInstance.BinaryLog> LOGS = List.of(new ServerInstance.BinaryLog("m-bin.000001", 1000),
            new ServerInstance.BinaryLog("m-bin.000002", 500), new ServerInstance.BinaryLog("m-bin.000003", 300));

    @Test
    void bytesBehindCountsTheRestOfTheFileAndEveryLaterFileAfterItsHeader() {
        assertThat(Replication.bytesBehind(LOGS, "m-bin.000003", 300)).isZero();
        assertThat(Replication.bytesBehind(LOGS, "m-bin.000003", 100)).isEqualTo(200);
        assertThat(Replication.bytesBehind(LOGS, "m-bin.000001", 900)).isEqualTo(100 + 496 + 296);
        assertThat(Replication.bytesBehind(LOGS, "m-bin.000000", 4)).isNull(); // purged: unknown
    }

    @Test
    void rolesAndSpecsAreValidated() {
        assertThat(Role.format(Role.parse("slave,master"))).isEqualTo("master,slave");
        assertThatThrownBy(() -> Role.parse(",")).hasMessageContaining("must name");
        assertThatThrownBy(() -> new ServerSpec("a", Role.parse("master"), 70000, 1, java.util.Map.of()))
                .hasMessageContaining("not a TCP port");
        assertThatThrownBy(() -> new ServerSpec("a", Role.parse("master"), 1000, 1, java.util.Map.of("x\ny", "1")))
                .hasMessageContaining("bad server option");
    }

    @Test
    void positionFileRecordsMasterFileAndPosition() {
        Backup.RecordedPosition r = Backup.parsePositionFile("# comment\nmaster=m1\nmaster_log_file=m1-bin.000007\n"
                + "master_log_pos=1234\nslave=s\n", "test");
        assertThat(r.master()).isEqualTo("m1");
        assertThat(r.position()).isEqualTo(new BinlogPosition("m1-bin.000007", 1234));
        assertThatThrownBy(() -> Backup.parsePositionFile("master=m1\n", "x.dat"))
                .hasMessageContaining("x.dat does not record a master position");
    }
}
