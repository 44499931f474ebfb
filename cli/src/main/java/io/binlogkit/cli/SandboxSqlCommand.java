package io.binlogkit.cli;

import io.binlogkit.sandbox.Sandbox;
import io.binlogkit.sandbox.ServerInstance;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code sandbox sql NAME [-e SQL]}: the mariadb client on a server's defaults file. */
final class SandboxSqlCommand extends SandboxCommands.Base {
    @Override
    public String name() {
        return "sql";
    }

    @Override
    public String summary() {
        return "open the mariadb client on a server (or run -e SQL)";
    }

    @Override
    String usage() {
        return "sandbox sql [--dir DIR] NAME [-e SQL] [CLIENT_ARGS...]";
    }

    @Override
    String description() {
        return "Runs the client (mariadb) with the server's generated defaults file N.cnf: it connects over "
                + "the unix socket as the OS user (root authenticates by the socket; no password). With -e it "
                + "runs the statements in batch mode and prints their result; otherwise it is interactive. "
                + "Further arguments go to the client. Exit code 4 when the client fails.";
    }

    @Override
    void options(Options o) {
        o.addOption(Option.builder("e").longOpt("execute").hasArg().argName("SQL")
                .desc("statements to run, as the client's -e").get());
    }

    @Override
    int execute(CommandLine cl, Terminal t) throws Exception {
        List<String> a = args(cl, 1, Integer.MAX_VALUE, "the name of a server");
        Sandbox sb = sandbox(cl);
        ServerInstance s = sb.server(a.getFirst());
        if (!s.running()) {
            throw new CliException(ExitCode.SERVER, "server '" + s.name() + "' is not running: 'sandbox start "
                    + s.name() + "'");
        }
        List<String> cmd = new ArrayList<>(List.of(sb.binaries().client().toString(),
                "--defaults-file=" + s.defaultsFile()));
        cmd.addAll(a.subList(1, a.size()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        int rc;
        if (cl.hasOption("e")) {
            cmd.add("--execute=" + cl.getOptionValue("e"));
            pb.command(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Process p = pb.start();
            Thread err = Thread.ofPlatform().start(() -> copy(p.getErrorStream(), t.err()));
            copy(p.getInputStream(), t.rawOut());
            rc = p.waitFor();
            err.join();
        } else {
            t.flush();
            rc = pb.inheritIO().start().waitFor();
        }
        if (rc != 0) {
            throw new CliException(ExitCode.SERVER, "the client exited with code " + rc);
        }
        return ExitCode.OK;
    }

    private static void copy(InputStream in, OutputStream out) {
        try (in) {
            in.transferTo(out);
            out.flush();
        } catch (IOException e) {
            // the process ended; nothing more to show
        }
    }
}
