package io.binlogkit.parser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The lines of a replication info file ({@code master.info}, {@code relay-log.info}) and the typed
 * reads the two share. Since MySQL 5.1 / 5.6 the first line is the number of lines that follow
 * (counting itself); older files start directly with a binlog name, which always holds a '.', so the
 * two cannot be confused ({@code Relay_log_info::init} in sql/rpl_rli.cc says the same).
 */
final class InfoFileLines {
    final Path file;
    final List<String> lines;
    /** The declared number of lines, or -1 for the old format without one. */
    final int declared;
    /** Whether {@link #declared} counts the count line itself (master.info) or not (relay-log.info). */
    final boolean countIncludesItself;
    /** Index in {@link #lines} of the first field (after the count line, if any). */
    final int first;

    private InfoFileLines(Path file, List<String> lines, boolean countIncludesItself) {
        this.file = file;
        this.countIncludesItself = countIncludesItself;
        this.lines = lines;
        String head = lines.isEmpty() ? "" : lines.getFirst().strip();
        if (!head.isEmpty() && head.chars().allMatch(Character::isDigit)) {
            try {
                this.declared = Integer.parseInt(head);
            } catch (NumberFormatException e) {
                throw new BinlogFormatException(file, -1, "line count (line 1)", "a line count", head);
            }
            this.first = 1;
        } else {
            this.declared = -1;
            this.first = 0;
        }
    }

    static InfoFileLines read(Path file, boolean countIncludesItself) throws IOException {
        return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file, countIncludesItself);
    }

    /**
     * Splits on '\n' only: the server writes with {@code my_b_printf}, and a value (a path, a
     * cipher list) never holds a newline. A final newline does not make an empty last line.
     */
    static InfoFileLines parse(String text, Path file, boolean countIncludesItself) {
        String[] parts = text.split("\n", -1);
        List<String> l = Arrays.asList(parts);
        if (!l.isEmpty() && l.getLast().isEmpty()) {
            l = l.subList(0, l.size() - 1);
        }
        return new InfoFileLines(file, l, countIncludesItself);
    }

    /** The number of field lines the file declares (or holds, for the old format). */
    int fieldCount() {
        if (declared < 0) {
            return lines.size();
        }
        return Math.max(0, Math.min(countIncludesItself ? declared - 1 : declared, lines.size() - 1));
    }

    /** Whether field {@code i} (0-based, after the count line) is there. */
    boolean has(int i) {
        return i < fieldCount();
    }

    /** Field {@code i}, or {@code null} when the file is too old to have it. */
    String text(int i) {
        return has(i) ? lines.get(first + i) : null;
    }

    long number(int i, String name, long dflt) {
        String s = text(i);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new BinlogFormatException(file, -1, name + " (line " + (first + i + 1) + ")", "a number", s);
        }
    }

    double decimal(int i, String name, double dflt) {
        String s = text(i);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new BinlogFormatException(file, -1, name + " (line " + (first + i + 1) + ")", "a number", s);
        }
    }

    /** Parses the server's id lists: a count followed by that many numbers, space separated. */
    List<Long> idList(String s, String name, int lineNo) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        String[] parts = s.strip().split("\\s+");
        try {
            int n = Integer.parseInt(parts[0]);
            if (n != parts.length - 1) {
                throw new BinlogFormatException(file, -1, name + " (line " + lineNo + ")",
                        n + " ids after the count", (parts.length - 1) + " in '" + s + "'");
            }
            return Arrays.stream(parts, 1, parts.length).map(Long::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new BinlogFormatException(file, -1, name + " (line " + lineNo + ")", "a list of numbers", s);
        }
    }
}
