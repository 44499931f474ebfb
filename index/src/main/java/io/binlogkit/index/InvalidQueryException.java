package io.binlogkit.index;

/** A search query that does not parse; the message is one line. */
public final class InvalidQueryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
