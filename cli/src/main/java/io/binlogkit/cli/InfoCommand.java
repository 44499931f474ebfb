package io.binlogkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.binlogkit.parser.MasterInfo;
import io.binlogkit.parser.RelayLogInfo;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** {@code binlog info FILE}: a slave's {@code master.info} or {@code relay-log.info} as labelled fields. */
final class InfoCommand implements Command {
    enum Type { MASTER, RELAY }

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "print a master.info or relay-log.info file as labelled fields";
    }

    @Override
    public int run(String[] args, Terminal t) throws Exception {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("type").hasArg().argName("TYPE")
                .desc("master or relay (default: from the file name and content)").get());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("FMT")
                .desc("table (default: one 'Label: value' line per field) or json").get());
        CommandLine cl = CommandLineSupport.parse(o, args, "binlog info [OPTIONS] FILE",
                "Prints a slave's replication info file with the field names of SHOW SLAVE STATUS: master.info "
                        + "(the master's host, port, user, the binlog file and position the IO thread has read, SSL, "
                        + "heartbeat, MariaDB's Using_Gtid and domain filters) or relay-log.info (the relay log "
                        + "position and Relay_Master_Log_File/Exec_Master_Log_Pos, the position the SQL thread has "
                        + "applied). The server rewrites these files in place, so master.info is read up to its "
                        + "END_MARKER and relay-log.info up to its declared line count. The replication password is "
                        + "never printed, only whether one is set.", t);
        if (cl == null) {
            return ExitCode.OK;
        }
        if (cl.getArgList().size() != 1) {
            throw CliException.usage("expects one file");
        }
        Path file = Path.of(cl.getArgList().getFirst());
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        Type type = cl.hasOption("type") ? CommandLineSupport.enumValue(cl, "type", Type.class, null) : detect(file);
        Map<String, String> fields = type == Type.MASTER ? MasterInfo.read(file).fields()
                : RelayLogInfo.read(file).fields();
        OutputFormat f = CommandLineSupport.enumValue(cl, "format", OutputFormat.class, OutputFormat.TABLE);
        if (f == OutputFormat.JSON) {
            JsonGenerator g = new JsonFactory().createGenerator((OutputStream) t.out());
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setRootValueSeparator(null);
            g.writeStartObject();
            g.writeStringField("file", file.toString());
            g.writeStringField("type", type == Type.MASTER ? "master.info" : "relay-log.info");
            for (var e : fields.entrySet()) {
                g.writeStringField(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue());
            }
            g.writeEndObject();
            g.writeRaw('\n');
            g.flush();
        } else {
            int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
            for (var e : fields.entrySet()) {
                t.out().println(" ".repeat(width - e.getKey().length()) + e.getKey() + ": " + e.getValue());
            }
        }
        return ExitCode.OK;
    }

    /**
     * relay-log.info by name; otherwise master.info when its line count is MariaDB's or MySQL's
     * master.info count (relay-log.info declares at most 8 lines), or by name.
     */
    static Type detect(Path file) throws java.io.IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.contains("relay")) {
            return Type.RELAY;
        }
        if (name.contains("master")) {
            return Type.MASTER;
        }
        String head;
        try (var in = Files.newInputStream(file)) {
            head = new String(in.readNBytes(16), StandardCharsets.UTF_8).split("\n", 2)[0].strip();
        }
        if (head.matches("\\d+")) {
            return Integer.parseInt(head) > 10 ? Type.MASTER : Type.RELAY;
        }
        throw CliException.usage("cannot tell whether " + file + " is a master.info or a relay-log.info: give --type");
    }
}
