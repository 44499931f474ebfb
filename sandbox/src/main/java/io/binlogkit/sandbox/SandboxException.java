package io.binlogkit.sandbox;

/**
 * A sandbox operation that failed: a server binary is missing, a server did not start, a statement
 * was refused, replication did not come up. The message is one complete line for a person (it names
 * the server, the file or the package to install); it never contains a password.
 */
public class SandboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Kind kind;

    /** What went wrong, so that a command can choose its exit code. */
    public enum Kind {
        /** A server binary or tool is not installed. */
        MISSING_BINARY,
        /** The sandbox directory or a server name is not what the request needs (a usage problem). */
        CONFIG,
        /** A server failed to start or stop, refused a statement, or replication failed. */
        SERVER,
        /** Reading or writing files of the sandbox failed. */
        IO
    }

    public SandboxException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SandboxException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static SandboxException config(String message) {
        return new SandboxException(Kind.CONFIG, message);
    }

    static SandboxException server(String message) {
        return new SandboxException(Kind.SERVER, message);
    }

    static SandboxException server(String message, Throwable cause) {
        return new SandboxException(Kind.SERVER, message, cause);
    }
}
