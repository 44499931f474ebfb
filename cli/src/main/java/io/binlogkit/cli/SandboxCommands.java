package io.binlogkit.cli;

import io.binlogkit.sandbox.Sandbox;
import io.binlogkit.sandbox.SandboxException;
import io.binlogkit.sandbox.ServerInstance;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.nio.file.Path;
import java.util.List;

/**
 * The commands of the {@code sandbox} program: throwaway local servers and the replication flows of
 * the MySQL Replication Tutorial ({@code server-adm setup}, {@code add name=… roles=…},
 * {@code take-backup}, {@code load-slave}, comparing the progress of slaves). Every command works on
 * the current directory or the one {@code --dir} names. The logic is in the {@code sandbox} module;
 * each command class parses, prints and maps failures to exit codes.
 */
final class SandboxCommands {
    private SandboxCommands() {
    }

    static List<Command> all() {
        return List.of(new SandboxSetupCommand(), new SandboxAddCommand(), new SandboxStartCommand(),
                new SandboxStopCommand(), new SandboxRemoveCommand(), new SandboxListCommand(), new SandboxSqlCommand(),
                new SandboxReplicateCommand(), new SandboxTopologyCommand(), new SandboxProgressCommand(),
                new SandboxTakeBackupCommand(), new SandboxLoadSlaveCommand());
    }

    /** The exit code of a sandbox failure. */
    static int exitCode(SandboxException e) {
        return switch (e.kind()) {
            case CONFIG -> ExitCode.USAGE;
            case IO -> ExitCode.IO;
            case MISSING_BINARY, SERVER -> ExitCode.SERVER;
        };
    }

    /** Shared parsing ({@code --dir}, {@code --help}) and the mapping of sandbox failures to exit codes. */
    abstract static class Base implements Command {
        abstract String usage();

        abstract String description();

        void options(Options o) {
        }

        abstract int execute(CommandLine cl, Terminal t) throws Exception;

        @Override
        public final int run(String[] args, Terminal t) throws Exception {
            Options o = new Options();
            o.addOption(Option.builder().longOpt("dir").hasArg().argName("DIR")
                    .desc("the sandbox directory (default: the current directory)").get());
            options(o);
            CommandLine cl = CommandLineSupport.parse(o, args, usage(), description(), t);
            if (cl == null) {
                return ExitCode.OK;
            }
            try {
                return execute(cl, t);
            } catch (SandboxException e) {
                throw new CliException(exitCode(e), e.getMessage(), e);
            }
        }

        static Path dir(CommandLine cl) {
            return Path.of(cl.getOptionValue("dir", "."));
        }

        static Sandbox sandbox(CommandLine cl) {
            return Sandbox.open(dir(cl));
        }

        static List<String> args(CommandLine cl, int min, int max, String what) {
            List<String> a = cl.getArgList();
            if (a.size() < min || a.size() > max) {
                throw CliException.usage("expects " + what);
            }
            return a;
        }

        /** The named servers, or all of the sandbox when none is named. */
        static List<ServerInstance> servers(Sandbox s, List<String> names) {
            return names.isEmpty() ? s.servers() : names.stream().map(s::server).toList();
        }
    }
}
