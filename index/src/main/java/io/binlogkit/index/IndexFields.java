package io.binlogkit.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

import java.util.Set;

/**
 * The field names of the index and the analyzer that goes with them, shared by {@link EventIndexer}
 * and {@link EventSearcher} so that a query is analysed exactly as the documents were.
 */
final class IndexFields {
    /** {@code event} for an event document, {@code file} for the per-file progress marker. */
    static final String KIND = "kind";
    static final String KIND_EVENT = "event";
    static final String KIND_FILE = "file";

    static final String FILE = "file";
    static final String POS = "pos";
    static final String END_POS = "end_pos";
    static final String TIMESTAMP = "timestamp";
    static final String SERVER_ID = "server_id";
    static final String EVENT_TYPE = "event_type";
    static final String GTID = "gtid";
    static final String XID = "xid";
    static final String DATABASE = "database";
    static final String TABLE = "table";
    static final String OPERATION = "operation";
    static final String TEXT = "text";

    /** Marker document: the file's size and the offset indexing resumes from. */
    static final String MARKER_SIZE = "marker_size";
    static final String MARKER_RESUME = "marker_resume";

    /** Numeric fields: indexed as {@code LongPoint}s, so the query parser makes point queries for them. */
    static final Set<String> NUMERIC = Set.of(POS, END_POS, TIMESTAMP, SERVER_ID, XID);

    /** Exact-value fields: one token, case kept ({@code table:t1}, {@code gtid:0-1-5}). */
    static final Set<String> KEYWORD = Set.of(FILE, EVENT_TYPE, GTID, DATABASE, TABLE, OPERATION, KIND);

    private IndexFields() {
    }

    /**
     * {@link StandardAnalyzer} without stop words, for {@link #TEXT} (so that "insert into t1" keeps
     * "into"). The exact-value fields are {@code StringField}s, never analysed; the query parser makes
     * term queries for them itself ({@link EventQueryParser}).
     */
    static Analyzer analyzer() {
        return new StandardAnalyzer(CharArraySet.EMPTY_SET);
    }
}
