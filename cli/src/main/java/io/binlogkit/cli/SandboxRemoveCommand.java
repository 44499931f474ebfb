package io.binlogkit.cli;

import io.binlogkit.sandbox.Sandbox;
import org.apache.commons.cli.CommandLine;

/** {@code sandbox remove NAME...}: stops servers and deletes their files. */
final class SandboxRemoveCommand extends SandboxCommands.Base {
    @Override
    public String name() {
        return "remove";
    }

    @Override
    public String summary() {
        return "stop servers and delete their datadirs and files";
    }

    @Override
    String usage() {
        return "sandbox remove [--dir DIR] NAME...";
    }

    @Override
    String description() {
        return "Stops each named server, deletes its datadir, defaults file, logs and socket, and removes it "
                + "from the sandbox config.";
    }

    @Override
    int execute(CommandLine cl, Terminal t) {
        Sandbox s = sandbox(cl);
        for (String n : args(cl, 1, Integer.MAX_VALUE, "the names of the servers to remove")) {
            s.remove(n);
            t.out().println("removed " + n);
        }
        return ExitCode.OK;
    }
}
