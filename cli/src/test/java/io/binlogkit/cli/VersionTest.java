package io.binlogkit.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --version} on the three programs and on every one of their commands. */
class VersionTest {
    /** The Maven project version, passed by the cli module's surefire configuration. */
    private static final String VERSION = System.getProperty("binlogkit.version", "");

    private static List<String> programs() {
        return List.of(Programs.names().split(", "));
    }

    private static void assertVersionLine(CliRun r, String program) {
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).matches("\\Q" + program + " (binlogkit) " + VERSION + "\\E( \\(git [0-9a-f]{7,40}(-dirty)?\\))?\n");
    }

    @Test
    void theMavenVersionReachesTheResource() {
        assertThat(VERSION).as("-Dbinlogkit.version from the pom").isNotBlank();
        assertThat(Version.line("binlog")).startsWith("binlog (binlogkit) " + VERSION);
    }

    @Test
    void everyProgramPrintsOneVersionLine() {
        assertThat(programs()).containsExactly("binlog", "sandbox", "pitr");
        for (String program : programs()) {
            assertVersionLine(CliRun.run(program, "--version"), program);
        }
    }

    @Test
    void everyCommandPrintsTheVersionLineOfItsProgram() {
        List<String> checked = new ArrayList<>();
        for (String program : programs()) {
            for (Command c : Programs.commands(program)) {
                assertVersionLine(CliRun.run(program, c.name(), "--version"), program);
                checked.add(program + " " + c.name());
            }
        }
        assertThat(checked).contains("binlog dump", "binlog events", "sandbox add", "pitr restore");
    }

    @Test
    void versionWinsOverMissingArgumentsButNotOverHelp() {
        assertVersionLine(CliRun.run("binlog", "dump", "--version", "no-such-file"), "binlog");
        CliRun help = CliRun.run("binlog", "dump", "--help", "--version");
        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("usage: binlog dump");
    }

    @Test
    void helpListsIt() {
        for (String program : programs()) {
            assertThat(CliRun.run(program, "--help").out()).contains("--version  print the version and exit");
            String first = Programs.commands(program).getFirst().name();
            assertThat(CliRun.run(program, first, "--help").out()).contains("--version").contains("print the version and exit");
        }
    }
}
