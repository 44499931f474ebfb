package io.binlogkit.cli;

import io.binlogkit.pitr.PitrException;
import io.binlogkit.pitr.ServerEndpoint;
import io.binlogkit.sandbox.SandboxException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.nio.file.Path;
import java.util.List;

/**
 * The commands of the {@code pitr} program (point-in-time recovery). The logic is in the {@code pitr}
 * module; each command class parses, prints and maps failures to exit codes.
 */
final class PitrCommands {
    /** Exit code of a safety refusal (non-empty target without --force, the source server as target). */
    static final int REFUSED = 6;

    static final String EXIT_CODES = ExitCode.HELP.replace("\n 70 ",
            "\n  6  refused for safety (a non-empty target without --force, the backup's source as target)\n 70 ");

    private PitrCommands() {
    }

    static List<Command> all() {
        return List.of(new PitrBackupCommand(), new PitrArchiveCommand(), new PitrPlanCommand(),
                new PitrRestoreCommand(), new PitrInfoCommand());
    }

    /** The exit code of a pitr failure. */
    static int exitCode(PitrException e) {
        return switch (e.kind()) {
            case BAD_DATA -> ExitCode.BAD_DATA;
            case USAGE -> ExitCode.USAGE;
            case IO -> ExitCode.IO;
            case SERVER -> ExitCode.SERVER;
            case UNSUPPORTED -> ExitCode.UNSUPPORTED;
            case REFUSED -> REFUSED;
        };
    }

    /**
     * Shared parsing: {@code --help} with pitr's exit codes, the connection options ({@code --sandbox NAME}
     * with {@code --dir}, or {@code --defaults-file F}) for commands that talk to a server, {@code --to DIR}
     * and {@code --format text|json} for the commands that have them, and the mapping of sandbox failures to
     * exit codes.
     */
    abstract static class Base implements Command {
        abstract String usage();

        abstract String description();

        /** Whether the command takes CONN (a server). */
        boolean takesServer() {
            return false;
        }

        /** What {@code --to DIR} is, for a command that writes into a directory; {@code null}: no such option. */
        String toDescription() {
            return null;
        }

        /** What {@code --format text|json} prints; {@code null}: the command has no such option. */
        String formatDescription() {
            return null;
        }

        void options(Options o) {
        }

        abstract int execute(CommandLine cl, Terminal t) throws Exception;

        @Override
        public final int run(String[] args, Terminal t) throws Exception {
            LuceneLogging.quiet(); // --before searches with Lucene, whose start-up notice would go to stderr
            Options o = new Options();
            if (takesServer()) {
                o.addOption(Option.builder().longOpt("sandbox").hasArg().argName("NAME")
                        .desc("the server NAME of the sandbox in the current directory (or --dir)").get());
                o.addOption(Option.builder().longOpt("dir").hasArg().argName("DIR")
                        .desc("the sandbox directory for --sandbox (default: the current directory)").get());
                o.addOption(Option.builder().longOpt("defaults-file").hasArg().argName("FILE")
                        .desc("an option file naming the server as the mariadb client reads it (host, port,"
                                + " socket, user, password in [client]; datadir and pid-file in [mysqld])").get());
            }
            if (toDescription() != null) {
                o.addOption(Option.builder().longOpt("to").hasArg().argName("DIR").desc(toDescription()).get());
            }
            if (formatDescription() != null) {
                o.addOption(Option.builder().longOpt("format").hasArg().argName("FMT").desc(formatDescription())
                        .get());
            }
            options(o);
            CommandLine cl = CommandLineSupport.parse(o, args, usage(), description(), EXIT_CODES, t);
            if (cl == null) {
                return ExitCode.OK;
            }
            try {
                return execute(cl, t);
            } catch (SandboxException e) {
                throw new CliException(SandboxCommands.exitCode(e), e.getMessage(), e);
            }
        }

        /** The server that {@code --sandbox} or {@code --defaults-file} names. */
        static ServerEndpoint endpoint(CommandLine cl) {
            boolean sandbox = cl.hasOption("sandbox");
            boolean file = cl.hasOption("defaults-file");
            if (sandbox == file) {
                throw CliException.usage("name the server with either --sandbox NAME or --defaults-file FILE");
            }
            return sandbox ? ServerEndpoint.sandbox(Path.of(cl.getOptionValue("dir", ".")), cl.getOptionValue("sandbox"))
                    : ServerEndpoint.defaultsFile(Path.of(cl.getOptionValue("defaults-file")));
        }

        /** {@code --format text|json} (in any case): whether JSON was asked for. */
        static boolean json(CommandLine cl) {
            String f = cl.getOptionValue("format", "text");
            if (!f.equalsIgnoreCase("text") && !f.equalsIgnoreCase("json")) {
                throw CliException.usage("--format must be text or json, not '" + f + "'");
            }
            return f.equalsIgnoreCase("json");
        }

        static Path requiredPath(CommandLine cl, String opt) {
            String v = cl.getOptionValue(opt);
            if (v == null) {
                throw CliException.usage("--" + opt + " is required");
            }
            return Path.of(v);
        }
    }
}
