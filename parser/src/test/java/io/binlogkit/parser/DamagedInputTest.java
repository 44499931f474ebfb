package io.binlogkit.parser;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property tests over real binlogs: every prefix of a file, and a file with any single bit
 * flipped, either reads cleanly or fails with a {@link BinlogFormatException} that names the
 * file and an offset inside it. Never an IndexOutOfBounds, an OutOfMemoryError or a silent wrong
 * length. Seeds are fixed so that a failure is reproducible.
 */
class DamagedInputTest {
    private static final int FLIPS = 3000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb-bin.000001", "binlog_transaction.000001", "transaction_compression.000001",
            "json.binlog.000001", "ver_5_1_23.001", "binlog-invisible-columns.000001"})
    void everyPrefixReadsCleanlyOrFailsWithTheOffset(String name) throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.rustMysqlCommon().resolve(name));
        int limit = Math.min(bytes.length, 4096);
        long[] boundaries = eventBoundaries(name, bytes);
        for (int len = 0; len <= limit; len++) {
            Outcome o = read(name, bytes, len);
            boolean atBoundary = java.util.Arrays.binarySearch(boundaries, len) >= 0;
            if (o.error == null) {
                assertThat(atBoundary || o.partial)
                        .as("prefix of %d bytes read without error but ends inside an event", len).isTrue();
                if (o.partial) {
                    assertThat(o.inUse).as("only an in-use file may end in a partial event").isTrue();
                }
            } else {
                assertThat(o.error).as("prefix of %d bytes", len).isInstanceOf(BinlogFormatException.class);
                assertThat(o.error.getMessage()).contains(name);
                assertThat(o.error.eventOffset()).isBetween(-1L, (long) len);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb-bin.000001", "binlog_transaction.000001", "transaction_compression.000001",
            "json.binlog.000001", "bug33029-slave-relay-bin.000001", "binlog-invisible-columns.000001",
            "ver_trunk_row_v2.001"})
    void singleBitFlipsNeverEscapeAsAnythingButTheFormatError(String name) throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.rustMysqlCommon().resolve(name));
        SplittableRandom rnd = new SplittableRandom(name.hashCode());
        int detected = 0;
        for (int i = 0; i < FLIPS; i++) {
            int pos = rnd.nextInt(Math.min(bytes.length, 8192));
            int bit = rnd.nextInt(8);
            bytes[pos] ^= (byte) (1 << bit);
            try {
                Outcome o = read(name, bytes, bytes.length);
                if (o.error != null) {
                    detected++;
                    assertThat(o.error.getMessage()).contains(name);
                }
            } finally {
                bytes[pos] ^= (byte) (1 << bit);
            }
        }
        assertThat(detected).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb-bin.000001", "json.binlog.000001", "binlog-invisible-columns.000001"})
    void checksummedFilesDetectEveryFlipInsideAnEvent(String name) throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.rustMysqlCommon().resolve(name));
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 500; i++) {
            // bytes 0-3 are the magic; every later byte belongs to a CRC32-protected event
            int pos = 4 + rnd.nextInt(bytes.length - 4);
            int bit = rnd.nextInt(8);
            if (pos == 4 + 17 && bit == 0) {
                continue; // the in-use flag of the Format_description event is outside its checksum
            }
            bytes[pos] ^= (byte) (1 << bit);
            try {
                Outcome o = read(name, bytes, bytes.length);
                assertThat(o.error).as("flip of bit %d at %d went unnoticed", bit, pos).isNotNull();
            } finally {
                bytes[pos] ^= (byte) (1 << bit);
            }
        }
    }

    private record Outcome(BinlogFormatException error, boolean partial, boolean inUse) {
    }

    private static Outcome read(String name, byte[] bytes, int len) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(Math.max(1, len)).asSlice(0, len);
            MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, len);
            BinlogFile f = BinlogFile.of(Path.of(name), seg);
            EventCursor c = f.cursor();
            new EventWalker().walk(c);
            return new Outcome(null, c.endedAtPartialEvent(), f.inUse());
        } catch (BinlogFormatException e) {
            return new Outcome(e, false, false);
        } catch (RuntimeException | Error e) {
            fail("prefix/flip of " + name + " (" + len + " bytes) escaped as " + e, e);
            return null;
        }
    }

    /** Offsets where events end (the file may be cut there and still read without error). */
    private static long[] eventBoundaries(String name, byte[] bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
            EventCursor c = BinlogFile.of(Path.of(name), seg).cursor();
            java.util.List<Long> out = new java.util.ArrayList<>();
            out.add(4L);
            while (c.next()) {
                out.add(c.nextEventOffset());
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }
    }
}
