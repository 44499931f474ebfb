package io.binlogkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.binlogkit.sandbox.Backup;
import io.binlogkit.sandbox.MasterPosition;
import io.binlogkit.sandbox.Replication;
import io.binlogkit.sandbox.Role;
import io.binlogkit.sandbox.Sandbox;
import io.binlogkit.sandbox.SandboxException;
import io.binlogkit.sandbox.ServerInstance;
import io.binlogkit.sandbox.ServerProgress;
import io.binlogkit.sandbox.SlaveStatus;
import io.binlogkit.sandbox.Topology;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The commands of the {@code sandbox} program: throwaway local servers and the replication flows of
 * the MySQL Replication Tutorial ({@code server-adm setup}, {@code add name=… roles=…},
 * {@code take-backup}, {@code load-slave}, comparing the progress of slaves). Every command works on
 * the current directory or the one {@code --dir} names. The logic is in the {@code sandbox} module;
 * these classes parse, print and map failures to exit codes.
 */
final class SandboxCommands {
    private SandboxCommands() {
    }

    static List<Command> all() {
        return List.of(new Setup(), new Add(), new Start(), new Stop(), new Remove(), new ListServers(), new Sql(),
                new Replicate(), new TopologyCommand(), new Progress(), new TakeBackup(), new LoadSlave());
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

        /** The exit code of a sandbox failure. */
        static int exitCode(SandboxException e) {
            return switch (e.kind()) {
                case CONFIG -> ExitCode.USAGE;
                case IO -> ExitCode.IO;
                case MISSING_BINARY, SERVER -> ExitCode.SERVER;
            };
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

    static final class Setup extends Base {
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

    static final class Add extends Base {
        @Override
        public String name() {
            return "add";
        }

        @Override
        public String summary() {
            return "add a server: name=N roles=master|slave|master,slave [port=P]";
        }

        @Override
        String usage() {
            return "sandbox add [--dir DIR] name=N roles=master|slave|master,slave [port=P] [OPTION=VALUE...]";
        }

        @Override
        String description() {
            return "The tutorial's 'server-adm add'. Writes N.cnf (server-id, port, socket, log-bin=N-bin, "
                    + "relay-log=N-relay-bin, relay-log-index, log-slave-updates when the server is both master and "
                    + "slave, report-host/report-port for SHOW SLAVE HOSTS, and a [client] section so that "
                    + "'mariadb --defaults-file=N.cnf' reaches it) and creates its datadir. Other OPTION=VALUE pairs "
                    + "are written to [mysqld] as they are (e.g. auto_increment_increment=2). Without port= the "
                    + "server gets the first free port of the sandbox's range. The server is not started.";
        }

        @Override
        int execute(CommandLine cl, Terminal t) {
            Map<String, String> kv = new LinkedHashMap<>();
            for (String a : cl.getArgList()) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw CliException.usage("expects KEY=VALUE arguments such as name=master, not '" + a + "'");
                }
                kv.put(a.substring(0, eq), a.substring(eq + 1));
            }
            String name = kv.remove("name");
            String roles = kv.remove("roles");
            if (name == null || roles == null) {
                throw CliException.usage("expects name=N and roles=master|slave|master,slave");
            }
            int port = 0;
            String p = kv.remove("port");
            if (p != null) {
                try {
                    port = Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    throw CliException.usage("port= takes a number, not '" + p + "'");
                }
            }
            Set<Role> r = Role.parse(roles);
            ServerInstance s = sandbox(cl).add(name, r, port, kv);
            t.out().println("added " + s.name() + ": roles " + Role.format(s.spec().roles()) + ", port "
                    + s.spec().port() + ", server-id " + s.spec().serverId() + ", " + s.defaultsFile());
            return ExitCode.OK;
        }
    }

    static final class Start extends Base {
        @Override
        public String name() {
            return "start";
        }

        @Override
        public String summary() {
            return "start servers (all when none is named)";
        }

        @Override
        String usage() {
            return "sandbox start [--dir DIR] [NAME...]";
        }

        @Override
        String description() {
            return "Starts the named servers (all servers of the sandbox when none is named) and waits until each "
                    + "answers on its socket. A running server is left alone. Servers keep running after this "
                    + "command ends; 'sandbox stop' stops them.";
        }

        @Override
        int execute(CommandLine cl, Terminal t) {
            for (ServerInstance s : servers(sandbox(cl), cl.getArgList())) {
                Duration d = s.start();
                t.out().println(d.isZero() ? s.name() + " is already running (pid " + s.pid().orElse(-1) + ")"
                        : "started " + s.name() + " (pid " + s.pid().orElse(-1) + ", port " + s.spec().port() + ") in "
                        + d.toMillis() + " ms");
                t.out().flush();
            }
            return ExitCode.OK;
        }
    }

    static final class Stop extends Base {
        @Override
        public String name() {
            return "stop";
        }

        @Override
        public String summary() {
            return "stop servers (all when none is named)";
        }

        @Override
        String usage() {
            return "sandbox stop [--dir DIR] [NAME...]";
        }

        @Override
        String description() {
            return "Stops the named servers (all when none is named) with SIGTERM to the pid in their pid file, "
                    + "after checking that the pid belongs to this server, and waits for them to exit.";
        }

        @Override
        int execute(CommandLine cl, Terminal t) {
            for (ServerInstance s : servers(sandbox(cl), cl.getArgList())) {
                t.out().println(s.stop() ? "stopped " + s.name() : s.name() + " was not running");
            }
            return ExitCode.OK;
        }
    }

    static final class Remove extends Base {
        @Override
        public String name() {
            return "remove";
        }

        @Override
        public String summary() {
            return "stop servers and delete their datadirs and files";
        }

        @Override
        String usage() {
            return "sandbox remove [--dir DIR] NAME...";
        }

        @Override
        String description() {
            return "Stops each named server, deletes its datadir, defaults file, logs and socket, and removes it "
                    + "from the sandbox config.";
        }

        @Override
        int execute(CommandLine cl, Terminal t) {
            Sandbox s = sandbox(cl);
            for (String n : args(cl, 1, Integer.MAX_VALUE, "the names of the servers to remove")) {
                s.remove(n);
                t.out().println("removed " + n);
            }
            return ExitCode.OK;
        }
    }

    static final class ListServers extends Base {
        private static final String[] COLUMNS = {"Name", "Roles", "Port", "Server_id", "Running", "Binlog_position",
                "Master"};
        private static final boolean[] NUMERIC = {false, false, true, true, false, false, false};

        @Override
        public String name() {
            return "list";
        }

        @Override
        public String summary() {
            return "the servers: name, roles, port, running, binlog position";
        }

        @Override
        String usage() {
            return "sandbox list [--dir DIR] [--format table|tsv|json]";
        }

        @Override
        String description() {
            return "Lists the sandbox's servers: name, roles, port, server id, whether it runs (with its pid), "
                    + "the end of its binlog (SHOW MASTER STATUS) and the master it replicates from.";
        }

        @Override
        void options(Options o) {
            o.addOption(Option.builder().longOpt("format").hasArg().argName("FMT")
                    .desc("table (default), tsv or json (one object per line)").get());
        }

        @Override
        int execute(CommandLine cl, Terminal t) {
            args(cl, 0, 0, "no arguments");
            OutputFormat f = CommandLineSupport.enumValue(cl, "format", OutputFormat.class, OutputFormat.TABLE);
            Sandbox sb = sandbox(cl);
            try (RowWriter w = RowWriter.create(f, COLUMNS, NUMERIC, t.out())) {
                for (ServerInstance s : sb.servers()) {
                    var pid = s.pid();
                    String pos = null;
                    if (pid.isPresent()) {
                        try {
                            pos = s.masterStatus().map(MasterPosition::toString).orElse(null);
                        } catch (SandboxException e) {
                            pos = "(" + e.getMessage() + ")";
                        }
                    }
                    w.row(s.name(), Role.format(s.spec().roles()), Integer.toString(s.spec().port()),
                            Long.toString(s.spec().serverId()), pid.isPresent() ? "yes (pid " + pid.getAsLong() + ")"
                                    : "no", pos, sb.masterOf(s.name()).orElse(null));
                }
            }
            return ExitCode.OK;
        }
    }

    static final class Sql extends Base {
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

    static final class Replicate extends Base {
        @Override
        public String name() {
            return "replicate";
        }

        @Override
        public String summary() {
            return "make SLAVE replicate from MASTER";
        }

        @Override
        String usage() {
            return "sandbox replicate [--dir DIR] SLAVE from MASTER [--user repl_user] [--position FILE:POS]";
        }

        @Override
        String description() {
            return "Creates the replication user on the master with REPLICATION SLAVE (its password is generated "
                    + "and kept in " + Sandbox.CONFIG_FILE + ", never printed), then CHANGE MASTER TO on the slave "
                    + "with file and position (from the start of the master's oldest binlog unless --position is "
                    + "given; without a position MariaDB 10.11 would switch to GTID mode), START SLAVE, and waits "
                    + "until both slave threads run. Both servers must be running.";
        }

        @Override
        void options(Options o) {
            o.addOption(Option.builder().longOpt("user").hasArg().argName("USER")
                    .desc("replication user (default " + Replication.DEFAULT_USER + ")").get());
            o.addOption(Option.builder().longOpt("position").hasArg().argName("FILE:POS")
                    .desc("master binlog file and position to start at").get());
        }

        @Override
        int execute(CommandLine cl, Terminal t) {
            List<String> a = args(cl, 3, 3, "SLAVE from MASTER");
            if (!a.get(1).equalsIgnoreCase("from")) {
                throw CliException.usage("expects SLAVE from MASTER, not '" + String.join(" ", a) + "'");
            }
            MasterPosition at = null;
            if (cl.hasOption("position")) {
                String v = cl.getOptionValue("position");
                int colon = v.lastIndexOf(':');
                try {
                    at = new MasterPosition(v.substring(0, colon), Long.parseLong(v.substring(colon + 1)));
                } catch (RuntimeException e) {
                    throw CliException.usage("--position takes FILE:POS such as master-bin.000001:4, not '" + v + "'");
                }
            }
            MasterPosition from = Replication.replicate(sandbox(cl), a.get(0), a.get(2), cl.getOptionValue("user"), at);
            t.out().println(a.get(0) + " replicates from " + a.get(2) + " starting at " + from);
            return ExitCode.OK;
        }
    }

    static final class TopologyCommand extends Base {
        @Override
        public String name() {
            return "topology";
        }

        @Override
        public String summary() {
            return "build the tutorial's setups: master-slaves N, dual-master";
        }

        @Override
        String usage() {
            return "sandbox topology [--dir DIR] master-slaves N | dual-master";
        }

        @Override
        String description() {
            return "master-slaves N: adds and starts 'master' and 'slave1'..'slaveN' and makes each slave replicate "
                    + "from the master. dual-master: adds and starts 'master1' and 'master2', both roles "
                    + "master,slave (log-slave-updates) with auto_increment_increment=2 and offsets 1 and 2, each "
                    + "replicating from the other. The names must not exist yet.";
        }

        @Override
        int execute(CommandLine cl, Terminal t) {
            List<String> a = args(cl, 1, 2, "master-slaves N or dual-master");
            List<ServerInstance> made = switch (a.getFirst()) {
                case "master-slaves" -> {
                    if (a.size() != 2) {
                        throw CliException.usage("master-slaves expects the number of slaves");
                    }
                    int n;
                    try {
                        n = Integer.parseInt(a.get(1));
                    } catch (NumberFormatException e) {
                        throw CliException.usage("master-slaves takes a number of slaves, not '" + a.get(1) + "'");
                    }
                    yield Topology.masterSlaves(sandbox(cl), n);
                }
                case "dual-master" -> {
                    if (a.size() != 1) {
                        throw CliException.usage("dual-master takes no further argument");
                    }
                    yield Topology.dualMaster(sandbox(cl));
                }
                default -> throw CliException.usage("unknown topology '" + a.getFirst()
                        + "': master-slaves N or dual-master");
            };
            for (ServerInstance s : made) {
                t.out().println(s.name() + ": roles " + Role.format(s.spec().roles()) + ", port " + s.spec().port()
                        + ", running");
            }
            return ExitCode.OK;
        }
    }

    static final class Progress extends Base {
        private static final String[] COLUMNS = {"Server", "Master", "Read_file", "Read_pos", "Exec_file", "Exec_pos",
                "Relay_file", "Relay_pos", "Lag_s", "Lag_bytes", "IO", "SQL", "Last_error"};
        private static final boolean[] NUMERIC = {false, false, false, true, false, true, false, true, true, true,
                false, false, false};
        private static final String[] HOST_COLUMNS = {"Master", "Binlog_position", "Server_id", "Host", "Port",
                "Master_id"};
        private static final boolean[] HOST_NUMERIC = {false, false, true, false, true, true};

        @Override
        public String name() {
            return "progress";
        }

        @Override
        public String summary() {
            return "compare the progress of slaves (positions, lag, threads, errors)";
        }

        @Override
        String usage() {
            return "sandbox progress [--dir DIR] [--format table|json] [--watch SECONDS] [NAME...]";
        }

        @Override
        String description() {
            return "The tutorial's 'comparing progress of slaves'. For each slave (of the named servers, or all): "
                    + "its master, the master file and position read by the IO thread and executed by the SQL thread "
                    + "(Relay_Master_Log_File/Exec_Master_Log_Pos, the real replication position), the relay log "
                    + "position, the lag in seconds (Seconds_Behind_Master) and in bytes of the master's binlogs not "
                    + "yet applied, the IO/SQL thread state (Yes, No, Connecting) and the last error. Then, for "
                    + "each master, its binlog position and SHOW SLAVE HOSTS. --watch repeats every SECONDS until "
                    + "interrupted. JSON prints one object per server.";
        }

        @Override
        void options(Options o) {
            o.addOption(Option.builder().longOpt("format").hasArg().argName("FMT")
                    .desc("table (default) or json (one object per server and line)").get());
            o.addOption(Option.builder().longOpt("watch").hasArg().argName("SECONDS")
                    .desc("repeat every SECONDS until interrupted").get());
            o.addOption(Option.builder().longOpt("count").hasArg().argName("N")
                    .desc("with --watch: stop after N reports").get());
        }

        @Override
        int execute(CommandLine cl, Terminal t) throws Exception {
            OutputFormat f = CommandLineSupport.enumValue(cl, "format", OutputFormat.class, OutputFormat.TABLE);
            if (f == OutputFormat.TSV) {
                throw CliException.usage("--format must be table or json");
            }
            long watch = CommandLineSupport.longValue(cl, "watch", 0);
            long count = CommandLineSupport.longValue(cl, "count", watch > 0 ? Long.MAX_VALUE : 1);
            Sandbox sb = sandbox(cl);
            int code = ExitCode.OK;
            for (long i = 0; i < count; i++) {
                if (i > 0) {
                    Thread.sleep(Duration.ofSeconds(Math.max(1, watch)));
                    if (t.interactive() && f == OutputFormat.TABLE) {
                        t.out().print("\033[H\033[2J");
                    } else {
                        t.out().println();
                    }
                }
                List<ServerProgress> ps = Replication.progress(sb, cl.getArgList());
                if (f == OutputFormat.JSON) {
                    json(ps, t);
                } else {
                    table(ps, t);
                }
                t.out().flush();
                code = ps.stream().anyMatch(p -> p.error() != null
                        || (p.slave() != null && p.slave().lastError() != null)) ? ExitCode.SERVER : ExitCode.OK;
            }
            return code;
        }

        private static void table(List<ServerProgress> ps, Terminal t) {
            try (RowWriter w = RowWriter.create(OutputFormat.TABLE, COLUMNS, NUMERIC, t.out())) {
                for (ServerProgress p : ps) {
                    SlaveStatus s = p.slave();
                    if (!p.running()) {
                        w.row(p.name(), p.masterName(), null, null, null, null, null, null, null, null, null, null,
                                "(not running)");
                    } else if (p.error() != null) {
                        w.row(p.name(), p.masterName(), null, null, null, null, null, null, null, null, null, null,
                                p.error());
                    } else if (s != null) {
                        w.row(p.name(), p.masterName() != null ? p.masterName() : s.masterHost() + ":" + s.masterPort(),
                                s.readFile(), Long.toString(s.readPosition()), s.execFile(),
                                Long.toString(s.execPosition()), s.relayFile(), Long.toString(s.relayPosition()),
                                str(s.lagSeconds()), str(s.lagBytes()), s.ioRunning(), s.sqlRunning(), s.lastError());
                    }
                }
            }
            t.out().println();
            try (RowWriter w = RowWriter.create(OutputFormat.TABLE, HOST_COLUMNS, HOST_NUMERIC, t.out())) {
                for (ServerProgress p : ps) {
                    if (p.masterStatus() == null || (p.slaveHosts().isEmpty() && p.slave() != null)) {
                        continue;
                    }
                    if (p.slaveHosts().isEmpty()) {
                        w.row(p.name(), p.masterStatus().toString(), null, "(no slaves connected)", null, null);
                    }
                    for (ServerProgress.SlaveHost h : p.slaveHosts()) {
                        w.row(p.name(), p.masterStatus().toString(), Long.toString(h.serverId()), h.host(),
                                Integer.toString(h.port()), Long.toString(h.masterId()));
                    }
                }
            }
        }

        private static String str(Long v) {
            return v == null ? null : v.toString();
        }

        private static void json(List<ServerProgress> ps, Terminal t) throws IOException {
            JsonGenerator g = new JsonFactory().createGenerator((OutputStream) t.out());
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setRootValueSeparator(null);
            for (ServerProgress p : ps) {
                g.writeStartObject();
                g.writeStringField("server", p.name());
                g.writeBooleanField("running", p.running());
                g.writeStringField("master", p.masterName());
                if (p.masterStatus() != null) {
                    g.writeStringField("binlog_file", p.masterStatus().file());
                    g.writeNumberField("binlog_pos", p.masterStatus().position());
                }
                SlaveStatus s = p.slave();
                if (s != null) {
                    g.writeObjectFieldStart("slave");
                    g.writeStringField("master_host", s.masterHost());
                    g.writeNumberField("master_port", s.masterPort());
                    g.writeStringField("read_file", s.readFile());
                    g.writeNumberField("read_pos", s.readPosition());
                    g.writeStringField("exec_file", s.execFile());
                    g.writeNumberField("exec_pos", s.execPosition());
                    g.writeStringField("relay_file", s.relayFile());
                    g.writeNumberField("relay_pos", s.relayPosition());
                    writeNullable(g, "lag_seconds", s.lagSeconds());
                    writeNullable(g, "lag_bytes", s.lagBytes());
                    g.writeStringField("io_running", s.ioRunning());
                    g.writeStringField("sql_running", s.sqlRunning());
                    g.writeStringField("io_state", s.ioState());
                    g.writeStringField("sql_state", s.sqlState());
                    g.writeNumberField("last_io_errno", s.lastIoErrno());
                    g.writeStringField("last_io_error", s.lastIoError());
                    g.writeNumberField("last_sql_errno", s.lastSqlErrno());
                    g.writeStringField("last_sql_error", s.lastSqlError());
                    g.writeEndObject();
                }
                g.writeArrayFieldStart("slave_hosts");
                for (ServerProgress.SlaveHost h : p.slaveHosts()) {
                    g.writeStartObject();
                    g.writeNumberField("server_id", h.serverId());
                    g.writeStringField("host", h.host());
                    g.writeNumberField("port", h.port());
                    g.writeNumberField("master_id", h.masterId());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeStringField("error", p.error());
                g.writeEndObject();
                g.writeRaw('\n');
            }
            g.flush();
        }

        private static void writeNullable(JsonGenerator g, String name, Long v) throws IOException {
            if (v == null) {
                g.writeNullField(name);
            } else {
                g.writeNumberField(name, v);
            }
        }
    }

    static final class TakeBackup extends Base {
        @Override
        public String name() {
            return "take-backup";
        }

        @Override
        public String summary() {
            return "back up a slave's datadir with the exact master position";
        }

        @Override
        String usage() {
            return "sandbox take-backup [--dir DIR] SLAVE [--master M] --to FILE [--method tar|mariabackup]";
        }

        @Override
        String description() {
            return "The tutorial's safe backup through a slave: STOP SLAVE; FLUSH TABLES WITH READ LOCK on the "
                    + "master, SHOW MASTER STATUS, UNLOCK TABLES; START SLAVE UNTIL that position and wait until the "
                    + "SQL thread stopped exactly there; archive the slave's datadir (tar.gz, or mariabackup --backup "
                    + "and --prepare with --method mariabackup) with " + Backup.POSITION_FILE + " recording the "
                    + "master's file and position; START SLAVE. The master keeps taking writes all along (it is "
                    + "locked only while its position is read). The archive leaves out the slave's own binlogs, "
                    + "relay logs and master.info. --master defaults to the one the slave was pointed at.";
        }

        @Override
        void options(Options o) {
            o.addOption(Option.builder().longOpt("master").hasArg().argName("M").desc("the slave's master").get());
            o.addOption(Option.builder().longOpt("to").hasArg().argName("FILE").desc("the archive to write (.tar.gz)")
                    .get());
            o.addOption(Option.builder().longOpt("method").hasArg().argName("METHOD")
                    .desc("tar (default) or mariabackup").get());
        }

        @Override
        int execute(CommandLine cl, Terminal t) {
            List<String> a = args(cl, 1, 1, "the name of the slave to back up");
            if (!cl.hasOption("to")) {
                throw CliException.usage("--to FILE is required");
            }
            Backup.Method m = CommandLineSupport.enumValue(cl, "method", Backup.Method.class, Backup.Method.TAR);
            Backup.Result r = Backup.takeBackup(sandbox(cl), a.getFirst(), cl.getOptionValue("master"),
                    Path.of(cl.getOptionValue("to")), m);
            t.out().printf(Locale.ROOT, "backup of %s written to %s (%d bytes) at master position %s in %d ms "
                            + "(replication paused %d ms for the copy)%n", a.getFirst(), r.archive(), r.archiveBytes(),
                    r.position(), r.total().toMillis(), r.copy().toMillis());
            return ExitCode.OK;
        }
    }

    static final class LoadSlave extends Base {
        @Override
        public String name() {
            return "load-slave";
        }

        @Override
        public String summary() {
            return "restore a take-backup archive into a server and make it a slave";
        }

        @Override
        String usage() {
            return "sandbox load-slave [--dir DIR] NAME FILE [--master M]";
        }

        @Override
        String description() {
            return "The tutorial's load-slave: stops server NAME, replaces its datadir with the archive's, starts it "
                    + "with --skip-slave-start, clears the copied replication and binlog state (RESET SLAVE ALL; RESET "
                    + "MASTER) and points it at the master recorded in " + Backup.POSITION_FILE + " (or --master) at "
                    + "the recorded position; then it catches up. NAME must have been added with a slave role.";
        }

        @Override
        void options(Options o) {
            o.addOption(Option.builder().longOpt("master").hasArg().argName("M")
                    .desc("replicate from this server instead of the recorded one").get());
        }

        @Override
        int execute(CommandLine cl, Terminal t) {
            List<String> a = args(cl, 2, 2, "NAME FILE");
            Backup.LoadResult r = Backup.loadSlave(sandbox(cl), a.get(0), Path.of(a.get(1)), cl.getOptionValue("master"));
            t.out().printf(Locale.ROOT, "%s restored from %s and replicating from %s at %s (%d ms)%n", a.get(0), a.get(1),
                    r.master(), r.position(), r.duration().toMillis());
            return ExitCode.OK;
        }
    }
}
