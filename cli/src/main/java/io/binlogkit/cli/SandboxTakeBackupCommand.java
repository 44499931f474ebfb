package io.binlogkit.cli;

import io.binlogkit.sandbox.Backup;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code sandbox take-backup SLAVE --to FILE}: a slave's datadir at an exact master position. */
final class SandboxTakeBackupCommand extends SandboxCommands.Base {
    @Override
    public String name() {
        return "take-backup";
    }

    @Override
    public String summary() {
        return "back up a slave's datadir with the exact master position";
    }

    @Override
    String usage() {
        return "sandbox take-backup [--dir DIR] SLAVE [--master M] --to FILE [--method tar|mariabackup]";
    }

    @Override
    String description() {
        return "The tutorial's safe backup through a slave: STOP SLAVE; FLUSH TABLES WITH READ LOCK on the "
                + "master, SHOW MASTER STATUS, UNLOCK TABLES; START SLAVE UNTIL that position and wait until the "
                + "SQL thread stopped exactly there; archive the slave's datadir (tar.gz, or mariabackup --backup "
                + "and --prepare with --method mariabackup) with " + Backup.POSITION_FILE + " recording the "
                + "master's file and position; START SLAVE. The master keeps taking writes all along (it is "
                + "locked only while its position is read). The archive leaves out the slave's own binlogs, "
                + "relay logs and master.info. --master defaults to the one the slave was pointed at.";
    }

    @Override
    void options(Options o) {
        o.addOption(Option.builder().longOpt("master").hasArg().argName("M").desc("the slave's master").get());
        o.addOption(Option.builder().longOpt("to").hasArg().argName("FILE").desc("the archive to write (.tar.gz)")
                .get());
        o.addOption(Option.builder().longOpt("method").hasArg().argName("METHOD")
                .desc("tar (default) or mariabackup").get());
    }

    @Override
    int execute(CommandLine cl, Terminal t) {
        List<String> a = args(cl, 1, 1, "the name of the slave to back up");
        if (!cl.hasOption("to")) {
            throw CliException.usage("--to FILE is required");
        }
        Backup.Method m = CommandLineSupport.enumValue(cl, "method", Backup.Method.class, Backup.Method.TAR);
        Backup.Result r = Backup.takeBackup(sandbox(cl), a.getFirst(), cl.getOptionValue("master"),
                Path.of(cl.getOptionValue("to")), m);
        t.out().printf(Locale.ROOT, "backup of %s written to %s (%d bytes) at master position %s in %d ms "
                        + "(replication paused %d ms for the copy)%n", a.getFirst(), r.archive(), r.archiveBytes(),
                r.position(), r.total().toMillis(), r.copy().toMillis());
        return ExitCode.OK;
    }
}
