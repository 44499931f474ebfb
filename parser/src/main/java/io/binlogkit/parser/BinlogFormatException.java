package io.binlogkit.parser;

import java.nio.file.Path;

/**
 * A binlog that cannot be read as the format says: truncated, corrupt (CRC mismatch, impossible
 * length), or of an unknown layout. Carries where the problem is (file and the byte offset of the
 * event that holds it) and what was expected, so that a command can print one precise line.
 *
 * <p>Unchecked on purpose: a caller walking events cannot do anything useful event by event, and
 * the message is complete on its own.
 */
public class BinlogFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long eventOffset;
    private final String field;
    private final String expected;
    private final String actual;

    public BinlogFormatException(Path file, long eventOffset, String field, String expected, String actual) {
        this(file, eventOffset, field, expected, actual, null);
    }

    public BinlogFormatException(Path file, long eventOffset, String field, String expected, String actual,
                                 Throwable cause) {
        super(format(file, eventOffset, field, expected, actual), cause);
        this.file = file;
        this.eventOffset = eventOffset;
        this.field = field;
        this.expected = expected;
        this.actual = actual;
    }

    private static String format(Path file, long offset, String field, String expected, String actual) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<memory>" : file.toString());
        if (offset >= 0) {
            sb.append(" at offset ").append(offset);
        }
        sb.append(": ").append(field);
        if (expected != null) {
            sb.append(": expected ").append(expected);
        }
        if (actual != null) {
            sb.append(expected != null ? ", found " : ": ").append(actual);
        }
        return sb.toString();
    }

    /** The file that could not be read, or {@code null} for in-memory input. */
    public Path file() {
        return file;
    }

    /** Start offset of the event that holds the problem, or -1 when it concerns the whole file. */
    public long eventOffset() {
        return eventOffset;
    }

    /** Name of the field or check that failed, e.g. {@code "event length"} or {@code "CRC32"}. */
    public String field() {
        return field;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
