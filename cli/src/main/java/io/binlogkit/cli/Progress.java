package io.binlogkit.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-line progress indicator on standard error for work that takes more than a couple of
 * seconds: shown only when standard error is a terminal (or {@code BINLOGKIT_PROGRESS=always}),
 * never mixed into standard output, erased when the work ends. The worker only stores a number;
 * a daemon thread draws.
 */
final class Progress implements AutoCloseable {
    private static final long DELAY_MS = 2000;
    private static final long PERIOD_MS = 250;
    private static final Progress NONE = new Progress();

    private final PrintStream err;
    private final String label;
    private final long total;
    private final Thread painter;
    private final long started = System.nanoTime();
    private volatile long done;
    private volatile long variableTotal;
    private volatile long items;
    private volatile long itemsTotalCount;
    private volatile boolean closed;
    private boolean drawn;

    private Progress() {
        err = null;
        label = null;
        total = 0;
        painter = null;
    }

    private Progress(PrintStream err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.painter = Thread.ofPlatform().daemon().name("progress").unstarted(this::paint);
        painter.start();
    }

    /** Starts a progress line for {@code total} bytes, or a no-op when no one would see it. */
    static Progress start(Terminal t, String label, long total) {
        return enabled() ? new Progress(t.err(), label, total) : NONE;
    }

    static boolean enabled() {
        String mode = System.getenv("BINLOGKIT_PROGRESS");
        if ("always".equals(mode)) {
            return true;
        }
        if ("never".equals(mode)) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception | Error e) {
            return false;
        }
    }

    /** Records how many bytes are done (cheap: one volatile write). */
    void set(long bytesDone) {
        done = bytesDone;
    }

    /** Records bytes done of a total known only now, and transactions done of a total (for the ETA line). */
    void set(long bytesDone, long bytesTotal, long itemsDone, long itemsTotal) {
        variableTotal = bytesTotal;
        items = itemsDone;
        itemsTotalCount = itemsTotal;
        done = bytesDone;
    }

    private void paint() {
        try {
            Thread.sleep(DELAY_MS);
            while (!closed) {
                draw();
                Thread.sleep(PERIOD_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void draw() {
        if (closed) {
            return;
        }
        long d = done;
        long total = this.total > 0 ? this.total : variableTotal;
        double seconds = (System.nanoTime() - started) / 1e9;
        int pct = total > 0 ? (int) Math.min(100, d * 100 / total) : 0;
        int width = 30;
        int filled = pct * width / 100;
        err.printf("\r%s [%s%s] %3d%% %,d/%,d MB %,.0f MB/s ", label, "#".repeat(filled), " ".repeat(width - filled),
                pct, d >> 20, total >> 20, seconds > 0 ? (d >> 20) / seconds : 0.0);
        if (itemsTotalCount > 0) {
            long eta = d > 0 && total > d ? (long) (seconds * (total - d) / d) : 0;
            err.printf("%,d/%,d transactions, ETA %d:%02d ", items, itemsTotalCount, eta / 60, eta % 60);
        }
        err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        if (painter == null) {
            return;
        }
        synchronized (this) {
            closed = true;
            if (drawn) {
                err.print("\r" + " ".repeat(label.length() + 80) + "\r");
                err.flush();
            }
        }
        painter.interrupt();
    }
}
