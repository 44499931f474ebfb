package io.binlogkit.emitter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI share of fuzzing: a fixed number of seeded mutations of the testdata binlogs (bit flips,
 * byte overwrites, truncations, splices of events from another binlog, edits of event length and
 * body length fields), each dumped in every {@link DumpTarget.Mode}, with the same rule as
 * {@link DumpFuzzTest}: only typed errors may come out. Not coverage-guided (Jazzer does that on
 * demand, see README.md, "Fuzzing"); deterministic (fixed seed), so a failure reproduces, and
 * short (a few seconds).
 */
class DumpMutationTest {
    /** Mutated inputs per run; each is dumped in the four modes. */
    static final int INPUTS = 600;
    static final long SEED = 0x5EED_B1A0L;

    @Test
    void mutatedTestdataBinlogsGiveOnlyTypedErrors() {
        List<byte[]> seeds = DumpTarget.testdataBinlogs();
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) {
            byte[] seed = seeds.get(rnd.nextInt(seeds.size()));
            byte[] input = mutate(seed, seeds, rnd);
            for (DumpTarget.Mode mode : DumpTarget.Mode.values()) {
                try {
                    DumpTarget.dumpAllowingTypedErrors(input, mode);
                } catch (Throwable t) {
                    failures.add("input " + i + " (" + input.length + " bytes), " + mode + ": " + t);
                    if (failures.size() == 1) {
                        t.printStackTrace();
                    }
                }
            }
        }
        assertThat(failures).as("inputs of seed %x whose dump threw an untyped error", SEED).isEmpty();
    }

    /** One to four mutations of {@code seed}. */
    static byte[] mutate(byte[] seed, List<byte[]> seeds, SplittableRandom rnd) {
        byte[] b = seed.clone();
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n && b.length > 4; k++) {
            b = switch (rnd.nextInt(7)) {
                case 0 -> flipBits(b, rnd);
                case 1 -> overwriteByte(b, rnd);
                case 2 -> truncate(b, rnd);
                case 3 -> spliceEvent(b, seeds.get(rnd.nextInt(seeds.size())), rnd);
                case 4 -> editEventLength(b, rnd);
                case 5 -> editBodyInteger(b, rnd);
                default -> dropOrRepeatEvent(b, rnd);
            };
        }
        return b;
    }

    private static byte[] flipBits(byte[] b, SplittableRandom rnd) {
        int flips = 1 + rnd.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int at = 4 + rnd.nextInt(b.length - 4);
            b[at] ^= (byte) (1 << rnd.nextInt(8));
        }
        return b;
    }

    private static byte[] overwriteByte(byte[] b, SplittableRandom rnd) {
        int at = 4 + rnd.nextInt(b.length - 4);
        int[] interesting = {0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe, 0xfc, 0xfd};
        b[at] = (byte) (rnd.nextBoolean() ? interesting[rnd.nextInt(interesting.length)] : rnd.nextInt(256));
        return b;
    }

    private static byte[] truncate(byte[] b, SplittableRandom rnd) {
        return java.util.Arrays.copyOf(b, 4 + rnd.nextInt(b.length - 3));
    }

    /** Inserts an event of {@code other} (not its format description) before an event of {@code b}. */
    private static byte[] spliceEvent(byte[] b, byte[] other, SplittableRandom rnd) {
        List<int[]> mine = FuzzMinimizer.events(b);
        List<int[]> theirs = FuzzMinimizer.events(other);
        if (mine.size() < 2 || theirs.size() < 2) {
            return b;
        }
        int[] ev = theirs.get(1 + rnd.nextInt(theirs.size() - 1));
        int at = mine.get(1 + rnd.nextInt(mine.size() - 1))[0];
        byte[] out = new byte[b.length + ev[1]];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(other, ev[0], out, at, ev[1]);
        System.arraycopy(b, at, out, at + ev[1], b.length - at);
        return out;
    }

    /** Sets the length field of one event (header offset 9) to a nearby or extreme value. */
    private static byte[] editEventLength(byte[] b, SplittableRandom rnd) {
        List<int[]> evs = FuzzMinimizer.events(b);
        if (evs.isEmpty()) {
            return b;
        }
        int[] ev = evs.get(rnd.nextInt(evs.size()));
        long len = switch (rnd.nextInt(4)) {
            case 0 -> ev[1] + rnd.nextInt(-8, 9);
            case 1 -> rnd.nextInt(0, 24);
            case 2 -> 0xFFFF_FFFFL - rnd.nextInt(16);
            default -> rnd.nextInt(0, ev[1] * 2 + 1);
        };
        putU32(b, ev[0] + 9, len);
        return b;
    }

    /** Overwrites a 1, 2 or 4-byte little-endian integer inside an event body (counts, lengths, offsets). */
    private static byte[] editBodyInteger(byte[] b, SplittableRandom rnd) {
        List<int[]> evs = FuzzMinimizer.events(b);
        if (evs.isEmpty()) {
            return b;
        }
        int[] ev = evs.get(rnd.nextInt(evs.size()));
        int width = new int[]{1, 2, 4}[rnd.nextInt(3)];
        if (ev[1] <= 19 + width) {
            return b;
        }
        int at = ev[0] + 19 + rnd.nextInt(ev[1] - 19 - width + 1);
        long v = switch (rnd.nextInt(4)) {
            case 0 -> 0;
            case 1 -> (1L << (8 * width)) - 1;
            case 2 -> (1L << (8 * width - 1));
            default -> rnd.nextLong(1L << (8 * width));
        };
        for (int i = 0; i < width; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private static byte[] dropOrRepeatEvent(byte[] b, SplittableRandom rnd) {
        List<int[]> evs = FuzzMinimizer.events(b);
        if (evs.size() < 2) {
            return b;
        }
        int[] ev = evs.get(1 + rnd.nextInt(evs.size() - 1));
        if (rnd.nextBoolean()) {
            byte[] out = new byte[b.length - ev[1]];
            System.arraycopy(b, 0, out, 0, ev[0]);
            System.arraycopy(b, ev[0] + ev[1], out, ev[0], b.length - ev[0] - ev[1]);
            return out;
        }
        byte[] out = new byte[b.length + ev[1]];
        System.arraycopy(b, 0, out, 0, ev[0] + ev[1]);
        System.arraycopy(b, ev[0], out, ev[0] + ev[1], b.length - ev[0]);
        return out;
    }

    private static void putU32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
