package io.binlogkit.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The programs and their commands. Add a command here to make it reachable. */
final class Programs {
    private static final Map<String, List<Command>> PROGRAMS = new LinkedHashMap<>();

    static {
        PROGRAMS.put("binlog", List.of(
                new DumpCommand(),
                new EventsCommand(),
                new LsCommand(),
                new StatsCommand(),
                new IndexCommand(),
                new SearchCommand(),
                new InfoCommand()));
        PROGRAMS.put("sandbox", SandboxCommands.all());
        PROGRAMS.put("pitr", PitrCommands.all());
    }

    private Programs() {
    }

    static List<Command> commands(String program) {
        return PROGRAMS.get(program);
    }

    static String names() {
        return String.join(", ", PROGRAMS.keySet());
    }
}
