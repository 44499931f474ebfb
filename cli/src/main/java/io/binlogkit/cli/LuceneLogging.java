package io.binlogkit.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Lucene's start-up advice off standard error: without {@code --add-modules
 * jdk.incubator.vector} (which prints its own warning) Lucene logs through java.util.logging that
 * the Vector API is not readable, on every run. Commands print only their own errors.
 */
final class LuceneLogging {
    /** Held so that the level set here is not lost when the logger is garbage-collected. */
    private static final Logger VECTORIZATION =
            Logger.getLogger("org.apache.lucene.internal.vectorization.VectorizationProvider");

    private LuceneLogging() {
    }

    static void quiet() {
        VECTORIZATION.setLevel(Level.SEVERE);
    }
}
