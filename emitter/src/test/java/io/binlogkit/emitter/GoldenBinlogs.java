package io.binlogkit.emitter;

import io.binlogkit.parser.BinlogFile;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The MariaDB binlogs the golden tests compare on: the public fixture written by MariaDB
 * ({@code ../shared/fixtures/rust_mysql_common/mariadb-bin.000001}), the project's
 * {@code testdata/binlogs} (when generated), and binlogs made here by a throwaway MariaDB running
 * {@code golden-workload.sql} (when {@code mariadbd} is installed). The generated files are kept in
 * {@code target/golden-binlogs} and reused while the workload is unchanged.
 */
final class GoldenBinlogs {
    private static List<Path> generated;

    private GoldenBinlogs() {
    }

    static Path repo() {
        String p = System.getProperty("binlogkit.repo");
        if (p != null) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.exists(d.resolve("mvnw"))) {
            d = d.getParent();
        }
        return d == null ? Path.of("").toAbsolutePath() : d;
    }

    /** Every MariaDB-written binlog available to compare on (possibly none). */
    static List<Path> all() throws Exception {
        List<Path> out = new ArrayList<>();
        Path fixture = repo().resolve("../shared/fixtures/rust_mysql_common/mariadb-bin.000001").normalize();
        if (Files.isRegularFile(fixture)) {
            out.add(fixture);
        }
        Path testdata = repo().resolve("testdata/binlogs");
        if (Files.isDirectory(testdata)) {
            try (Stream<Path> s = Files.walk(testdata)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    if (isMariaDbBinlog(p)) {
                        out.add(p);
                    }
                }
            }
        }
        out.addAll(generated());
        return out;
    }

    static boolean isMariaDbBinlog(Path p) {
        try {
            if (!io.binlogkit.parser.BinlogIndex.hasMagic(p)) {
                return false;
            }
            try (BinlogFile f = BinlogFile.open(p)) {
                return f.formatDescription().isMariaDb();
            }
        } catch (Exception e) {
            return false;
        }
    }

    /** The binlogs of the golden workload, made now or earlier in this build directory; empty without MariaDB. */
    static synchronized List<Path> generated() throws Exception {
        if (generated != null) {
            return generated;
        }
        generated = List.of();
        if (!ThrowawayMariadb.available()) {
            System.err.println("GoldenBinlogs: mariadbd / mariadb-install-db / mariadb not found; "
                    + "no binlogs generated (the golden tests use the fixtures only)");
            return generated;
        }
        byte[] workload;
        try (InputStream in = GoldenBinlogs.class.getResourceAsStream("golden-workload.sql")) {
            workload = in.readAllBytes();
        }
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(workload));
        Path cache = repo().resolve("emitter/target/golden-binlogs");
        Path marker = cache.resolve("workload.sha256");
        if (Files.exists(marker) && Files.readString(marker).equals(digest) && Files.exists(cache.resolve("checksums.txt"))) {
            generated = listBinlogs(cache);
            return generated;
        }
        deleteTree(cache);
        Files.createDirectories(cache);
        try (ThrowawayMariadb db = ThrowawayMariadb.start("golden")) {
            Path load = db.dir.resolve("load.txt");
            Files.writeString(load, "a\t1\nb\t2\nc\\\\x\t3\n");
            db.sql(new String(workload, StandardCharsets.UTF_8).replace("@LOADFILE@", load.toString())
                    .getBytes(StandardCharsets.UTF_8));
            // The last file is still open: copied now, it is an in-use binlog.
            for (Path p : listBinlogs(db.dataDir())) {
                Files.copy(p, cache.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(cache.resolve("checksums.txt"), checksums(db));
            Files.writeString(marker, digest);
        }
        generated = listBinlogs(cache);
        return generated;
    }

    /** The databases the workload makes. */
    static final String DATABASES = "'db1','db2','we`ird'";

    /** {@code CHECKSUM TABLE} of every base table of the workload's databases, one line each. */
    static String checksums(ThrowawayMariadb db) throws Exception {
        String tables = db.query("SELECT CONCAT('`', REPLACE(table_schema, '`', '``'), '`.`', table_name, '`') "
                + "FROM information_schema.tables WHERE table_schema IN (" + DATABASES + ") "
                + "AND table_type = 'BASE TABLE' ORDER BY table_schema, table_name");
        StringBuilder out = new StringBuilder();
        for (String t : tables.strip().split("\n")) {
            if (!t.isBlank()) {
                out.append(db.query("CHECKSUM TABLE " + t));
            }
        }
        return out.toString();
    }

    private static List<Path> listBinlogs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("mariadb-bin\\.\\d{6}")).sorted().toList();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Skips the calling test when there is nothing to compare on. */
    static List<Path> require() throws Exception {
        List<Path> all = all();
        Assumptions.assumeFalse(all.isEmpty(), "no MariaDB binlogs: neither ../shared/fixtures nor testdata/binlogs "
                + "nor a local mariadbd to make some");
        return all;
    }
}
