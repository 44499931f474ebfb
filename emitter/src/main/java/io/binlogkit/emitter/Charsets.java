package io.binlogkit.emitter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Collation ids as the server numbers them, with their character set and collation names. The
 * table ({@code collations.tsv}) was read from a live MariaDB's
 * {@code information_schema.COLLATION_CHARACTER_SET_APPLICABILITY}; MySQL's ids up to 255 agree.
 */
public final class Charsets {
    private static final int MAX_ID = 4096;
    private static final String[] CHARSET = new String[MAX_ID];
    private static final String[] COLLATION = new String[MAX_ID];

    static {
        try (InputStream in = Charsets.class.getResourceAsStream("collations.tsv")) {
            if (in == null) {
                throw new IllegalStateException("collations.tsv missing from the emitter jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                int id = Integer.parseInt(f[0]);
                if (id >= 0 && id < MAX_ID) {
                    CHARSET[id] = f[1];
                    COLLATION[id] = f[2];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Charsets() {
    }

    /** Character set name of a collation id, or {@code null} when unknown. */
    public static String name(int collationId) {
        return collationId >= 0 && collationId < MAX_ID ? CHARSET[collationId] : null;
    }

    /** Collation name of a collation id, or {@code null} when unknown. */
    public static String collation(int collationId) {
        return collationId >= 0 && collationId < MAX_ID ? COLLATION[collationId] : null;
    }
}
