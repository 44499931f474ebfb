package io.binlogkit.cli;

import io.binlogkit.parser.BinlogFormatException;
import org.apache.commons.cli.ParseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the {@code binlog}, {@code sandbox} and {@code pitr} commands. The launcher scripts
 * in {@code bin/} pass the program name as the first argument. Every failure becomes one line on
 * standard error and an exit code from {@link ExitCode}; {@code --debug} adds the stack trace.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Terminal t = Terminal.system();
        int code = run(args, t);
        t.flush();
        System.exit(code);
    }

    /** Runs a program; never throws, never exits. */
    public static int run(String[] args, Terminal t) {
        if (args.length == 0) {
            t.err().println("usage: Main PROGRAM [COMMAND] [ARGS...]; PROGRAM is one of " + Programs.names());
            return ExitCode.USAGE;
        }
        String program = args[0];
        List<String> rest = new java.util.ArrayList<>(Arrays.asList(args).subList(1, args.length));
        boolean debug = rest.remove("--debug");
        List<Command> commands = Programs.commands(program);
        if (commands == null) {
            t.err().println("unknown program '" + program + "'; one of " + Programs.names());
            return ExitCode.USAGE;
        }
        if (rest.isEmpty() || rest.getFirst().equals("--help") || rest.getFirst().equals("-h")
                || rest.getFirst().equals("help")) {
            printHelp(program, commands, t);
            return rest.isEmpty() ? ExitCode.USAGE : ExitCode.OK;
        }
        if (rest.getFirst().equals(CommandLineSupport.VERSION)) {
            t.out().println(Version.line(program));
            t.out().flush();
            return ExitCode.OK;
        }
        String name = rest.getFirst();
        Command cmd = commands.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        if (cmd == null) {
            t.err().println(program + ": unknown command '" + name + "'; run '" + program + " --help' for the list");
            return ExitCode.USAGE;
        }
        String prefix = program + " " + name + ": ";
        try {
            int code = cmd.run(rest.subList(1, rest.size()).toArray(String[]::new), t);
            t.out().flush();
            return code;
        } catch (CliException e) {
            return fail(t, prefix + e.getMessage(), e, e.exitCode(), debug);
        } catch (io.binlogkit.pitr.PitrException e) {
            return fail(t, prefix + e.getMessage(), e, PitrCommands.exitCode(e), debug);
        } catch (ParseException e) {
            return fail(t, prefix + e.getMessage() + " (see '" + program + " " + name + " --help')", e,
                    ExitCode.USAGE, debug);
        } catch (io.binlogkit.parser.EncryptedBinlogException e) {
            return fail(t, prefix + "not supported: " + e.getMessage(), e, ExitCode.UNSUPPORTED, debug);
        } catch (BinlogFormatException e) {
            return fail(t, prefix + "error: " + e.getMessage(), e, ExitCode.BAD_DATA, debug);
        } catch (NoSuchFileException e) {
            return fail(t, prefix + "no such file: " + e.getFile(), e, ExitCode.IO, debug);
        } catch (AccessDeniedException e) {
            return fail(t, prefix + "permission denied: " + e.getFile(), e, ExitCode.IO, debug);
        } catch (IOException | UncheckedIOException e) {
            String msg = e instanceof UncheckedIOException u ? u.getCause().toString() : e.toString();
            return fail(t, prefix + "I/O error: " + msg, e, ExitCode.IO, debug);
        } catch (Exception | Error e) {
            return fail(t, prefix + "internal error: " + e + " (rerun with --debug and report it)", e,
                    ExitCode.INTERNAL, debug);
        }
    }

    private static int fail(Terminal t, String message, Throwable e, int code, boolean debug) {
        t.out().flush();
        t.err().println(message);
        if (debug) {
            e.printStackTrace(t.err());
        }
        return code;
    }

    private static void printHelp(String program, List<Command> commands, Terminal t) {
        var out = t.out();
        out.println("usage: " + program + " COMMAND [OPTIONS] [ARGS]   (" + program + " COMMAND --help for details)");
        out.println();
        out.println("Commands:");
        int width = commands.stream().mapToInt(c -> c.name().length()).max().orElse(10);
        for (Command c : commands) {
            out.printf("  %-" + width + "s  %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("Global options:");
        out.println("  --debug    print the stack trace of an error");
        out.println("  --version  print the version and exit (every command takes it too)");
        out.println();
        out.print(ExitCode.HELP);
        out.flush();
    }
}
