package io.binlogkit.sandbox;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the sandbox config says about one server: its name (also the prefix of its files), roles,
 * TCP port, server id and any extra {@code [mysqld]} options (for example the
 * {@code auto_increment_*} pair of a dual master).
 */
public record ServerSpec(String name, Set<Role> roles, int port, long serverId, Map<String, String> options) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");
    private static final Pattern OPTION = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    public ServerSpec {
        checkName(name);
        roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
        if (port < 1 || port > 65535) {
            throw SandboxException.config("port " + port + " is not a TCP port");
        }
        if (serverId < 1 || serverId > 0xFFFF_FFFFL) {
            throw SandboxException.config("server id " + serverId + " is out of range");
        }
        for (var e : options.entrySet()) {
            if (!OPTION.matcher(e.getKey()).matches() || e.getValue().contains("\n")) {
                throw SandboxException.config("bad server option '" + e.getKey() + "'");
            }
        }
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /** Server names become file names and SQL identifiers: letters, digits and '_' only. */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw SandboxException.config("server name '" + name + "' must start with a letter and hold only "
                    + "letters, digits and '_' (at most 32)");
        }
    }

    public boolean isMaster() {
        return roles.contains(Role.MASTER);
    }

    public boolean isSlave() {
        return roles.contains(Role.SLAVE);
    }

    public String binlogBase() {
        return name + "-bin";
    }

    public String relayLogBase() {
        return name + "-relay-bin";
    }
}
