package io.binlogkit.emitter;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code yymmdd hh:mm:ss} with a space-padded hour, in the zone given, across DST changes. */
class LocalTimestampsTest {
    @Test
    void formatsLikeLocaltime() {
        for (String zone : new String[]{"UTC", "America/New_York", "Europe/Paris", "Asia/Kolkata", "Australia/Lord_Howe"}) {
            ZoneId z = ZoneId.of(zone);
            LocalTimestamps t = new LocalTimestamps(z);
            DateTimeFormatter f = DateTimeFormatter.ofPattern("yyMMdd").withZone(z);
            SplittableRandom r = new SplittableRandom(zone.hashCode());
            long s = 0;
            for (int i = 0; i < 3_000; i++) {
                s = i % 2 == 0 ? r.nextLong(0, 4_294_967_296L) : s + r.nextInt(0, 7200);
                ByteSink out = new ByteSink(null);
                t.append(s, out);
                var local = Instant.ofEpochSecond(s).atZone(z);
                String expected = f.format(local) + " " + String.format("%2d:%02d:%02d", local.getHour(),
                        local.getMinute(), local.getSecond());
                assertThat(out.toString()).as("%s in %s", s, zone).isEqualTo(expected);
            }
        }
    }
}
