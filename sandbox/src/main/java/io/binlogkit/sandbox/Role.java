package io.binlogkit.sandbox;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What a sandbox server does in a topology; a server may be both (a relay or a dual master). */
public enum Role {
    MASTER, SLAVE;

    /** Parses the tutorial's {@code roles=master,slave} value. */
    public static Set<Role> parse(String roles) {
        EnumSet<Role> out = EnumSet.noneOf(Role.class);
        for (String r : roles.split(",")) {
            String s = r.strip().toLowerCase(Locale.ROOT);
            switch (s) {
                case "master", "source", "primary" -> out.add(MASTER);
                case "slave", "replica" -> out.add(SLAVE);
                case "" -> { }
                default -> throw SandboxException.config("unknown role '" + r.strip() + "': roles are master, slave"
                        + " or master,slave");
            }
        }
        if (out.isEmpty()) {
            throw SandboxException.config("roles must name master, slave or both");
        }
        return out;
    }

    /** The tutorial's spelling: {@code master}, {@code slave} or {@code master,slave}. */
    public static String format(Set<Role> roles) {
        return roles.stream().sorted().map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
    }
}
