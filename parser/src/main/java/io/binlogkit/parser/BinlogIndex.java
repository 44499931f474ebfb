package io.binlogkit.parser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server's {@code *.index} files (log-bin-index, relay-log-index): one binlog path per line,
 * relative to the server's data directory (usually {@code ./name.000001}) or absolute. Also lists
 * the binlogs of a directory when there is no index.
 */
public final class BinlogIndex {
    private BinlogIndex() {
    }

    /**
     * The files an index names, resolved against the index's own directory (where the server keeps
     * both unless told otherwise), in index order.
     */
    public static List<Path> read(Path indexFile) throws IOException {
        List<Path> out = new ArrayList<>();
        Path dir = indexFile.toAbsolutePath().getParent();
        for (String line : Files.readAllLines(indexFile, StandardCharsets.UTF_8)) {
            String name = line.strip();
            if (name.isEmpty()) {
                continue;
            }
            Path p = Path.of(name);
            out.add(p.isAbsolute() ? p : dir.resolve(p).normalize());
        }
        return out;
    }

    /**
     * The binlogs of {@code dir}: the files its single {@code *.index} names when there is one,
     * otherwise every regular file that starts with the binlog magic, sorted by name.
     */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> indexes;
        try (Stream<Path> s = Files.list(dir)) {
            indexes = s.filter(p -> p.getFileName().toString().endsWith(".index")).sorted().toList();
        }
        if (indexes.size() == 1) {
            return read(indexes.getFirst());
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isRegularFile(p) && hasMagic(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Whether a file starts with the four bytes of the binlog magic. */
    public static boolean hasMagic(Path p) throws IOException {
        try (var in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(4);
            return b.length == 4 && (b[0] & 0xFF) == 0xfe && b[1] == 'b' && b[2] == 'i' && b[3] == 'n';
        }
    }
}
