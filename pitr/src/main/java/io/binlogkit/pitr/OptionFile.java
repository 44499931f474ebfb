package io.binlogkit.pitr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A MariaDB/MySQL option file ({@code my.cnf} syntax) read the way the client and server read it:
 * {@code [group]} headers, {@code key=value} or bare {@code key} lines, {@code #} and {@code ;}
 * comments, quoted values, dashes and underscores alike in keys, later lines overriding earlier ones.
 * {@code !include} and {@code !includedir} are not followed: a value they would supply is reported
 * missing. Values (passwords among them) stay in this object; nothing here prints them.
 */
public final class OptionFile {
    /** Groups the client programs read, in the order they read them. */
    public static final List<String> CLIENT_GROUPS = List.of("client", "client-server", "client-mariadb");
    /** Groups the server reads. */
    public static final List<String> SERVER_GROUPS = List.of("mysqld", "server", "mariadb", "mariadbd",
            "client-server");

    private final Path path;
    private final Map<String, Map<String, String>> groups;

    private OptionFile(Path path, Map<String, Map<String, String>> groups) {
        this.path = path;
        this.groups = groups;
    }

    public static OptionFile read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw PitrException.io("cannot read the option file " + path, e);
        }
        return parse(path, text);
    }

    static OptionFile parse(Path path, String text) {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.startsWith("!")) {
                continue;
            }
            if (line.startsWith("[")) {
                int end = line.indexOf(']');
                String name = (end < 0 ? line.substring(1) : line.substring(1, end)).strip().toLowerCase(Locale.ROOT);
                current = groups.computeIfAbsent(name, k -> new LinkedHashMap<>());
                continue;
            }
            if (current == null) {
                continue; // options before any group apply to none
            }
            int eq = line.indexOf('=');
            String key = (eq < 0 ? line : line.substring(0, eq)).strip().toLowerCase(Locale.ROOT).replace('_', '-');
            String value = eq < 0 ? "" : unquote(line.substring(eq + 1).strip());
            current.put(key, value);
        }
        return new OptionFile(path, groups);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        int hash = v.indexOf(" #");
        return hash < 0 ? v : v.substring(0, hash).strip();
    }

    public Path path() {
        return path;
    }

    /** The value of {@code key} in the last of {@code groupsInOrder} that sets it. */
    public Optional<String> get(List<String> groupsInOrder, String key) {
        String k = key.toLowerCase(Locale.ROOT).replace('_', '-');
        String found = null;
        for (String g : groupsInOrder) {
            Map<String, String> m = groups.get(g);
            if (m != null && m.containsKey(k)) {
                found = m.get(k);
            }
        }
        return Optional.ofNullable(found);
    }

    public Optional<String> client(String key) {
        return get(CLIENT_GROUPS, key);
    }

    public Optional<String> server(String key) {
        return get(SERVER_GROUPS, key);
    }
}
