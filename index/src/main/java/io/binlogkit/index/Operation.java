package io.binlogkit.index;

import java.util.Locale;

/** The {@code operation} field: from the rows event type, or guessed from a statement's first keyword. */
public final class Operation {
    static final String INSERT = "insert";
    static final String UPDATE = "update";
    static final String DELETE = "delete";
    static final String DDL = "ddl";
    static final String QUERY = "query";

    private Operation() {
    }

    /**
     * The first keyword of {@code sql} after white space and comments ({@code /* ... *&#47;},
     * {@code -- ...}, {@code # ...}), upper-cased; empty when there is none.
     */
    public static String firstKeyword(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '#' || (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-')) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }

    /** The operation a statement performs, judged by its first keyword. */
    static String ofStatement(String sql) {
        return switch (firstKeyword(sql)) {
            case "INSERT", "REPLACE" -> INSERT;
            case "UPDATE" -> UPDATE;
            case "DELETE" -> DELETE;
            case "CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE" -> DDL;
            default -> QUERY;
        };
    }
}
