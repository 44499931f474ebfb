package io.binlogkit.cli;

import io.binlogkit.sandbox.Role;
import io.binlogkit.sandbox.ServerInstance;
import org.apache.commons.cli.CommandLine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code sandbox add name=N roles=R [port=P]}: a new server's defaults file and datadir (not started). */
final class SandboxAddCommand extends SandboxCommands.Base {
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
