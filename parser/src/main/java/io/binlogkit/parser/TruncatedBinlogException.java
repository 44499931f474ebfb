package io.binlogkit.parser;

import java.nio.file.Path;

/**
 * The file ends inside an event. For a closed binlog this is damage; for one the server still has
 * open (in-use flag set) {@link EventCursor} stops quietly at the last complete event instead.
 */
public final class TruncatedBinlogException extends BinlogFormatException {
    private static final long serialVersionUID = 1L;

    public TruncatedBinlogException(Path file, long eventOffset, String field, String expected, String actual) {
        super(file, eventOffset, field, expected, actual);
    }
}
