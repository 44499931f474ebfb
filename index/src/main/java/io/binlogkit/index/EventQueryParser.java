package io.binlogkit.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.index.Term;

/**
 * The classic query parser over {@code text}, with AND as the default operator (so that
 * "insert into t1" means all three words) and point queries for the numeric fields
 * ({@code pos:1997}, {@code timestamp:[1700000000 TO *]}), which are indexed as {@code LongPoint}s, and
 * exact term queries for the keyword fields ({@code table:t1}, {@code gtid:"0-1-5"}), which are not analysed.
 */
final class EventQueryParser extends QueryParser {
    EventQueryParser(Analyzer analyzer) {
        super(IndexFields.TEXT, analyzer);
        setDefaultOperator(Operator.AND);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
        if (IndexFields.NUMERIC.contains(field)) {
            return LongPoint.newExactQuery(field, number(field, queryText));
        }
        if (IndexFields.KEYWORD.contains(field)) {
            return new TermQuery(new Term(field, queryText));
        }
        return super.getFieldQuery(field, queryText, quoted);
    }

    @Override
    protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                  boolean endInclusive) throws ParseException {
        if (!IndexFields.NUMERIC.contains(field)) {
            return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
        }
        long lo = part1 == null || part1.equals("*") ? Long.MIN_VALUE : number(field, part1);
        long hi = part2 == null || part2.equals("*") ? Long.MAX_VALUE : number(field, part2);
        if (!startInclusive && lo != Long.MAX_VALUE) {
            lo++;
        }
        if (!endInclusive && hi != Long.MIN_VALUE) {
            hi--;
        }
        return LongPoint.newRangeQuery(field, lo, hi);
    }

    private static long number(String field, String text) throws ParseException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ParseException("field '" + field + "' takes a whole number, not '" + text + "'");
        }
    }
}
