package io.binlogkit.parser;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayLogInfoTest {
    @Test
    void readsAMariaDb1011File() {
        RelayLogInfo ri = RelayLogInfo.parse("5\n./slave-relay-bin.000007\n798\nmaster-bin.000003\n498\n0\n", null);
        assertThat(ri.declaredLines()).isEqualTo(5);
        assertThat(ri.relayLogFile()).isEqualTo("./slave-relay-bin.000007");
        assertThat(ri.relayLogPosition()).isEqualTo(798);
        assertThat(ri.masterLogFile()).isEqualTo("master-bin.000003");
        assertThat(ri.masterLogPosition()).isEqualTo(498);
        assertThat(ri.sqlDelay()).isZero();
        assertThat(ri.fields()).containsEntry("Exec_Master_Log_Pos", "498").doesNotContainKey("Workers");
    }

    @Test
    void readsOnlyTheDeclaredLinesOfAFileRewrittenInPlace() {
        RelayLogInfo ri = RelayLogInfo.parse("5\n./r.000010\n4\nm.000002\n4\n0\n12345\nm.000001\n", null);
        assertThat(ri.relayLogFile()).isEqualTo("./r.000010");
        assertThat(ri.masterLogPosition()).isEqualTo(4);
        assertThat(ri.fields()).hasSize(6);
    }

    @Test
    void readsTheOldFourLineFormatAndMySqlChannels() {
        RelayLogInfo old = RelayLogInfo.parse("./r.000002\n300\nm.000001\n900\n", null);
        assertThat(old.declaredLines()).isEqualTo(-1);
        assertThat(old.masterLogPosition()).isEqualTo(900);
        RelayLogInfo mysql = RelayLogInfo.parse("8\n./r.000002\n300\nm.000001\n900\n0\n4\n1\nchan\n", null);
        assertThat(mysql.workers()).isEqualTo(4);
        assertThat(mysql.channel()).isEqualTo("chan");
    }

    @Test
    void tooShortAFileIsAnError() {
        assertThatThrownBy(() -> RelayLogInfo.parse("5\n./r.000002\n", null))
                .isInstanceOf(BinlogFormatException.class).hasMessageContaining("at least 4 lines");
    }
}
