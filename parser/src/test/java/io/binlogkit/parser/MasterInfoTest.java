package io.binlogkit.parser;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterInfoTest {
    /** As MariaDB 10.11 writes it (flush_master_info): 33 lines, key=value lines, END_MARKER. */
    static final String MARIADB_10_11 = mariadb("0", "0", "0");

    static String mariadb(String ignoreServerIds, String usingGtid, String doDomainIds) {
        return "33\nmaster-bin.000003\n498\n127.0.0.1\nrepl_user\nS3cretPassw0rd\n42911\n1\n0\n"
                + "\n\n\n\n\n0\n1800.000\n\n" + ignoreServerIds + "\n\n0\n\n\n" + "\n".repeat(11)
                + "using_gtid=" + usingGtid + "\ndo_domain_ids=" + doDomainIds + "\nignore_domain_ids=0\nEND_MARKER\n";
    }

    @Test
    void readsEveryFieldOfAMariaDb1011File() {
        MasterInfo mi = MasterInfo.parse(MARIADB_10_11, Path.of("master.info"));
        assertThat(mi.declaredLines()).isEqualTo(33);
        assertThat(mi.masterLogFile()).isEqualTo("master-bin.000003");
        assertThat(mi.masterLogPosition()).isEqualTo(498);
        assertThat(mi.host()).isEqualTo("127.0.0.1");
        assertThat(mi.user()).isEqualTo("repl_user");
        assertThat(mi.password()).isEqualTo("S3cretPassw0rd");
        assertThat(mi.port()).isEqualTo(42911);
        assertThat(mi.connectRetry()).isEqualTo(1);
        assertThat(mi.ssl()).isFalse();
        assertThat(mi.heartbeatPeriod()).isEqualTo(1800.0);
        assertThat(mi.ignoreServerIds()).isEmpty();
        assertThat(mi.usingGtid()).isZero();
        assertThat(mi.doDomainIds()).isEmpty();
        assertThat(mi.hasEndMarker()).isTrue();
    }

    @Test
    void ignoresLeftOversAfterTheEndMarkerOfAFileRewrittenInPlace() {
        // A longer earlier version of the file leaves its tail behind: the server never truncates.
        String rewritten = MARIADB_10_11.replace("master-bin.000003\n498", "m.000004\n4")
                + "ids=0\nEND_MARKER\n";
        MasterInfo mi = MasterInfo.parse(rewritten, null);
        assertThat(mi.masterLogFile()).isEqualTo("m.000004");
        assertThat(mi.keyValues()).containsOnlyKeys("using_gtid", "do_domain_ids", "ignore_domain_ids");
    }

    @Test
    void readsIdListsAndGtidModes() {
        MasterInfo mi = MasterInfo.parse(mariadb("2 7 9", "2", "2 1 5"), null);
        assertThat(mi.ignoreServerIds()).containsExactly(7L, 9L);
        assertThat(mi.doDomainIds()).containsExactly(1L, 5L);
        assertThat(mi.fields()).containsEntry("Using_Gtid", "Slave_Pos").containsEntry("Replicate_Ignore_Server_Ids", "7,9");
    }

    @Test
    void neverShowsThePassword() {
        MasterInfo mi = MasterInfo.parse(MARIADB_10_11, null);
        assertThat(mi.toString()).doesNotContain("S3cretPassw0rd").contains("(set, hidden)");
        assertThat(mi.fields().values()).doesNotContain("S3cretPassw0rd");
    }

    @Test
    void readsTheOldFormatWithoutALineCount() {
        MasterInfo mi = MasterInfo.parse("mysql-bin.000002\n1234\nmaster.example\nrepl\npw\n3306\n60\n", null);
        assertThat(mi.declaredLines()).isEqualTo(-1);
        assertThat(mi.masterLogFile()).isEqualTo("mysql-bin.000002");
        assertThat(mi.masterLogPosition()).isEqualTo(1234);
        assertThat(mi.port()).isEqualTo(3306);
        assertThat(mi.usingGtid()).isNull();
        assertThat(mi.sslCa()).isNull();
    }

    @Test
    void aBadNumberNamesTheLine() {
        assertThatThrownBy(() -> MasterInfo.parse(MARIADB_10_11.replace("\n498\n", "\n49x\n"), Path.of("master.info")))
                .isInstanceOf(BinlogFormatException.class).hasMessageContaining("master.info")
                .hasMessageContaining("line 3").hasMessageContaining("49x");
    }
}
