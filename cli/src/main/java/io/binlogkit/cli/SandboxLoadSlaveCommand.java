package io.binlogkit.cli;

import io.binlogkit.sandbox.Backup;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code sandbox load-slave NAME FILE}: restores a take-backup archive and makes NAME a slave. */
final class SandboxLoadSlaveCommand extends SandboxCommands.Base {
    @Override
    public String name() {
        return "load-slave";
    }

    @Override
    public String summary() {
        return "restore a take-backup archive into a server and make it a slave";
    }

    @Override
    String usage() {
        return "sandbox load-slave [--dir DIR] NAME FILE [--master M]";
    }

    @Override
    String description() {
        return "The tutorial's load-slave: stops server NAME, replaces its datadir with the archive's, starts it "
                + "with --skip-slave-start, clears the copied replication and binlog state (RESET SLAVE ALL; RESET "
                + "MASTER) and points it at the master recorded in " + Backup.POSITION_FILE + " (or --master) at "
                + "the recorded position; then it catches up. NAME must have been added with a slave role.";
    }

    @Override
    void options(Options o) {
        o.addOption(Option.builder().longOpt("master").hasArg().argName("M")
                .desc("replicate from this server instead of the recorded one").get());
    }

    @Override
    int execute(CommandLine cl, Terminal t) {
        List<String> a = args(cl, 2, 2, "NAME FILE");
        Backup.LoadResult r = Backup.loadSlave(sandbox(cl), a.get(0), Path.of(a.get(1)), cl.getOptionValue("master"));
        t.out().printf(Locale.ROOT, "%s restored from %s and replicating from %s at %s (%d ms)%n", a.get(0), a.get(1),
                r.master(), r.position(), r.duration().toMillis());
        return ExitCode.OK;
    }
}
