package io.binlogkit.parser;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One binary log or relay log, memory-mapped as a single {@link MemorySegment} (files over 2 GiB
 * included). Opening checks the magic number and reads the format description (v4), or derives it
 * from the Start_v3 event of a v1/v3 file; everything else is read on demand through
 * {@link #cursor()}.
 *
 * <pre>{@code
 * try (BinlogFile file = BinlogFile.open(path)) {
 *     EventCursor c = file.cursor();
 *     while (c.next()) {
 *         if (c.type() == EventType.QUERY) System.out.println(c.query().sql());
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe for cursors in flight while {@link #close()} unmaps the file; any number of
 * cursors may read concurrently.
 */
public final class BinlogFile implements AutoCloseable {
    /** {@code 0xfe 'b' 'i' 'n'}, the first four bytes of every binlog and relay log. */
    public static final int MAGIC_LENGTH = 4;
    private static final int MAGIC = 0x6e6962fe; // little-endian read of fe 62 69 6e

    private final Path path;
    private final Arena arena;
    private final MemorySegment segment;
    private final FormatDescription format;
    private final int firstEventLength;
    private final boolean inUse;

    private BinlogFile(Path path, Arena arena, MemorySegment segment) {
        this.path = path;
        this.arena = arena;
        this.segment = segment;
        long size = segment.byteSize();
        if (size < MAGIC_LENGTH) {
            throw new TruncatedBinlogException(path, 0, "binlog magic", "4 bytes", size + " bytes in the file");
        }
        if (Bytes.i32(segment, 0) != MAGIC) {
            throw new BinlogFormatException(path, 0, "binlog magic", "fe 62 69 6e",
                    String.format("%02x %02x %02x %02x (not a binary log)", Bytes.u8(segment, 0),
                            Bytes.u8(segment, 1), Bytes.u8(segment, 2), Bytes.u8(segment, 3)));
        }
        // The first event tells the binlog version. Its type and length sit at the same offsets in
        // the v1 (13-byte) and v3/v4 (19-byte) headers.
        long start = MAGIC_LENGTH;
        if (size < start + FormatDescription.V1_HEADER_LENGTH) {
            throw new TruncatedBinlogException(path, start, "first event header",
                    FormatDescription.V1_HEADER_LENGTH + " bytes", (size - start) + " bytes left in the file");
        }
        int type = Bytes.u8(segment, start + EventCursor.TYPE_OFFSET);
        long length = Bytes.u32(segment, start + EventCursor.LENGTH_OFFSET);
        if (start + length > size) {
            throw new TruncatedBinlogException(path, start, "first event length", "<= " + (size - start),
                    String.valueOf(length));
        }
        if (type == EventType.FORMAT_DESCRIPTION.code()) {
            this.format = FormatDescription.read(path, segment, start, (int) length);
            this.inUse = (Bytes.u16(segment, start + EventCursor.FLAGS_OFFSET) & EventFlags.BINLOG_IN_USE) != 0;
        } else if (type == EventType.START_V3.code()) {
            // A v1 Start event is 13 + 56 bytes, a v3 one 19 + 56 (see Log_event::read_log_event).
            int version = length < FormatDescription.V4_HEADER_LENGTH + 56 ? 1 : 3;
            int header = version == 1 ? FormatDescription.V1_HEADER_LENGTH : FormatDescription.V4_HEADER_LENGTH;
            if (length < header + 56) {
                throw new BinlogFormatException(path, start, "Start_v3 event length", ">= " + (header + 56),
                        String.valueOf(length));
            }
            String serverVersion = FormatDescription.serverVersion(segment, start + header + 2);
            long created = Bytes.u32(segment, start + header + 2 + FormatDescription.SERVER_VERSION_LENGTH);
            this.format = FormatDescription.forStartV3(version, serverVersion, created);
            this.inUse = false;
        } else {
            throw new BinlogFormatException(path, start, "first event type",
                    "Format_description (15) or Start_v3 (1)", String.valueOf(type));
        }
        this.firstEventLength = (int) length;
    }

    /**
     * Maps {@code path} read-only and reads its format description.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws BinlogFormatException              when it is not a binlog or its first event is damaged
     */
    public static BinlogFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            return new BinlogFile(path, arena, seg);
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** Reads a binlog held in memory (tests, network buffers); {@code name} is used in messages. */
    public static BinlogFile of(Path name, MemorySegment segment) {
        return new BinlogFile(name, null, segment);
    }

    public Path path() {
        return path;
    }

    public long size() {
        return segment.byteSize();
    }

    /** The format description in force at the start of the file. */
    public FormatDescription formatDescription() {
        return format;
    }

    /** Offset of the first event after the one that describes the format (where a dump starts by default). */
    public long firstEventAfterFormat() {
        return MAGIC_LENGTH + firstEventLength;
    }

    /**
     * Whether the server still had the file open for writing when it was read or copied
     * (LOG_EVENT_BINLOG_IN_USE_F in the Format_description header): the last event may be partial.
     */
    public boolean inUse() {
        return inUse;
    }

    /** A cursor before the first event. */
    public EventCursor cursor() {
        return new EventCursor(this, MAGIC_LENGTH);
    }

    /**
     * A cursor before the event at {@code position}, which must be the start of an event. The format
     * description of the start of the file applies (as in {@code mysqlbinlog --start-position}).
     */
    public EventCursor cursor(long position) {
        if (position < MAGIC_LENGTH || position > size()) {
            throw new BinlogFormatException(path, position, "start position",
                    "between " + MAGIC_LENGTH + " and the file size " + size(), String.valueOf(position));
        }
        return new EventCursor(this, position);
    }

    /**
     * The event that starts at {@code position}, framed and checked (length, CRC32) as
     * {@link EventCursor#next()} frames events, on a new cursor: the way back to an event whose
     * offset was kept (from {@link EventCursor#position()}, an index, a GTID position). The format
     * description of the start of the file applies. To visit many such events, keep the cursor
     * and {@linkplain EventCursor#moveTo(long) move} it: that allocates nothing.
     *
     * @throws TruncatedBinlogException when the file ends inside the event
     * @throws BinlogFormatException    when {@code position} is outside the file or the event is damaged
     */
    public EventCursor eventAt(long position) {
        if (position < MAGIC_LENGTH || position > size()) {
            throw new BinlogFormatException(path, position, "event position",
                    "between " + MAGIC_LENGTH + " and the file size " + size(), String.valueOf(position));
        }
        return new EventCursor(this, MAGIC_LENGTH).moveTo(position);
    }

    MemorySegment segment() {
        return segment;
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "BinlogFile[" + path + ", " + size() + " bytes, " + format.serverVersion() + "]";
    }
}
