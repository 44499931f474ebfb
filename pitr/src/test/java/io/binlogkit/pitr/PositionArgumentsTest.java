package io.binlogkit.pitr;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Positions given to pitr (FILE:POS targets, the backup tools' position files): what is none is a PitrException. */
class PositionArgumentsTest {
    private static PitrException thrown(ThrowingCallable c) {
        PitrException e = catchThrowableOfType(PitrException.class, c);
        assertThat(e).as("a PitrException").isNotNull();
        return e;
    }

    @Test
    void aTargetThatIsNoPositionIsAUsageError() {
        assertThat(RestoreTarget.untilPosition("m-bin.000002:400").position()).hasToString("m-bin.000002:400");
        PitrException e = thrown(() -> RestoreTarget.untilPosition("m-bin.000002"));
        assertThat(e.kind()).isEqualTo(PitrException.Kind.USAGE);
        assertThat(e).hasMessage("expected FILE:POS (e.g. mariadb-bin.000042:1234), not 'm-bin.000002'");
        e = thrown(() -> RestoreTarget.skipPosition("dir/m-bin.000002:400"));
        assertThat(e.kind()).isEqualTo(PitrException.Kind.USAGE);
        assertThat(e).hasMessage("not a binlog file name: 'dir/m-bin.000002'");
    }

    @Test
    void aBackupToolsPositionFileIsChecked() {
        assertThatCode(() -> Backups.parseBinlogInfo("m-bin.000003\t1234\t0-1-7\n", "info"))
                .doesNotThrowAnyException();
        PitrException e = thrown(() -> Backups.parseBinlogInfo("m-bin.000003\t3\n", "info"));
        assertThat(e.kind()).isEqualTo(PitrException.Kind.USAGE);
        assertThat(e).hasMessage("binlog position 3 is before the first event (4)");
        e = thrown(() -> Backups.parseBinlogInfo("m-bin.000003\tx\n", "info"));
        assertThat(e.kind()).isEqualTo(PitrException.Kind.BAD_DATA);
        assertThat(e).hasMessage("info has a non-numeric position 'x'");
    }
}
