package io.binlogkit.sandbox;

import io.binlogkit.parser.BinlogPosition;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Replication wiring between sandbox servers: the tutorial's {@code CHANGE MASTER TO} /
 * {@code START SLAVE} with a generated replication user, waiting for the threads, and progress.
 */
public final class Replication {
    public static final String DEFAULT_USER = "repl_user";
    private static final Pattern USER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");
    static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofMillis(250);

    private Replication() {
    }

    /**
     * Makes {@code slave} replicate from {@code master}: creates {@code user} on the master with
     * {@code REPLICATION SLAVE} (password generated, kept in the sandbox config, never printed), points
     * the slave at {@code from} (by default the start of the master's oldest binlog, as for a fresh
     * slave of a fresh master), starts it and waits until both threads run.
     *
     * <p>File and position are always given: without them MariaDB 10.11 switches
     * {@code CHANGE MASTER TO} to GTID mode.
     *
     * @return the position the slave starts from
     */
    public static BinlogPosition replicate(Sandbox sandbox, String slaveName, String masterName, String user,
                                           BinlogPosition from) {
        if (slaveName.equals(masterName)) {
            throw SandboxException.config("a server cannot replicate from itself");
        }
        if (user == null) {
            user = DEFAULT_USER;
        }
        if (!USER.matcher(user).matches()) {
            throw SandboxException.config("replication user '" + user + "' must hold only letters, digits and '_'");
        }
        ServerInstance master = sandbox.server(masterName);
        ServerInstance slave = sandbox.server(slaveName);
        if (!slave.spec().isSlave()) {
            throw SandboxException.config("server '" + slaveName + "' has roles " + Role.format(slave.spec().roles())
                    + ": add it with roles=slave or roles=master,slave to replicate into it");
        }
        createUser(master, user, sandbox.replicationPassword(user));
        BinlogPosition start = from;
        if (start == null) {
            List<ServerInstance.BinaryLog> logs = master.binaryLogs();
            if (logs.isEmpty()) {
                throw SandboxException.server("server '" + masterName + "' writes no binary log");
            }
            start = new BinlogPosition(logs.getFirst().name(), 4);
        }
        changeMaster(slave, master, user, sandbox.replicationPassword(user), start);
        slave.execute("START SLAVE");
        sandbox.recordMaster(slaveName, masterName, user);
        waitRunning(slave);
        return start;
    }

    /** Creates (or re-grants) the replication user, without logging it to the binlog. */
    static void createUser(ServerInstance master, String user, String password) {
        String account = "'" + user + "'@'%'";
        master.execute("SET SESSION sql_log_bin=0",
                "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "'",
                "ALTER USER " + account + " IDENTIFIED BY '" + password + "'",
                "GRANT REPLICATION SLAVE ON *.* TO " + account);
    }

    static void changeMaster(ServerInstance slave, ServerInstance master, String user, String password,
                             BinlogPosition at) {
        slave.execute("STOP SLAVE",
                "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + master.spec().port()
                        + ", MASTER_USER='" + user + "', MASTER_PASSWORD='" + password + "', MASTER_LOG_FILE='"
                        + at.file().replace("'", "''") + "', MASTER_LOG_POS=" + at.pos()
                        + ", MASTER_CONNECT_RETRY=1");
    }

    /**
     * Waits until both slave threads run, and still run a moment later; fails with the threads' error
     * if one stops with an error. The IO thread says "Yes" as soon as it has connected, before the
     * master has answered its dump request, so an error such as 1236 (the requested binlog was
     * purged) comes after a first "Yes": hence the second look.
     */
    public static SlaveStatus waitRunning(ServerInstance slave) {
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        long runningSince = 0;
        while (true) {
            SlaveStatus s = slaveStatus(slave, null)
                    .orElseThrow(() -> SandboxException.server("server '" + slave.name() + "' has no master"));
            if (s.ioThreadRunning() && s.sqlThreadRunning()) {
                if (runningSince == 0) {
                    runningSince = System.nanoTime();
                } else if (System.nanoTime() - runningSince > SETTLE.toNanos()) {
                    return s;
                }
                ServerInstance.sleep(20);
                continue;
            }
            runningSince = 0;
            if (("No".equals(s.ioRunning()) || "No".equals(s.sqlRunning())) && s.lastError() != null) {
                throw SandboxException.server("replication into '" + slave.name() + "' stopped: " + s.lastError());
            }
            if (System.nanoTime() > deadline) {
                throw SandboxException.server("replication into '" + slave.name() + "' is not running after "
                        + RUNNING_TIMEOUT.toSeconds() + " s (IO " + s.ioRunning() + ", SQL " + s.sqlRunning() + ")");
            }
            ServerInstance.sleep(20);
        }
    }

    /**
     * Waits until the slave has applied everything its master has written so far (the master's
     * {@code SHOW MASTER STATUS} at the time of the call).
     */
    public static void waitCaughtUp(ServerInstance slave, ServerInstance master, Duration timeout) {
        BinlogPosition target = master.masterStatus()
                .orElseThrow(() -> SandboxException.server("server '" + master.name() + "' writes no binary log"));
        waitExecuted(slave, target, timeout);
    }

    /** Waits until the slave's SQL thread has applied the master's events up to {@code target}. */
    public static SlaveStatus waitExecuted(ServerInstance slave, BinlogPosition target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SlaveStatus s = slaveStatus(slave, null)
                    .orElseThrow(() -> SandboxException.server("server '" + slave.name() + "' has no master"));
            if (s.execFile() != null && !s.execFile().isEmpty() && s.executed().compareTo(target) >= 0) {
                return s;
            }
            if (!s.sqlThreadRunning() && s.lastError() != null) {
                throw SandboxException.server("replication into '" + slave.name() + "' stopped at " + s.executed()
                        + " before " + target + ": " + s.lastError());
            }
            if (System.nanoTime() > deadline) {
                throw SandboxException.server("server '" + slave.name() + "' has applied up to " + s.executed()
                        + ", not " + target + ", after " + timeout.toSeconds() + " s");
            }
            ServerInstance.sleep(20);
        }
    }

    /** {@code SHOW SLAVE STATUS}, empty when the server has no master configured. */
    public static Optional<SlaveStatus> slaveStatus(ServerInstance server, ServerInstance master) {
        Map<String, String> row = server.queryRow("SHOW SLAVE STATUS");
        if (row == null || row.get("Master_Host") == null || row.get("Master_Host").isEmpty()) {
            return Optional.empty();
        }
        Long lagBytes = null;
        if (master != null && master.running()) {
            try {
                lagBytes = bytesBehind(master.binaryLogs(), row.get("Relay_Master_Log_File"),
                        Long.parseLong(row.get("Exec_Master_Log_Pos")));
            } catch (SandboxException e) {
                lagBytes = null;
            }
        } else if (row.get("Master_Log_File") != null && row.get("Master_Log_File").equals(
                row.get("Relay_Master_Log_File"))) {
            lagBytes = Long.parseLong(row.get("Read_Master_Log_Pos")) - Long.parseLong(row.get("Exec_Master_Log_Pos"));
        }
        return Optional.of(SlaveStatus.of(row, lagBytes));
    }

    /** Bytes of the master's binlogs after {@code file:pos}, from the sizes of SHOW BINARY LOGS. */
    static Long bytesBehind(List<ServerInstance.BinaryLog> logs, String file, long pos) {
        long sum = 0;
        boolean seen = false;
        for (ServerInstance.BinaryLog l : logs) {
            if (l.name().equals(file)) {
                seen = true;
                sum += Math.max(0, l.size() - pos);
            } else if (seen) {
                sum += l.size() - 4;
            }
        }
        return seen ? sum : null;
    }

    /** {@code SHOW SLAVE HOSTS}. */
    public static List<ServerProgress.SlaveHost> slaveHosts(ServerInstance master) {
        List<ServerProgress.SlaveHost> out = new ArrayList<>();
        for (Map<String, String> r : master.query("SHOW SLAVE HOSTS")) {
            out.add(new ServerProgress.SlaveHost(Long.parseLong(r.get("Server_id")), r.get("Host"),
                    Integer.parseInt(r.get("Port")), Long.parseLong(r.get("Master_id"))));
        }
        return out;
    }

    /** The progress of the named servers (all when {@code names} is empty), in sandbox order. */
    public static List<ServerProgress> progress(Sandbox sandbox, List<String> names) {
        List<ServerInstance> servers = names.isEmpty() ? sandbox.servers()
                : names.stream().map(sandbox::server).toList();
        List<ServerProgress> out = new ArrayList<>();
        for (ServerInstance s : servers) {
            String masterName = sandbox.masterOf(s.name()).orElse(null);
            if (!s.running()) {
                out.add(new ServerProgress(s.name(), false, null, masterName, null, List.of(), null));
                continue;
            }
            try {
                ServerInstance master = masterName == null ? null : sandbox.find(masterName).orElse(null);
                SlaveStatus st = slaveStatus(s, master).orElse(null);
                BinlogPosition ms = s.masterStatus().orElse(null);
                List<ServerProgress.SlaveHost> hosts = s.spec().isMaster() ? slaveHosts(s) : List.of();
                out.add(new ServerProgress(s.name(), true, ms, masterName, st, hosts, null));
            } catch (SandboxException e) {
                out.add(new ServerProgress(s.name(), true, null, masterName, null, List.of(), e.getMessage()));
            }
        }
        return out;
    }

    /** Stops replication into {@code slave} and forgets its master ({@code RESET SLAVE ALL}). */
    public static void unreplicate(Sandbox sandbox, String slaveName) {
        ServerInstance slave = sandbox.server(slaveName);
        slave.execute("STOP SLAVE", "RESET SLAVE ALL");
        sandbox.recordMaster(slaveName, null, null);
    }

    static void run(Connection c, String sql, ServerInstance s) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw s.failed(sql, e);
        }
    }
}
