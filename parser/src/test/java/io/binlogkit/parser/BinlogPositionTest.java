package io.binlogkit.parser;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinlogPositionTest {
    @Test
    void parsesAndFormatsFileColonPos() {
        BinlogPosition p = BinlogPosition.parse("mariadb-bin.000042:1234");
        assertThat(p.file()).isEqualTo("mariadb-bin.000042");
        assertThat(p.pos()).isEqualTo(1234);
        assertThat(p).hasToString("mariadb-bin.000042:1234").isEqualTo(new BinlogPosition("mariadb-bin.000042", 1234));
        assertThat(BinlogPosition.parse("odd:name.000001:4").file()).isEqualTo("odd:name.000001");
    }

    @Test
    void ordersByFileThenOffset() {
        assertThat(new BinlogPosition("m-bin.000002", 4)).isGreaterThan(new BinlogPosition("m-bin.000001", 9000));
        assertThat(new BinlogPosition("m-bin.000002", 400)).isLessThan(new BinlogPosition("m-bin.000002", 401));
        assertThat(new BinlogPosition("m-bin.000002", 400))
                .isEqualByComparingTo(new BinlogPosition("m-bin.000002", 400));
    }

    @Test
    void refusesWhatIsNoPosition() {
        assertThatThrownBy(() -> new BinlogPosition("m-bin.000002", 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("binlog position 3 is before the first event (4)");
        assertThatThrownBy(() -> new BinlogPosition("", 4)).hasMessage("binlog file name is empty");
        assertThatThrownBy(() -> new BinlogPosition(null, 4)).hasMessage("binlog file name is empty");
        assertThatThrownBy(() -> new BinlogPosition("dir/m-bin.000001", 4))
                .hasMessage("not a binlog file name: 'dir/m-bin.000001'");
        assertThatThrownBy(() -> BinlogPosition.parse("m-bin.000001")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected FILE:POS (e.g. mariadb-bin.000042:1234), not 'm-bin.000001'");
        assertThatThrownBy(() -> BinlogPosition.parse(":4")).hasMessageStartingWith("expected FILE:POS (e.g.");
        assertThatThrownBy(() -> BinlogPosition.parse(null)).hasMessageEndingWith("not 'null'");
        assertThatThrownBy(() -> BinlogPosition.parse("m-bin.000001:x"))
                .hasMessage("expected FILE:POS with a numeric position, not 'm-bin.000001:x'");
    }
}
