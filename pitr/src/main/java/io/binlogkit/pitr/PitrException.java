package io.binlogkit.pitr;

/**
 * A point-in-time-recovery operation that cannot go on: a bad argument, a damaged or missing binlog,
 * a server that refuses, a safety check that says no. The message is one complete line for a person
 * (what and where: file and byte offset, server, position); it never contains a password.
 */
public class PitrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Kind kind;

    /** What went wrong, so that a command can choose its exit code. */
    public enum Kind {
        /** Damaged binlog data, or a plan whose binlogs cannot take the restore where it was asked to go. */
        BAD_DATA,
        /** A wrong argument: an unknown server, a target that is not a position, a backup dir that is none. */
        USAGE,
        /** A file cannot be read or written, or is missing. */
        IO,
        /** A server cannot be reached, refused a statement, failed to start or to apply a transaction. */
        SERVER,
        /** Valid, but not something this version does. */
        UNSUPPORTED,
        /** A safety check refused: a non-empty target without --force, the backup's own source as target. */
        REFUSED
    }

    public PitrException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PitrException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static PitrException usage(String message) {
        return new PitrException(Kind.USAGE, message);
    }

    static PitrException io(String message, Throwable cause) {
        return new PitrException(Kind.IO, message + (cause != null && cause.getMessage() != null
                ? ": " + cause.getMessage() : ""), cause);
    }

    static PitrException server(String message, Throwable cause) {
        return new PitrException(Kind.SERVER, message, cause);
    }

    static PitrException server(String message) {
        return new PitrException(Kind.SERVER, message);
    }

    static PitrException refused(String message) {
        return new PitrException(Kind.REFUSED, message);
    }

    static PitrException badData(String message) {
        return new PitrException(Kind.BAD_DATA, message);
    }
}
