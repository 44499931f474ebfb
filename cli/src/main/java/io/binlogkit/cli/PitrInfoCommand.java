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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code pitr info --backup DIR... --binlogs DIR}: every backup and the window it can restore to. */
final class PitrInfoCommand extends PitrCommands.Base {
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
    void options(Options o) {
        o.addOption(Option.builder().longOpt("backup").hasArgs().argName("DIR").desc("a backup directory (repeatable)").get());
        o.addOption(Option.builder().longOpt("binlogs").hasArg().argName("DIR").desc("the binlog archive").get());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("FMT").desc("text (default) or json").get());
    }

    @Override
    int execute(CommandLine cl, Terminal t) throws Exception {
        boolean json = PitrPlanCommand.json(cl);
        String[] backups = cl.getOptionValues("backup");
        if (backups == null) {
            throw CliException.usage("--backup DIR is required (repeatable)");
        }
        Path binlogs = requiredPath(cl, "binlogs");
        List<Map<String, Object>> out = new ArrayList<>();
        boolean allOk = true;
        for (String b : backups) {
            BackupManifest m = BackupManifest.read(Path.of(b));
            RestorePlan p = Planner.plan(Path.of(b), binlogs, RestoreTarget.latest());
            allOk &= p.ok();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("backup", b);
            row.put("method", m.method());
            row.put("taken", m.finished());
            row.put("position", m.position().toString());
            row.put("gtid", m.gtid());
            row.put("restorable_until", p.restorableUntil().toString());
            row.put("latest_restorable_time", p.restorableTime());
            row.put("transactions_after_backup", p.transactions());
            row.put("problems", p.problems());
            out.add(row);
        }
        if (json) {
            t.out().println(PitrPlanCommand.json(out));
        } else {
            for (Map<String, Object> row : out) {
                t.out().println(row.get("backup") + "  (" + row.get("method") + ", taken " + row.get("taken") + ")");
                t.out().println("  position " + row.get("position") + ", GTID " + row.get("gtid"));
                t.out().println("  restorable until " + row.get("restorable_until") + ", latest restorable time "
                        + PitrPlanCommand.time((Long) row.get("latest_restorable_time")) + " ("
                        + row.get("transactions_after_backup") + " transactions after the backup)");
                @SuppressWarnings("unchecked")
                List<RestorePlan.Problem> problems = (List<RestorePlan.Problem>) row.get("problems");
                problems.forEach(pr -> t.out().println("  " + pr.severity() + ": " + pr.message()));
            }
        }
        return allOk ? ExitCode.OK : ExitCode.BAD_DATA;
    }
}
