package io.binlogkit.cli;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where a command reads and writes: standard streams in {@link Main}, buffers in tests. Output is
 * buffered; {@link Main} flushes it at exit.
 */
public final class Terminal {
    private final OutputStream rawOut;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final boolean interactive;

    public Terminal(OutputStream out, OutputStream err, InputStream in, boolean interactive) {
        this.rawOut = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.out = new PrintStream(rawOut, false, StandardCharsets.UTF_8);
        this.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        this.in = in;
        this.interactive = interactive;
    }

    public static Terminal system() {
        return new Terminal(new java.io.FileOutputStream(java.io.FileDescriptor.out), System.err, System.in,
                System.console() != null);
    }

    /** Text output (UTF-8). */
    public PrintStream out() {
        return out;
    }

    /** Byte output, for commands that write exact bytes; shares the buffer with {@link #out()}. */
    public OutputStream rawOut() {
        out.flush();
        return rawOut;
    }

    public PrintStream err() {
        return err;
    }

    public InputStream in() {
        return in;
    }

    /** Whether a person is watching (progress bars, prompts). */
    public boolean interactive() {
        return interactive;
    }

    public void flush() {
        out.flush();
        err.flush();
    }
}
