package io.binlogkit.cli;

import io.binlogkit.parser.BinlogPosition;
import io.binlogkit.sandbox.Replication;
import io.binlogkit.sandbox.Sandbox;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.util.List;

/** {@code sandbox replicate SLAVE from MASTER}: replication user, CHANGE MASTER TO, START SLAVE. */
final class SandboxReplicateCommand extends SandboxCommands.Base {
    @Override
    public String name() {
        return "replicate";
    }

    @Override
    public String summary() {
        return "make SLAVE replicate from MASTER";
    }

    @Override
    String usage() {
        return "sandbox replicate [--dir DIR] SLAVE from MASTER [--user repl_user] [--position FILE:POS]";
    }

    @Override
    String description() {
        return "Creates the replication user on the master with REPLICATION SLAVE (its password is generated "
                + "and kept in " + Sandbox.CONFIG_FILE + ", never printed), then CHANGE MASTER TO on the slave "
                + "with file and position (from the start of the master's oldest binlog unless --position is "
                + "given; without a position MariaDB 10.11 would switch to GTID mode), START SLAVE, and waits "
                + "until both slave threads run. Both servers must be running.";
    }

    @Override
    void options(Options o) {
        o.addOption(Option.builder().longOpt("user").hasArg().argName("USER")
                .desc("replication user (default " + Replication.DEFAULT_USER + ")").get());
        o.addOption(Option.builder().longOpt("position").hasArg().argName("FILE:POS")
                .desc("master binlog file and position to start at").get());
    }

    @Override
    int execute(CommandLine cl, Terminal t) {
        List<String> a = args(cl, 3, 3, "SLAVE from MASTER");
        if (!a.get(1).equalsIgnoreCase("from")) {
            throw CliException.usage("expects SLAVE from MASTER, not '" + String.join(" ", a) + "'");
        }
        BinlogPosition at = null;
        if (cl.hasOption("position")) {
            String v = cl.getOptionValue("position");
            try {
                at = BinlogPosition.parse(v);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--position takes FILE:POS such as master-bin.000001:4, not '" + v + "'");
            }
        }
        BinlogPosition from = Replication.replicate(sandbox(cl), a.get(0), a.get(2), cl.getOptionValue("user"), at);
        t.out().println(a.get(0) + " replicates from " + a.get(2) + " starting at " + from);
        return ExitCode.OK;
    }
}
