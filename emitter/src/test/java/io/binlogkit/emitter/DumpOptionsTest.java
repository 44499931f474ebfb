package io.binlogkit.emitter;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DumpOptionsTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static long utc(int y, int mo, int d, int h, int mi, int s) {
        return LocalDateTime.of(y, mo, d, h, mi, s).toEpochSecond(ZoneOffset.UTC);
    }

    @Test
    void readsTheDatetimeFormatsOfTheServer() {
        long t = utc(2004, 12, 25, 11, 25, 56);
        assertThat(DumpOptions.parseDatetime("2004-12-25 11:25:56", UTC)).isEqualTo(t);
        assertThat(DumpOptions.parseDatetime("2004/12/25 11.25.56", UTC)).isEqualTo(t);
        assertThat(DumpOptions.parseDatetime("2004-12-25T11:25:56", UTC)).isEqualTo(t);
        assertThat(DumpOptions.parseDatetime("20041225112556", UTC)).isEqualTo(t);
        assertThat(DumpOptions.parseDatetime("041225112556", UTC)).isEqualTo(t);
        assertThat(DumpOptions.parseDatetime("04-12-25 11:25:56", UTC)).isEqualTo(t);
        assertThat(DumpOptions.parseDatetime("2004-12-25 11:25:56.123", UTC)).isEqualTo(t);
        assertThat(DumpOptions.parseDatetime("2004-02-30 00:00:00", UTC)).isEqualTo(utc(2004, 3, 1, 0, 0, 0));
        assertThat(DumpOptions.parseDatetime("2004-12-25 11:25:56", ZoneId.of("America/New_York")))
                .isEqualTo(t + 5 * 3600);
    }

    @Test
    void refusesWhatTheServerRefuses() {
        for (String bad : new String[]{"2004-12-25", "yesterday", "2004-13-01 00:00:00", "2004-12-25 25:00:00", ""}) {
            assertThatThrownBy(() -> DumpOptions.parseDatetime(bad, UTC))
                    .hasMessage("Incorrect date and time argument: " + bad);
        }
    }

    @Test
    void rowCountAndPositionsFollowShortFormAndFlashback() {
        assertThat(DumpOptions.defaults().printRowCount()).isTrue();
        assertThat(DumpOptions.defaults().printRowEventPositions()).isTrue();
        DumpOptions s = DumpOptions.builder().shortForm(true).build();
        assertThat(s.printRowCount()).isFalse();
        assertThat(s.printRowEventPositions()).isFalse();
        assertThat(DumpOptions.builder().shortForm(true).printRowCount(true).build().printRowCount()).isTrue();
        assertThat(DumpOptions.builder().flashback(true).build().printRowEventPositions()).isFalse();
    }

    @Test
    void rewriteRulesAreFromArrowTo() {
        DumpOptions o = DumpOptions.builder().rewriteDb(" a -> b ").build();
        assertThat(o.rewriteDb()).containsEntry("a", "b");
        assertThatThrownBy(() -> DumpOptions.builder().rewriteDb("a=b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DumpOptions.builder().rewriteDb("->b")).isInstanceOf(IllegalArgumentException.class);
    }
}
