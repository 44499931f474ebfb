package io.binlogkit.cli;

import io.binlogkit.sandbox.ServerInstance;
import org.apache.commons.cli.CommandLine;

/** {@code sandbox stop [NAME...]}: stops servers by the pid in their pid file. */
final class SandboxStopCommand extends SandboxCommands.Base {
    @Override
    public String name() {
        return "stop";
    }

    @Override
    public String summary() {
        return "stop servers (all when none is named)";
    }

    @Override
    String usage() {
        return "sandbox stop [--dir DIR] [NAME...]";
    }

    @Override
    String description() {
        return "Stops the named servers (all when none is named) with SIGTERM to the pid in their pid file, "
                + "after checking that the pid belongs to this server, and waits for them to exit.";
    }

    @Override
    int execute(CommandLine cl, Terminal t) {
        for (ServerInstance s : servers(sandbox(cl), cl.getArgList())) {
            t.out().println(s.stop() ? "stopped " + s.name() : s.name() + " was not running");
        }
        return ExitCode.OK;
    }
}
