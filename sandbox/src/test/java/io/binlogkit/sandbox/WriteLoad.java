package io.binlogkit.sandbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Continuous writes on a master for the backup tests: inserts into {@code load.t}, with an update of
 * an earlier row every tenth statement, each in its own transaction. Bounded in rows and time; it
 * stops by itself, and {@link #close()} stops it early.
 */
final class WriteLoad implements AutoCloseable {
    static final String SCHEMA = "CREATE DATABASE IF NOT EXISTS load_db";
    static final String TABLE = "CREATE TABLE IF NOT EXISTS load_db.t (id INT AUTO_INCREMENT PRIMARY KEY,"
            + " v VARCHAR(64) NOT NULL, n INT NOT NULL) ENGINE=InnoDB";
    private static final long MAX_ROWS = 200_000;
    private static final Duration MAX_TIME = Duration.ofSeconds(90);

    private final ServerInstance master;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong statements = new AtomicLong();
    private final Thread thread;
    private volatile Throwable failure;

    WriteLoad(ServerInstance master, long seed) {
        this.master = master;
        master.execute(SCHEMA, TABLE);
        thread = Thread.ofPlatform().name("write-load-" + master.name()).daemon().start(() -> run(seed));
    }

    private void run(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long deadline = System.nanoTime() + MAX_TIME.toNanos();
        try (Connection c = master.connect();
             PreparedStatement ins = c.prepareStatement("INSERT INTO load_db.t (v, n) VALUES (?, ?)");
             PreparedStatement upd = c.prepareStatement("UPDATE load_db.t SET n = n + ? WHERE id = ?")) {
            long i = 0;
            while (!stop.get() && i < MAX_ROWS && System.nanoTime() < deadline) {
                i++;
                if (i % 10 == 0) {
                    upd.setInt(1, rnd.nextInt(1000));
                    upd.setLong(2, 1 + rnd.nextLong(i - i / 10));
                    upd.executeUpdate();
                } else {
                    ins.setString(1, "row " + i + " " + Long.toHexString(rnd.nextLong()));
                    ins.setInt(2, rnd.nextInt());
                    ins.executeUpdate();
                }
                statements.incrementAndGet();
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
    }

    long statements() {
        return statements.get();
    }

    /** Waits until at least {@code n} more statements have been written. */
    void waitFor(long n) {
        long target = statements.get() + n;
        while (statements.get() < target && thread.isAlive()) {
            ServerInstance.sleep(5);
        }
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new AssertionError("the write load failed", failure);
        }
    }
}
