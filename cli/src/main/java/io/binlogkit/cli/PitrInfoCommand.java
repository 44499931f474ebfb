package io.binlogkit.cli;

import io.binlogkit.pitr.BackupManifest;
import io.binlogkit.pitr.Planner;
import io.binlogkit.pitr.RestorePlan;
import io.binlogkit.pitr.RestoreTarget;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code pitr info --backup DIR... --binlogs DIR}: every backup and the window it can restore to. */
final class PitrInfoCommand extends PitrCommands.Base {
    /** One backup and how far it can be restored with the archive. */
    record BackupWindow(String backup, String method, String taken, String position, String gtid,
                        String restorableUntil, long latestRestorableTime, long transactionsAfterBackup,
                        List<RestorePlan.Problem> problems) {
    }

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "list backups with their positions and the window of time each can restore to";
    }

    @Override
    String usage() {
        return "pitr info --backup DIR [--backup DIR...] --binlogs DIR [--format text|json]";
    }

    @Override
    String description() {
        return "For every backup: its method, position, GTID and time, and the latest point it can be restored to "
                + "with the archived binlogs (the end of the last complete transaction reachable without a gap, "
                + "a damaged event or a missing file), with the problems that limit it.";
    }

    @Override
    String formatDescription() {
        return "text (default) or json";
    }

    @Override
    void options(Options o) {
        o.addOption(Option.builder().longOpt("backup").hasArgs().argName("DIR").desc("a backup directory (repeatable)").get());
        o.addOption(Option.builder().longOpt("binlogs").hasArg().argName("DIR").desc("the binlog archive").get());
    }

    @Override
    int execute(CommandLine cl, Terminal t) throws Exception {
        boolean json = json(cl);
        String[] backups = cl.getOptionValues("backup");
        if (backups == null) {
            throw CliException.usage("--backup DIR is required (repeatable)");
        }
        Path binlogs = requiredPath(cl, "binlogs");
        List<BackupWindow> out = new ArrayList<>();
        boolean allOk = true;
        for (String b : backups) {
            BackupManifest m = BackupManifest.read(Path.of(b));
            RestorePlan p = Planner.plan(Path.of(b), binlogs, RestoreTarget.latest());
            allOk &= p.ok();
            out.add(new BackupWindow(b, m.method(), m.finished(), m.position().toString(), m.gtid(),
                    p.restorableUntil().toString(), p.restorableTime(), p.transactions(), p.problems()));
        }
        if (json) {
            t.out().println(PitrPlanCommand.json(out));
        } else {
            for (BackupWindow w : out) {
                t.out().println(w.backup() + "  (" + w.method() + ", taken " + w.taken() + ")");
                t.out().println("  position " + w.position() + ", GTID " + w.gtid());
                t.out().println("  restorable until " + w.restorableUntil() + ", latest restorable time "
                        + PitrPlanCommand.time(w.latestRestorableTime()) + " (" + w.transactionsAfterBackup()
                        + " transactions after the backup)");
                w.problems().forEach(pr -> t.out().println("  " + pr.severity() + ": " + pr.message()));
            }
        }
        return allOk ? ExitCode.OK : ExitCode.BAD_DATA;
    }
}
