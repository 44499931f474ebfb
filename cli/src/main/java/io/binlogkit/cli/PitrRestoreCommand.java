package io.binlogkit.cli;

import io.binlogkit.pitr.RestorePlan;
import io.binlogkit.pitr.Restorer;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.io.PrintStream;

/** {@code pitr restore --backup DIR --binlogs DIR CONN TARGET}: restore, replay to the target, verify. */
final class PitrRestoreCommand extends PitrCommands.Base {
    @Override
    public String name() {
        return "restore";
    }

    @Override
    public String summary() {
        return "restore a backup into a server and replay the binlogs up to a point in time";
    }

    @Override
    boolean takesServer() {
        return true;
    }

    @Override
    String usage() {
        return "pitr restore --backup DIR --binlogs DIR (--sandbox NAME [--dir D] | --defaults-file F) [TARGET]"
                + " [--dry-run] [--force] [--resume]";
    }

    @Override
    String description() {
        return "Plans as 'pitr plan' does and refuses a plan with errors; then restores the backup into the target "
                + "server (a physical backup by stopping the target, replacing its datadir and starting it; a logical "
                + "one by loading it), replays the archived binlogs from the backup's exact position up to TARGET "
                + "through the target's own replication SQL thread (one session for the whole range, GTIDs kept, "
                + "gtid_strict_mode fine), stops exactly at the target and verifies that the target applied exactly "
                + "the plan's GTIDs; prints rows and CHECKSUM TABLE of every table the replay touched. The target "
                + "must be local (pitr stops and starts it), must not be the backup's source, must have another "
                + "server_id than the binlogs' writer, and must have no user databases unless --force. "
                + "Interrupted in any way (pitr or the server killed), --resume goes on from what the target "
                + "really applied (its gtid_slave_pos), so no transaction is applied twice or skipped. "
                + PitrPlanCommand.TARGETS;
    }

    @Override
    String formatDescription() {
        return "text (default) or json: the result (plan, GTID position, tables, times) as one object";
    }

    @Override
    void options(Options o) {
        PitrPlanCommand.targetOptions(o);
        o.addOption(Option.builder().longOpt("dry-run").desc("print the plan and the checks, change nothing").get());
        o.addOption(Option.builder().longOpt("force").desc("replace a target that has user databases").get());
        o.addOption(Option.builder().longOpt("resume").desc("go on with an interrupted restore of this backup").get());
    }

    @Override
    int execute(CommandLine cl, Terminal t) throws Exception {
        boolean json = json(cl);
        var target = endpoint(cl);
        RestorePlan plan = PitrPlanCommand.plan(cl);
        PrintStream out = t.out();
        // With --format json, standard output carries only the JSON; the narrative goes to stderr.
        PrintStream say = json ? t.err() : out;
        say.println("pitr restore: " + plan.target());
        say.flush();
        if (!plan.ok()) {
            if (json) {
                out.println(PitrPlanCommand.json(plan));
            } else {
                PitrPlanCommand.print(plan, out);
            }
            throw new CliException(ExitCode.BAD_DATA, "the plan has errors, nothing was changed: " + plan.firstError());
        }
        Restorer.Options options = new Restorer.Options(cl.hasOption("force"), cl.hasOption("resume"),
                cl.hasOption("dry-run"));
        try (Progress progress = Progress.start(t, "replay", 0)) {
            Restorer r = new Restorer(plan, target, new Restorer.Listener() {
                @Override
                public void step(String what) {
                    t.err().println("pitr restore: " + what);
                    t.err().flush();
                }

                @Override
                public void replay(long bytesDone, long bytesTotal, long transactionsDone, long transactionsTotal) {
                    progress.set(bytesDone, bytesTotal, transactionsDone, transactionsTotal);
                }
            });
            if (options.dryRun()) {
                r.check(options);
                if (json) {
                    out.println(PitrPlanCommand.json(plan));
                } else {
                    PitrPlanCommand.print(plan, out);
                }
                say.println("Dry run: the checks passed; nothing was changed.");
                return ExitCode.OK;
            }
            Restorer.Result res = r.run(options);
            if (json) {
                out.println(PitrPlanCommand.json(res));
                return ExitCode.OK;
            }
            out.println("restored " + target.describe() + ": " + plan.transactions() + " transactions replayed in "
                    + res.replayMillis() + " ms (" + res.totalMillis() + " ms in all)" + (res.resumed() ? ", resumed" : ""));
            out.println("stopped " + (plan.firstLeftOut() == null ? "at the end of the archive"
                    : "before " + PitrPlanCommand.txn(plan.firstLeftOut())));
            out.println("verified: gtid_slave_pos " + (res.gtidSlavePos().isEmpty() ? "-" : res.gtidSlavePos())
                    + " equals the plan's");
            res.tables().forEach((k, v) -> out.println("  " + k + ": " + (v.exists() ? v.rows() + " rows, CHECKSUM "
                    + v.checksum() : "absent")));
        }
        return ExitCode.OK;
    }
}
