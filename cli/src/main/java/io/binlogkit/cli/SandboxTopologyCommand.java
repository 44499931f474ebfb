package io.binlogkit.cli;

import io.binlogkit.sandbox.Role;
import io.binlogkit.sandbox.ServerInstance;
import io.binlogkit.sandbox.Topology;
import org.apache.commons.cli.CommandLine;

import java.util.List;

/** {@code sandbox topology master-slaves N | dual-master}: the tutorial's setups, added and started. */
final class SandboxTopologyCommand extends SandboxCommands.Base {
    @Override
    public String name() {
        return "topology";
    }

    @Override
    public String summary() {
        return "build the tutorial's setups: master-slaves N, dual-master";
    }

    @Override
    String usage() {
        return "sandbox topology [--dir DIR] master-slaves N | dual-master";
    }

    @Override
    String description() {
        return "master-slaves N: adds and starts 'master' and 'slave1'..'slaveN' and makes each slave replicate "
                + "from the master. dual-master: adds and starts 'master1' and 'master2', both roles "
                + "master,slave (log-slave-updates) with auto_increment_increment=2 and offsets 1 and 2, each "
                + "replicating from the other. The names must not exist yet.";
    }

    @Override
    int execute(CommandLine cl, Terminal t) {
        List<String> a = args(cl, 1, 2, "master-slaves N or dual-master");
        List<ServerInstance> made = switch (a.getFirst()) {
            case "master-slaves" -> {
                if (a.size() != 2) {
                    throw CliException.usage("master-slaves expects the number of slaves");
                }
                int n;
                try {
                    n = Integer.parseInt(a.get(1));
                } catch (NumberFormatException e) {
                    throw CliException.usage("master-slaves takes a number of slaves, not '" + a.get(1) + "'");
                }
                yield Topology.masterSlaves(sandbox(cl), n);
            }
            case "dual-master" -> {
                if (a.size() != 1) {
                    throw CliException.usage("dual-master takes no further argument");
                }
                yield Topology.dualMaster(sandbox(cl));
            }
            default -> throw CliException.usage("unknown topology '" + a.getFirst()
                    + "': master-slaves N or dual-master");
        };
        for (ServerInstance s : made) {
            t.out().println(s.name() + ": roles " + Role.format(s.spec().roles()) + ", port " + s.spec().port()
                    + ", running");
        }
        return ExitCode.OK;
    }
}
