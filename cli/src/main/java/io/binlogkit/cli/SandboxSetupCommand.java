package io.binlogkit.cli;

import io.binlogkit.sandbox.Sandbox;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.nio.file.Path;

/** {@code sandbox setup [--basedir B] [--port-base N]}: makes a directory a sandbox ({@code server-adm setup}). */
final class SandboxSetupCommand extends SandboxCommands.Base {
    @Override
    public String name() {
        return "setup";
    }

    @Override
    public String summary() {
        return "make a directory a sandbox: find the server binaries, choose a port range";
    }

    @Override
    String usage() {
        return "sandbox setup [--dir DIR] [--basedir B] [--port-base N] [--port-count N]";
    }

    @Override
    String description() {
        return "The tutorial's 'server-adm setup'. Makes the directory a sandbox by writing " + Sandbox.CONFIG_FILE
                + " (mode 0600: it keeps replication passwords): which server binaries to run (mariadbd, "
                + "mariadb-install-db, mariadb, mariabackup; from the PATH and /usr/sbin, or under --basedir or "
                + "BINLOGKIT_SERVER_BASEDIR) and the ports new servers get. Running it again updates the "
                + "binaries and keeps the servers. The system's own server is never touched: sandbox servers "
                + "live in this directory and listen on 127.0.0.1 and their own unix sockets.";
    }

    @Override
    void options(Options o) {
        o.addOption(Option.builder().longOpt("basedir").hasArg().argName("B")
                .desc("a MariaDB or MySQL installation to take the binaries from").get());
        o.addOption(Option.builder().longOpt("port-base").hasArg().argName("N")
                .desc("first port for new servers (default " + Sandbox.DEFAULT_PORT_BASE
                        + "; 0 lets the system pick free ports)").get());
        o.addOption(Option.builder().longOpt("port-count").hasArg().argName("N")
                .desc("how many ports from --port-base (default " + Sandbox.DEFAULT_PORT_COUNT + ")").get());
        o.addOption(Option.builder().longOpt("template").hasArg().argName("DIR")
                .desc("where to keep the bootstrapped datadir new servers are copied from (default DIR/.template;"
                        + " several sandboxes may share one)").get());
    }

    @Override
    int execute(CommandLine cl, Terminal t) {
        args(cl, 0, 0, "no arguments");
        Sandbox.Options o = new Sandbox.Options(cl.hasOption("basedir") ? Path.of(cl.getOptionValue("basedir")) : null,
                (int) CommandLineSupport.longValue(cl, "port-base", Sandbox.DEFAULT_PORT_BASE),
                (int) CommandLineSupport.longValue(cl, "port-count", Sandbox.DEFAULT_PORT_COUNT),
                cl.hasOption("template") ? Path.of(cl.getOptionValue("template")) : null);
        Sandbox s = Sandbox.setup(dir(cl), o);
        var b = s.binaries();
        t.out().println("sandbox " + s.dir());
        t.out().println("  server     " + b.server());
        t.out().println("  install-db " + b.installDb());
        t.out().println("  client     " + b.client());
        t.out().println("  backup     " + (b.backup() == null ? "(mariabackup not installed: package mariadb-backup)"
                : b.backup()));
        t.out().println("  ports      " + (o.portBase() == 0 ? "free ports chosen by the system"
                : o.portBase() + "-" + (o.portBase() + o.portCount() - 1)));
        return ExitCode.OK;
    }
}
