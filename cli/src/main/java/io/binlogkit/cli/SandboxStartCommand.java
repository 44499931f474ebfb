package io.binlogkit.cli;

import io.binlogkit.sandbox.ServerInstance;
import org.apache.commons.cli.CommandLine;

import java.time.Duration;

/** {@code sandbox start [NAME...]}: starts servers and waits until they answer. */
final class SandboxStartCommand extends SandboxCommands.Base {
    @Override
    public String name() {
        return "start";
    }

    @Override
    public String summary() {
        return "start servers (all when none is named)";
    }

    @Override
    String usage() {
        return "sandbox start [--dir DIR] [NAME...]";
    }

    @Override
    String description() {
        return "Starts the named servers (all servers of the sandbox when none is named) and waits until each "
                + "answers on its socket. A running server is left alone. Servers keep running after this "
                + "command ends; 'sandbox stop' stops them.";
    }

    @Override
    int execute(CommandLine cl, Terminal t) {
        for (ServerInstance s : servers(sandbox(cl), cl.getArgList())) {
            Duration d = s.start();
            t.out().println(d.isZero() ? s.name() + " is already running (pid " + s.pid().orElse(-1) + ")"
                    : "started " + s.name() + " (pid " + s.pid().orElse(-1) + ", port " + s.spec().port() + ") in "
                    + d.toMillis() + " ms");
            t.out().flush();
        }
        return ExitCode.OK;
    }
}
