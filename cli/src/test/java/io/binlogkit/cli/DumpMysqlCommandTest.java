package io.binlogkit.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code binlog dump} of MySQL-written files: dispatch to the MySQL format, refusals with exit code 5. */
class DumpMysqlCommandTest {
    private static final Path DIR = DumpCommandTest.repo().resolve("../shared/fixtures/rust_mysql_common").normalize();

    private static Path fixture(String name) {
        Path p = DIR.resolve(name);
        Assumptions.assumeTrue(Files.exists(p), "public fixture absent (skipped): " + p);
        return p;
    }

    @Test
    void mysqlFileIsPrintedInMysqlbinlogsFormat() {
        DumpCommandTest.Run r = DumpCommandTest.run(fixture("minimal_row_metadata.000001").toString());
        assertThat(r.code()).isEqualTo(ExitCode.OK);
        String out = new String(r.out(), StandardCharsets.ISO_8859_1);
        assertThat(out).startsWith("# The proper term is pseudo_replica_mode");
        assertThat(out).contains("\tPrevious-GTIDs\n", "SET @@SESSION.GTID_NEXT= 'ANONYMOUS'/*!*/;\n",
                "\nBINLOG '\n", "# End of log file\n");
    }

    @Test
    void whatIsNotImplementedIsRefused() {
        Path f = fixture("minimal_row_metadata.000001");
        for (String opt : new String[]{"-v", "--flashback", "--database=test", "--table=t"}) {
            DumpCommandTest.Run r = DumpCommandTest.run(opt, f.toString());
            assertThat(r.code()).as(opt).isEqualTo(ExitCode.UNSUPPORTED);
            assertThat(r.err()).as(opt).contains("MySQL");
        }
        DumpCommandTest.Run old = DumpCommandTest.run(fixture("bug16266.000001").toString());
        assertThat(old.code()).isEqualTo(ExitCode.UNSUPPORTED);
        assertThat(old.err()).contains("MySQL 5.0.16");
        // pre-GA row events (MySQL 5.1.0-5.1.17), which MySQL 8.4 cannot read either
        DumpCommandTest.Run preGa = DumpCommandTest.run(fixture("ver_5_1-wl2325_r.001").toString());
        assertThat(preGa.code()).isEqualTo(ExitCode.UNSUPPORTED);
        assertThat(preGa.err()).contains("Write_rows_event_old");
        DumpCommandTest.Run mixed = DumpCommandTest.run(fixture("minimal_row_metadata.000001").toString(),
                fixture("mariadb-bin.000001").toString());
        assertThat(mixed.code()).isEqualTo(ExitCode.UNSUPPORTED);
    }
}
