package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;

/**
 * The statement behind row events: MariaDB Annotate_rows (160, the whole body) and MySQL Rows_query
 * (29, a length byte that is ignored because it overflows for long statements, then the text).
 */
public final class RowsQueryEventView extends EventView {
    private long textAt;

    RowsQueryEventView() {
    }

    @Override
    void check() {
        if (typeCode == EventType.ROWS_QUERY.code()) {
            need(body, 1, "length");
            textAt = body + 1;
        } else {
            textAt = body;
        }
    }

    public long textOffset() {
        return textAt;
    }

    public int textLength() {
        return (int) (end - textAt);
    }

    public MemorySegment textBytes() {
        return seg.asSlice(textAt, end - textAt);
    }

    public String text() {
        return Bytes.utf8(seg, textAt, textLength());
    }
}
