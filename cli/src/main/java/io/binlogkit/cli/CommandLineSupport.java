package io.binlogkit.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

import java.io.PrintWriter;

/** Parsing and help text shared by the commands (Apache Commons CLI). */
final class CommandLineSupport {
    private CommandLineSupport() {
    }

    /** The option that prints {@link Version#line}, on every command and on the programs themselves. */
    static final String VERSION = "--version";
    private static final String VERSION_OPT = "version";

    static Option help() {
        return Option.builder("h").longOpt("help").desc("print this help and exit").get();
    }

    /**
     * Parses {@code args}; returns {@code null} after printing help when {@code --help} was given, or
     * the version line when {@code --version} was (for the program that {@code usage} starts with).
     * Options are not abbreviated: an unknown or shortened option is an error, as the user may have
     * meant something else.
     */
    static CommandLine parse(Options options, String[] args, String usage, String description, Terminal t)
            throws ParseException {
        return parse(options, args, usage, description, ExitCode.HELP, t);
    }

    /** As {@link #parse(Options, String[], String, String, Terminal)}, with the given exit-code table. */
    static CommandLine parse(Options options, String[] args, String usage, String description, String exitCodes,
                             Terminal t) throws ParseException {
        if (!options.hasOption("help")) {
            options.addOption(help());
        }
        if (!options.hasOption(VERSION_OPT)) {
            options.addOption(Option.builder().longOpt(VERSION_OPT).desc("print the version and exit").get());
        }
        CommandLine cl = DefaultParser.builder().setAllowPartialMatching(false).get().parse(options, args, false);
        if (cl.hasOption("help")) {
            PrintWriter w = new PrintWriter(t.out(), true);
            HelpFormatter f = HelpFormatter.builder().get();
            f.printHelp(w, 100, usage, description + "\n\nOptions:", options, 2, 2,
                    "\n" + exitCodes, false);
            w.flush();
            return null;
        }
        if (cl.hasOption(VERSION_OPT)) {
            t.out().println(Version.line(usage.split(" ", 2)[0]));
            t.out().flush();
            return null;
        }
        return cl;
    }

    static long longValue(CommandLine cl, String opt, long dflt) {
        String v = cl.getOptionValue(opt);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw CliException.usage("--" + opt + " takes a number, not '" + v + "'");
        }
    }

    static <E extends Enum<E>> E enumValue(CommandLine cl, String opt, Class<E> type, E dflt) {
        String v = cl.getOptionValue(opt);
        if (v == null) {
            return dflt;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.isEmpty() ? "" : ", ").append(e.name().toLowerCase(java.util.Locale.ROOT));
        }
        throw CliException.usage("--" + opt + " must be one of " + allowed + ", not '" + v + "'");
    }
}
