package io.binlogkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class InfoCommandTest {
    static final String MASTER_INFO = "33\nmaster-bin.000001\n762\n127.0.0.1\nrepl_user\nTopSecret99\n43361\n1\n0\n"
            + "\n\n\n\n\n0\n30.000\n\n0\n\n0\n\n\n" + "\n".repeat(11)
            + "using_gtid=0\ndo_domain_ids=0\nignore_domain_ids=0\nEND_MARKER\nids=0\nEND_MARKER\n";

    @Test
    void printsMasterInfoAsLabelledFieldsWithoutThePassword(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("master.info"), MASTER_INFO);
        CliRun r = CliRun.run("binlog", "info", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("    Master_Log_File: master-bin.000001", "Read_Master_Log_Pos: 762",
                "Master_Port: 43361", "Master_Password: (set, hidden)", "Using_Gtid: No").doesNotContain("TopSecret99");
    }

    @Test
    void printsRelayLogInfoAsJson(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("relay-log.info"), "5\n./slave-relay-bin.000003\n556\nmaster-bin.000001\n762\n0\n");
        CliRun r = CliRun.run("binlog", "info", "--format", "json", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("{\"file\":").contains("\"type\":\"relay-log.info\"",
                "\"exec_master_log_pos\":\"762\"");
    }

    @Test
    void detectsTheTypeFromTheLineCountAndReportsBadFiles(@TempDir Path dir) throws Exception {
        Path m = Files.writeString(dir.resolve("copy-1"), MASTER_INFO);
        assertThat(CliRun.run("binlog", "info", m.toString()).out()).contains("Master_Host: 127.0.0.1");
        Path r = Files.writeString(dir.resolve("copy-2"), "5\n./r.000003\n556\nm.000001\n762\n0\n");
        assertThat(CliRun.run("binlog", "info", r.toString()).out()).contains("Relay_Log_File: ./r.000003");
        Path bad = Files.writeString(dir.resolve("master.info"), MASTER_INFO.replace("\n762\n", "\nabc\n"));
        CliRun b = CliRun.run("binlog", "info", bad.toString());
        assertThat(b.code()).isEqualTo(ExitCode.BAD_DATA);
        assertThat(b.err()).contains("line 3").contains("abc");
        assertThat(CliRun.run("binlog", "info", dir.resolve("none").toString()).code()).isEqualTo(ExitCode.IO);
        Path odd = Files.writeString(dir.resolve("x"), "hello\n");
        assertThat(CliRun.run("binlog", "info", odd.toString()).code()).isEqualTo(ExitCode.USAGE);
    }
}
