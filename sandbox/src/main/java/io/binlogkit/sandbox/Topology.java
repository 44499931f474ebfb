package io.binlogkit.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tutorial's setups in one call: a master with slaves, and two masters replicating from each other. */
public final class Topology {
    private Topology() {
    }

    /**
     * A master {@code master} and slaves {@code slave1}…{@code slaveN}, all started and replicating.
     *
     * @return the servers, master first
     */
    public static List<ServerInstance> masterSlaves(Sandbox sandbox, int slaves) {
        if (slaves < 1 || slaves > 20) {
            throw SandboxException.config("the number of slaves must be between 1 and 20, not " + slaves);
        }
        List<ServerInstance> out = new ArrayList<>();
        out.add(addAndStart(sandbox, "master", Set.of(Role.MASTER), Map.of()));
        for (int i = 1; i <= slaves; i++) {
            out.add(addAndStart(sandbox, "slave" + i, Set.of(Role.SLAVE), Map.of()));
        }
        for (int i = 1; i <= slaves; i++) {
            Replication.replicate(sandbox, "slave" + i, "master", null, null);
        }
        return out;
    }

    /**
     * Two masters {@code master1} and {@code master2}, each a slave of the other, with
     * {@code log-slave-updates} (so a slave of either sees the writes of both) and
     * {@code auto_increment_increment=2} with offsets 1 and 2 (so their generated keys never collide).
     */
    public static List<ServerInstance> dualMaster(Sandbox sandbox) {
        Set<Role> both = Set.of(Role.MASTER, Role.SLAVE);
        List<ServerInstance> out = List.of(
                addAndStart(sandbox, "master1", both, Map.of("auto_increment_increment", "2",
                        "auto_increment_offset", "1")),
                addAndStart(sandbox, "master2", both, Map.of("auto_increment_increment", "2",
                        "auto_increment_offset", "2")));
        Replication.replicate(sandbox, "master2", "master1", null, null);
        Replication.replicate(sandbox, "master1", "master2", null, null);
        return out;
    }

    private static ServerInstance addAndStart(Sandbox sandbox, String name, Set<Role> roles, Map<String, String> opts) {
        if (sandbox.find(name).isPresent()) {
            throw SandboxException.config("server '" + name + "' already exists in " + sandbox.dir()
                    + ": build topologies in an empty sandbox, or remove it first");
        }
        ServerInstance s = sandbox.add(name, roles, 0, opts);
        s.start();
        return s;
    }
}
