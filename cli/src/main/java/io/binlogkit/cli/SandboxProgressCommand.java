package io.binlogkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.binlogkit.sandbox.Replication;
import io.binlogkit.sandbox.Sandbox;
import io.binlogkit.sandbox.ServerProgress;
import io.binlogkit.sandbox.SlaveStatus;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/** {@code sandbox progress [--format F] [--watch S]}: the tutorial's comparing progress of slaves. */
final class SandboxProgressCommand extends SandboxCommands.Base {
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
                g.writeNumberField("binlog_pos", p.masterStatus().pos());
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
