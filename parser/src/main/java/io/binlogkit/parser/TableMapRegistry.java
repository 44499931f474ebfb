package io.binlogkit.parser;

import java.util.Arrays;

/**
 * Table id → table map, so that row events can be decoded after the cursor has moved past their
 * Table_map event. Cursor views are flyweights re-pointed on every {@code next()}, so the registry
 * never keeps the caller's view: {@link #put} wraps a registry-owned {@link TableMapEventView} on
 * the same bytes (the segment and offsets of the event). Lookups allocate nothing; a view object is
 * made only the first time a table id is seen, and reused when the id is mapped again.
 *
 * <p>The registry holds on to the memory the table map lives in (the file mapping, or the
 * decompressed payload of a MySQL Transaction_payload): entries are valid while that memory is,
 * that is until the {@link BinlogFile} or the payload's arena is closed. Servers re-send table maps
 * at the start of every transaction, so a reader that closes a payload arena should {@link #clear()}
 * first.
 */
public final class TableMapRegistry {
    private long[] keys = new long[16];
    private TableMapEventView[] views = new TableMapEventView[16];
    /** What the registry's user keeps with each table map (see {@link #attach}). */
    private Object[] attachments = new Object[16];
    private int size;

    /**
     * Registers (or replaces) the table map under its table id and returns the registry's own view
     * of it. The same table map sent again (the same bytes, as servers send a statement's table
     * maps with every transaction) is not decoded again: the registry's view moves to the new
     * bytes, and what it and {@link #attach} worked out for them stays.
     */
    public TableMapEventView put(TableMapEventView tableMap) {
        long id = tableMap.tableId();
        int slot = slot(id);
        TableMapEventView v = views[slot];
        if (v != null && v.sameBytes(tableMap)) {
            v.moveTo(tableMap);
            return v;
        }
        attachments[slot] = null;
        if (v == null) {
            v = new TableMapEventView();
            keys[slot] = id;
            views[slot] = v;
            if (++size * 2 > keys.length) {
                v.wrap(null, tableMap.path, tableMap.seg, tableMap.start, tableMap.body, tableMap.end,
                        tableMap.format, tableMap.typeCode);
                rehash();
                return v;
            }
        }
        v.wrap(null, tableMap.path, tableMap.seg, tableMap.start, tableMap.body, tableMap.end,
                tableMap.format, tableMap.typeCode);
        return v;
    }

    /** The table map registered for {@code tableId}, or {@code null}. */
    public TableMapEventView get(long tableId) {
        TableMapEventView v = views[slot(tableId)];
        return v;
    }

    /**
     * Keeps {@code value} with the table map registered for {@code tableId} (what a reader works
     * out once per table map, such as the text it prints for the table), until the id is mapped
     * to another table map (not the same one sent again) or the registry is cleared: a reader
     * needs no table-id map of its own.
     *
     * @throws IllegalStateException when no table map is registered for {@code tableId}
     */
    public void attach(long tableId, Object value) {
        int slot = slot(tableId);
        if (views[slot] == null) {
            throw new IllegalStateException("no table map registered for table id " + tableId);
        }
        attachments[slot] = value;
    }

    /** What {@link #attach} keeps with the table map of {@code tableId}, or {@code null}. */
    public Object attachment(long tableId) {
        return attachments[slot(tableId)];
    }

    /**
     * The table map of a rows event's table.
     *
     * @throws BinlogFormatException naming the rows event when no table map was seen for its table id
     */
    public TableMapEventView require(RowsEventView rows) {
        TableMapEventView v = get(rows.tableId());
        if (v == null) {
            throw rows.error("table id", "a Table_map event for table id " + rows.tableId() + " before this event",
                    "none seen");
        }
        return v;
    }

    public int size() {
        return size;
    }

    public void clear() {
        Arrays.fill(views, null);
        Arrays.fill(attachments, null);
        size = 0;
    }

    private int slot(long id) {
        int mask = keys.length - 1;
        int i = Long.hashCode(id * 0x9E3779B97F4A7C15L) & mask;
        while (views[i] != null && keys[i] != id) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void rehash() {
        long[] oldKeys = keys;
        TableMapEventView[] oldViews = views;
        Object[] oldAttachments = attachments;
        keys = new long[oldKeys.length * 2];
        views = new TableMapEventView[oldViews.length * 2];
        attachments = new Object[oldAttachments.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldViews[i] != null) {
                int s = slot(oldKeys[i]);
                keys[s] = oldKeys[i];
                views[s] = oldViews[i];
                attachments[s] = oldAttachments[i];
            }
        }
    }
}
