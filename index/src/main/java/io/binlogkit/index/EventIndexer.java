package io.binlogkit.index;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventCursor;
import io.binlogkit.parser.EventType;
import io.binlogkit.parser.GtidEventView;
import io.binlogkit.parser.QueryEventView;
import io.binlogkit.parser.RowsEventView;
import io.binlogkit.parser.TableMapEventView;
import io.binlogkit.parser.TableMapRegistry;
import io.binlogkit.parser.TransactionBoundary;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Adds binlog events to a Lucene index: one document per event that carries a statement (Query,
 * Annotate_rows, Rows_query) or row changes (one per rows event), with position, time, server id,
 * the GTID and xid of the enclosing transaction, database, table, operation and statement text.
 *
 * <p>Documents of a transaction are added when the transaction ends (Xid, COMMIT, a DDL), so that
 * every one carries the transaction's xid. Per file, a marker document records the file size and
 * the offset to resume from: indexing the same file again at the same size adds nothing; when the
 * file grew (the server is still writing it), indexing resumes at the start of the first
 * transaction that was not complete. A file that shrank (replaced) is indexed again from the start.
 * Transaction_payload events (MySQL 8 compression) are not descended into yet.
 */
public final class EventIndexer implements AutoCloseable {
    private static final String MARKER_ID = "marker_of";

    private final IndexWriter writer;
    private final Map<String, Marker> markers = new HashMap<>();

    /** What indexing one file did. */
    public record FileResult(Path path, boolean skipped, long documents, long bytesRead) {
    }

    private record Marker(long size, long resume) {
    }

    private EventIndexer(IndexWriter writer) throws IOException {
        this.writer = writer;
        loadMarkers();
    }

    /** Opens (creating if needed) the index in {@code indexDir}. */
    public static EventIndexer open(Path indexDir) throws IOException {
        Files.createDirectories(indexDir);
        IndexWriterConfig config = new IndexWriterConfig(IndexFields.analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(128);
        return new EventIndexer(new IndexWriter(FSDirectory.open(indexDir), config));
    }

    private void loadMarkers() throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            int n = Math.max(1, reader.maxDoc());
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc d : searcher.search(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_FILE)), n)
                    .scoreDocs) {
                Document doc = stored.document(d.doc);
                markers.put(doc.get(IndexFields.FILE), new Marker(
                        doc.getField(IndexFields.MARKER_SIZE).numericValue().longValue(),
                        doc.getField(IndexFields.MARKER_RESUME).numericValue().longValue()));
            }
        }
    }

    /** Indexes the events of {@code binlog} not indexed yet; see the class comment. */
    public FileResult index(Path binlog) throws IOException {
        return index(binlog, done -> { });
    }

    /**
     * As {@link #index(Path)}, telling {@code progress} every few thousand events how far into the
     * file (in bytes) the walk is.
     */
    public FileResult index(Path binlog, LongConsumer progress) throws IOException {
        String name = binlog.getFileName().toString();
        long size = Files.size(binlog);
        Marker marker = markers.get(name);
        if (marker != null && marker.size() == size) {
            return new FileResult(binlog, true, 0, 0);
        }
        long resume = -1;
        if (marker != null && marker.size() < size) {
            resume = marker.resume();
        } else if (marker != null) {
            writer.deleteDocuments(new Term(IndexFields.FILE, name));
        }
        try (BinlogFile file = BinlogFile.open(binlog)) {
            EventCursor c = resume < 0 ? file.cursor() : file.cursor(resume);
            FileWalk walk = new FileWalk(name, writer);
            long from = resume < 0 ? 0 : resume;
            long next = walk.run(c, !file.inUse(), progress);
            Document m = new Document();
            m.add(new StringField(IndexFields.KIND, IndexFields.KIND_FILE, Field.Store.NO));
            m.add(new StringField(IndexFields.FILE, name, Field.Store.YES));
            m.add(new StringField(MARKER_ID, name, Field.Store.NO));
            m.add(new StoredField(IndexFields.MARKER_SIZE, size));
            m.add(new StoredField(IndexFields.MARKER_RESUME, next));
            writer.updateDocument(new Term(MARKER_ID, name), m);
            markers.put(name, new Marker(size, next));
            return new FileResult(binlog, false, walk.documents, next - from);
        }
    }

    /** Makes what was added durable and visible to new searchers. */
    public void commit() throws IOException {
        writer.commit();
    }

    /** Commits and closes the index. */
    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** The walk over one file: transaction state and the documents of the open transaction. */
    private static final class FileWalk {
        private final String file;
        private final IndexWriter writer;
        private final TableMapRegistry tables = new TableMapRegistry();
        private final List<Document> pending = new ArrayList<>();
        private long documents;
        /** Where transactions start and end (GTID, BEGIN, Xid, COMMIT, a standalone statement). */
        private final TransactionBoundary transactions = new TransactionBoundary();
        private String gtid;
        /** The Annotate_rows / Rows_query document whose row events are being read, or null. */
        private Document annotation;
        private final List<String> annotationTables = new ArrayList<>();

        FileWalk(String file, IndexWriter writer) {
            this.file = file;
            this.writer = writer;
        }

        /**
         * Walks to the end of the file; returns the offset the next run resumes from: the end of the
         * last whole event, or the start of a transaction that is still open when the file may grow.
         */
        long run(EventCursor c, boolean complete, LongConsumer progress) throws IOException {
            for (long n = 1; c.next(); n++) {
                event(c);
                if ((n & 4095) == 0) {
                    progress.accept(c.nextEventOffset());
                }
            }
            long end = c.endedAtPartialEvent() ? c.partialEventOffset() : c.nextEventOffset();
            if (transactions.inTransaction() && !complete) {
                return transactions.start(); // not added: the rest of this transaction is still to come
            }
            endTransaction(-1);
            return end;
        }

        private void event(EventCursor c) throws IOException {
            EventType type = c.type();
            TransactionBoundary.Step step = transactions.next(c);
            if (step.starts()) {
                endTransaction(-1); // a transaction left unfinished before this one is added as it is
            }
            switch (type) {
                case MARIADB_GTID -> gtid = c.mariaGtid().gtid();
                case GTID, GTID_TAGGED, ANONYMOUS_GTID -> {
                    GtidEventView g = c.gtid();
                    gtid = g.isAnonymous() ? null : g.gtid();
                }
                case QUERY, QUERY_COMPRESSED -> query(c);
                case ANNOTATE_ROWS, ROWS_QUERY -> {
                    String text = c.rowsQuery().text();
                    Document d = document(c, Operation.ofStatement(text), null);
                    d.add(new TextField(IndexFields.TEXT, text, Field.Store.YES));
                    annotation = d;
                    annotationTables.clear();
                    add(d);
                }
                case TABLE_MAP -> {
                    TableMapEventView t = tables.put(c.tableMap());
                    if (annotation != null) {
                        String qualified = t.database() + "." + t.table();
                        if (!annotationTables.contains(qualified)) {
                            annotationTables.add(qualified);
                            annotation.add(new StringField(IndexFields.DATABASE, t.database(), Field.Store.YES));
                            annotation.add(new StringField(IndexFields.TABLE, t.table(), Field.Store.YES));
                        }
                    }
                }
                default -> {
                    if (type.isRows()) {
                        rows(c);
                    }
                }
            }
            if (step.ends()) {
                endTransaction(type == EventType.XID ? c.xid().xid() : -1);
            }
        }

        private void query(EventCursor c) throws IOException {
            if (transactions.statement().isMarker()) {
                return; // BEGIN, XA START, COMMIT, ROLLBACK: no document of their own
            }
            QueryEventView q = c.query();
            String sql = q.sql();
            Document d = document(c, Operation.ofStatement(sql), q.database());
            d.add(new TextField(IndexFields.TEXT, sql, Field.Store.YES));
            add(d);
        }

        private void rows(EventCursor c) throws IOException {
            RowsEventView r = c.rows();
            TableMapEventView t = tables.get(r.tableId());
            String op = r.isWrite() ? Operation.INSERT : r.isUpdate() ? Operation.UPDATE : Operation.DELETE;
            Document d = document(c, op, t == null ? null : t.database());
            if (t != null) {
                d.add(new StringField(IndexFields.TABLE, t.table(), Field.Store.YES));
            }
            add(d);
            if (r.isStatementEnd()) {
                annotation = null;
            }
        }

        private Document document(EventCursor c, String operation, String database) {
            Document d = new Document();
            d.add(new StringField(IndexFields.KIND, IndexFields.KIND_EVENT, Field.Store.NO));
            d.add(new StringField(IndexFields.FILE, file, Field.Store.YES));
            d.add(new SortedDocValuesField(IndexFields.FILE, new BytesRef(file)));
            long pos = c.position();
            d.add(new LongPoint(IndexFields.POS, pos));
            d.add(new StoredField(IndexFields.POS, pos));
            d.add(new NumericDocValuesField(IndexFields.POS, pos));
            long end = pos + c.length();
            d.add(new LongPoint(IndexFields.END_POS, end));
            d.add(new StoredField(IndexFields.END_POS, end));
            long ts = c.timestamp();
            d.add(new LongPoint(IndexFields.TIMESTAMP, ts));
            d.add(new StoredField(IndexFields.TIMESTAMP, ts));
            d.add(new NumericDocValuesField(IndexFields.TIMESTAMP, ts));
            d.add(new LongPoint(IndexFields.SERVER_ID, c.serverId()));
            d.add(new StoredField(IndexFields.SERVER_ID, c.serverId()));
            d.add(new StringField(IndexFields.EVENT_TYPE, c.type().displayName(), Field.Store.YES));
            if (gtid != null) {
                d.add(new StringField(IndexFields.GTID, gtid, Field.Store.YES));
            }
            if (database != null && !database.isEmpty()) {
                d.add(new StringField(IndexFields.DATABASE, database, Field.Store.YES));
            }
            d.add(new StringField(IndexFields.OPERATION, operation, Field.Store.YES));
            return d;
        }

        /** Every document-bearing event is inside a transaction (a statement outside one is a transaction of its own). */
        private void add(Document d) {
            pending.add(d);
        }

        /** Adds the open transaction's documents, with its xid when {@code xid >= 0}, and forgets it. */
        private void endTransaction(long xid) throws IOException {
            if (!pending.isEmpty()) {
                if (xid >= 0) {
                    for (Document d : pending) {
                        d.add(new LongPoint(IndexFields.XID, xid));
                        d.add(new StoredField(IndexFields.XID, xid));
                    }
                }
                writer.addDocuments(pending);
                documents += pending.size();
                pending.clear();
            }
            gtid = null;
            annotation = null;
        }
    }
}
