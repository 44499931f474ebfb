package io.binlogkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.binlogkit.pitr.Planner;
import io.binlogkit.pitr.RestorePlan;
import io.binlogkit.pitr.RestoreTarget;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** {@code pitr plan --backup DIR --binlogs DIR TARGET}: what a restore would do, touching nothing. */
final class PitrPlanCommand extends PitrCommands.Base {
    static final String TARGETS = "TARGET is one of: --until TIME (every transaction committed before that second;"
            + " 'YYYY-MM-DD HH:MM:SS' in the local zone or --timezone, or with an offset like +01:00 or Z; binlog"
            + " times have whole seconds, so a transaction committed at 14:05:00.7 is not applied by --until"
            + " '... 14:05:00'), --until-position FILE:POS (every transaction that starts before the event at"
            + " POS), --until-gtid D-S-N (inclusive), --before QUERY (just before the first transaction after the"
            + " backup with an event matching QUERY, in 'binlog search' syntax, e.g. \"drop table t1\"),"
            + " --skip FILE:POS or --skip-gtid D-S-N (everything except that one transaction), or none:"
            + " everything archived.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    @Override
    public String name() {
        return "plan";
    }

    @Override
    public String summary() {
        return "show what a restore would replay and where it stops, touching nothing";
    }

    @Override
    String usage() {
        return "pitr plan --backup DIR --binlogs DIR [TARGET] [--format text|json]";
    }

    @Override
    String description() {
        return "Reads the backup's manifest and the archived binlogs and prints, without touching any server, "
                + "which files and byte ranges a restore would replay, the events, transactions and rows per table, "
                + "the time span, the exact stop point (the last transaction applied and the first left out) and "
                + "every problem: a missing file, a GTID gap, binlogs of another server, a backup position that "
                + "does not match, a damaged event, a target outside the archive. Exit code 1 when the plan has an "
                + "error. " + TARGETS;
    }

    @Override
    String formatDescription() {
        return "text (default) or json";
    }

    @Override
    void options(Options o) {
        targetOptions(o);
    }

    static void targetOptions(Options o) {
        o.addOption(Option.builder().longOpt("backup").hasArg().argName("DIR").desc("a backup made by 'pitr backup'").get());
        o.addOption(Option.builder().longOpt("binlogs").hasArg().argName("DIR")
                .desc("the binlog archive ('pitr archive'), or any directory holding the source's binlogs").get());
        o.addOption(Option.builder().longOpt("until").hasArg().argName("TIME").desc("stop before the first transaction"
                + " committed at or after TIME").get());
        o.addOption(Option.builder().longOpt("timezone").hasArg().argName("ZONE")
                .desc("the zone of --until without an offset (default: the local zone, TZ)").get());
        o.addOption(Option.builder().longOpt("until-position").hasArg().argName("FILE:POS").desc("stop before the"
                + " transaction at or containing POS").get());
        o.addOption(Option.builder().longOpt("until-gtid").hasArg().argName("D-S-N").desc("stop after that GTID").get());
        o.addOption(Option.builder().longOpt("before").hasArg().argName("QUERY").desc("stop just before the first"
                + " transaction after the backup matching QUERY").get());
        o.addOption(Option.builder().longOpt("skip").hasArg().argName("FILE:POS").desc("leave out the transaction at"
                + " or containing POS, replay the rest").get());
        o.addOption(Option.builder().longOpt("skip-gtid").hasArg().argName("D-S-N").desc("leave out that transaction,"
                + " replay the rest").get());
    }

    static RestoreTarget target(CommandLine cl) {
        int n = 0;
        for (String t : new String[]{"until", "until-position", "until-gtid", "before", "skip", "skip-gtid"}) {
            n += cl.hasOption(t) ? 1 : 0;
        }
        if (n > 1) {
            throw CliException.usage("give at most one of --until, --until-position, --until-gtid, --before, --skip,"
                    + " --skip-gtid");
        }
        ZoneId zone;
        try {
            zone = cl.hasOption("timezone") ? ZoneId.of(cl.getOptionValue("timezone")) : ZoneId.systemDefault();
        } catch (java.time.DateTimeException e) {
            throw CliException.usage("--timezone: unknown zone '" + cl.getOptionValue("timezone") + "'");
        }
        if (cl.hasOption("until")) {
            return RestoreTarget.untilTime(cl.getOptionValue("until"), zone);
        } else if (cl.hasOption("until-position")) {
            return RestoreTarget.untilPosition(cl.getOptionValue("until-position"));
        } else if (cl.hasOption("until-gtid")) {
            return RestoreTarget.untilGtid(cl.getOptionValue("until-gtid"));
        } else if (cl.hasOption("before")) {
            return RestoreTarget.beforeQuery(cl.getOptionValue("before"));
        } else if (cl.hasOption("skip")) {
            return RestoreTarget.skipPosition(cl.getOptionValue("skip"));
        } else if (cl.hasOption("skip-gtid")) {
            return RestoreTarget.skipGtid(cl.getOptionValue("skip-gtid"));
        }
        return RestoreTarget.latest();
    }

    static RestorePlan plan(CommandLine cl) {
        if (!cl.getArgList().isEmpty()) {
            throw CliException.usage("unexpected argument '" + cl.getArgList().getFirst() + "'");
        }
        RestoreTarget target = target(cl);
        return Planner.plan(requiredPath(cl, "backup"), requiredPath(cl, "binlogs"), target);
    }

    @Override
    int execute(CommandLine cl, Terminal t) throws Exception {
        boolean json = json(cl);
        RestorePlan plan = plan(cl);
        if (json) {
            t.out().println(json(plan));
        } else {
            print(plan, t.out());
        }
        return plan.ok() ? ExitCode.OK : ExitCode.BAD_DATA;
    }

    static String json(Object value) throws Exception {
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    }

    static String time(long epochSeconds) {
        return epochSeconds == 0 ? "-" : TIME.withZone(ZoneId.systemDefault()).format(Instant.ofEpochSecond(epochSeconds))
                + " (" + Instant.ofEpochSecond(epochSeconds) + ")";
    }

    static String txn(RestorePlan.Transaction x) {
        return x == null ? "-" : x.file() + ":" + x.start() + "-" + x.end() + "  GTID " + (x.gtid().isEmpty() ? "-"
                : x.gtid()) + "  " + time(x.time()) + "  " + x.statement();
    }

    static void print(RestorePlan p, PrintStream out) {
        out.println("Target:        " + p.target());
        out.println("Backup:        " + p.backupDir() + " (" + p.method() + ") at " + p.backupPosition() + ", GTID "
                + (p.backupGtid().isEmpty() ? "-" : p.backupGtid()));
        out.println("Binlogs:       " + p.binlogDir());
        out.println("Replay:        " + (p.segments().isEmpty() ? "nothing" : String.join(", ", p.segments().stream()
                .map(s -> s.from() + " .. " + s.to()).toList())));
        for (RestorePlan.FileRange f : p.files()) {
            out.println("  " + f.file() + "  bytes " + f.from() + "-" + f.to());
        }
        out.println("Transactions:  " + p.transactions() + " (" + p.events() + " events)");
        out.println("Time span:     " + time(p.firstTime()) + "  ..  " + time(p.lastTime()));
        out.println("Last applied:  " + txn(p.lastApplied()));
        out.println("First left out:" + (p.firstLeftOut() == null ? " - (the end of the archive)" : " " + txn(p.firstLeftOut())));
        if (p.skipped() != null) {
            out.println("Skipped:       " + txn(p.skipped()));
        }
        if (p.matched() != null) {
            out.println("Matched event: " + p.matched().file() + ":" + p.matched().pos() + "  " + time(p.matched().time())
                    + "  " + p.matched().text());
        }
        out.println("GTID after:    " + (p.expectedGtidPos().isEmpty() ? "-" : p.expectedGtidPos()));
        out.println("Restorable to: " + p.restorableUntil() + " (" + time(p.restorableTime()) + ")");
        if (!p.rows().isEmpty()) {
            out.println("Rows per table (inserted / updated / deleted):");
            p.rows().forEach((k, v) -> out.println("  " + k + "  " + v.inserted() + " / " + v.updated() + " / "
                    + v.deleted()));
        }
        if (p.problems().isEmpty()) {
            out.println("Problems:      none");
        } else {
            for (RestorePlan.Problem pr : p.problems()) {
                out.println(pr.severity() + ": " + pr.message());
            }
        }
    }
}
