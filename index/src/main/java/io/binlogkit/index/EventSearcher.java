package io.binlogkit.index;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Searches an index made by {@link EventIndexer}. A query is classic Lucene query syntax over the
 * statement text by default ({@code insert into t1}, all words required), with field syntax for the
 * other fields ({@code table:t1 AND operation:delete}, {@code gtid:0-1-5}, {@code pos:[1000 TO 2000]}).
 * Hits come in binlog order: by timestamp, then file name, then position.
 */
public final class EventSearcher implements AutoCloseable {
    private static final Sort ORDER = new Sort(new SortField(IndexFields.TIMESTAMP, SortField.Type.LONG),
            new SortField(IndexFields.FILE, SortField.Type.STRING), new SortField(IndexFields.POS, SortField.Type.LONG));

    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    /** One matching event. {@code xid} is -1 when unknown; absent strings are empty. */
    public record Hit(String file, long pos, long endPos, long timestamp, long serverId, String eventType,
                      String gtid, long xid, String database, String table, String operation, String text) {
    }

    private EventSearcher(DirectoryReader reader) {
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
    }

    /**
     * Opens the index in {@code indexDir}.
     *
     * @throws NoSuchFileException when the directory does not exist or holds no index
     */
    public static EventSearcher open(Path indexDir) throws IOException {
        if (!Files.isDirectory(indexDir)) {
            throw new NoSuchFileException(indexDir.toString(), null, "no index directory");
        }
        FSDirectory dir = FSDirectory.open(indexDir);
        if (!DirectoryReader.indexExists(dir)) {
            dir.close();
            throw new NoSuchFileException(indexDir.toString(), null, "no index in this directory");
        }
        return new EventSearcher(DirectoryReader.open(dir));
    }

    /** Parses a user query (see the class comment). */
    public static Query parse(String query) {
        try {
            return new EventQueryParser(IndexFields.analyzer()).parse(query);
        } catch (ParseException e) {
            String m = e.getMessage() == null ? "syntax error" : e.getMessage();
            throw new InvalidQueryException(m.lines().map(String::strip).reduce((a, b) -> a + " " + b).orElse(m), e);
        }
    }

    /** The first {@code limit} events matching {@code query}, in binlog order. */
    public List<Hit> search(String query, int limit) throws IOException {
        Query q = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_EVENT)), BooleanClause.Occur.FILTER)
                .add(parse(query), BooleanClause.Occur.MUST)
                .build();
        List<Hit> hits = new ArrayList<>();
        if (limit <= 0) {
            return hits;
        }
        StoredFields stored = searcher.storedFields();
        for (ScoreDoc d : searcher.search(q, limit, ORDER).scoreDocs) {
            Document doc = stored.document(d.doc);
            hits.add(new Hit(doc.get(IndexFields.FILE), number(doc, IndexFields.POS), number(doc, IndexFields.END_POS),
                    number(doc, IndexFields.TIMESTAMP), number(doc, IndexFields.SERVER_ID),
                    string(doc, IndexFields.EVENT_TYPE), string(doc, IndexFields.GTID), number(doc, IndexFields.XID),
                    joined(doc, IndexFields.DATABASE), joined(doc, IndexFields.TABLE),
                    string(doc, IndexFields.OPERATION), string(doc, IndexFields.TEXT)));
        }
        return hits;
    }

    /** Number of event documents in the index. */
    public long events() throws IOException {
        return searcher.count(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_EVENT)));
    }

    private static long number(Document doc, String field) {
        IndexableField f = doc.getField(field);
        return f == null ? -1 : f.numericValue().longValue();
    }

    private static String string(Document doc, String field) {
        String v = doc.get(field);
        return v == null ? "" : v;
    }

    /** A multi-valued field (the tables of a multi-table statement) as comma-separated values. */
    private static String joined(Document doc, String field) {
        return String.join(",", doc.getValues(field));
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
