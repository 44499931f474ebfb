package io.binlogkit.cli;

import io.binlogkit.parser.BinlogPosition;
import io.binlogkit.sandbox.Role;
import io.binlogkit.sandbox.Sandbox;
import io.binlogkit.sandbox.SandboxException;
import io.binlogkit.sandbox.ServerInstance;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code sandbox list [--format F]}: the servers, whether they run, their binlog position. */
final class SandboxListCommand extends SandboxCommands.Base {
    private static final String[] COLUMNS = {"Name", "Roles", "Port", "Server_id", "Running", "Binlog_position",
            "Master"};
    private static final boolean[] NUMERIC = {false, false, true, true, false, false, false};

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String summary() {
        return "the servers: name, roles, port, running, binlog position";
    }

    @Override
    String usage() {
        return "sandbox list [--dir DIR] [--format table|tsv|json]";
    }

    @Override
    String description() {
        return "Lists the sandbox's servers: name, roles, port, server id, whether it runs (with its pid), "
                + "the end of its binlog (SHOW MASTER STATUS) and the master it replicates from.";
    }

    @Override
    void options(Options o) {
        o.addOption(Option.builder().longOpt("format").hasArg().argName("FMT")
                .desc("table (default), tsv or json (one object per line)").get());
    }

    @Override
    int execute(CommandLine cl, Terminal t) {
        args(cl, 0, 0, "no arguments");
        OutputFormat f = CommandLineSupport.enumValue(cl, "format", OutputFormat.class, OutputFormat.TABLE);
        Sandbox sb = sandbox(cl);
        try (RowWriter w = RowWriter.create(f, COLUMNS, NUMERIC, t.out())) {
            for (ServerInstance s : sb.servers()) {
                var pid = s.pid();
                String pos = null;
                if (pid.isPresent()) {
                    try {
                        pos = s.masterStatus().map(BinlogPosition::toString).orElse(null);
                    } catch (SandboxException e) {
                        pos = "(" + e.getMessage() + ")";
                    }
                }
                w.row(s.name(), Role.format(s.spec().roles()), Integer.toString(s.spec().port()),
                        Long.toString(s.spec().serverId()), pid.isPresent() ? "yes (pid " + pid.getAsLong() + ")"
                                : "no", pos, sb.masterOf(s.name()).orElse(null));
            }
        }
        return ExitCode.OK;
    }
}
