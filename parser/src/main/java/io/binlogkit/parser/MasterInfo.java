package io.binlogkit.parser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A slave's {@code master.info}: where its IO thread reads the master (file and position), how it
 * connects, and MariaDB's GTID and domain settings.
 *
 * <p>The layout is the one {@code flush_master_info} in MariaDB's sql/rpl_mi.cc writes: a line count
 * (33, counting the count line itself), then one value per line (log name, position, host, user, password, port, connect retry, the
 * SSL settings, heartbeat period, bind, ignored server ids, uuid, retry count, CRL file and path),
 * eleven empty lines reserved for MySQL 5.6+, then MariaDB's {@code key=value} lines
 * ({@code using_gtid}, {@code do_domain_ids}, {@code ignore_domain_ids}) and {@code END_MARKER}.
 * The server rewrites the file in place without truncating it, so whatever follows
 * {@code END_MARKER} is left-over text from a longer earlier version and is ignored, as the server
 * itself does ({@code Master_info::init}). Files of MySQL and of older servers (no line count before
 * 4.1, fewer lines before 5.1.16) are read as far as they go.
 *
 * <p>The file holds the replication password in clear text: {@link #password()} returns it, but
 * {@link #toString()} and {@link #fields()} never show it.
 */
public final class MasterInfo {
    /** {@code LINE_FOR_LAST_MYSQL_FUTURE}: the last line reserved for MySQL before MariaDB's key=value lines. */
    static final int MARIADB_KEY_VALUE_AFTER_LINE = 33;

    private final InfoFileLines lines;
    private final Map<String, String> keyValues;
    private final boolean endMarker;

    private MasterInfo(InfoFileLines lines) {
        this.lines = lines;
        Map<String, String> kv = new LinkedHashMap<>();
        boolean end = false;
        if (lines.declared >= MARIADB_KEY_VALUE_AFTER_LINE) {
            for (int i = lines.declared; i < lines.lines.size(); i++) {
                String l = lines.lines.get(i);
                if (l.equals("END_MARKER")) {
                    end = true;
                    break;
                }
                int eq = l.indexOf('=');
                if (eq > 0) {
                    kv.putIfAbsent(l.substring(0, eq), l.substring(eq + 1)); // the first occurrence wins, as in rpl_mi.cc
                }
            }
        }
        this.keyValues = Collections.unmodifiableMap(kv);
        this.endMarker = end;
        // Fail early, with the line number, on a number that does not parse.
        masterLogPosition();
        port();
        connectRetry();
    }

    public static MasterInfo read(Path file) throws IOException {
        return new MasterInfo(InfoFileLines.read(file, true));
    }

    /** Parses the text of a master.info; {@code source} names it in errors and may be {@code null}. */
    public static MasterInfo parse(String text, Path source) {
        return new MasterInfo(InfoFileLines.parse(text, source, true));
    }

    /** The line count of the first line, or -1 for files older than MySQL 4.1 that have none. */
    public int declaredLines() {
        return lines.declared;
    }

    /** Whether MariaDB's {@code END_MARKER} line was found (files of MariaDB 10.1 and later have one). */
    public boolean hasEndMarker() {
        return endMarker;
    }

    /** {@code Master_Log_File}: the master binlog the IO thread reads. */
    public String masterLogFile() {
        return lines.text(0);
    }

    /** {@code Read_Master_Log_Pos}. */
    public long masterLogPosition() {
        return lines.number(1, "master log position", 4);
    }

    public String host() {
        return lines.text(2);
    }

    public String user() {
        return lines.text(3);
    }

    /** The replication password, in clear text as the file holds it. Never log it. */
    public String password() {
        return lines.text(4);
    }

    public int port() {
        return (int) lines.number(5, "port", 3306);
    }

    public int connectRetry() {
        return (int) lines.number(6, "connect retry", 60);
    }

    public boolean ssl() {
        return lines.number(7, "ssl", 0) != 0;
    }

    public String sslCa() {
        return lines.text(8);
    }

    public String sslCaPath() {
        return lines.text(9);
    }

    public String sslCert() {
        return lines.text(10);
    }

    public String sslCipher() {
        return lines.text(11);
    }

    public String sslKey() {
        return lines.text(12);
    }

    public boolean sslVerifyServerCert() {
        return lines.number(13, "ssl verify server cert", 0) != 0;
    }

    /** Seconds between heartbeats, or -1 when the file is too old to record it. */
    public double heartbeatPeriod() {
        return lines.decimal(14, "heartbeat period", -1);
    }

    public String bind() {
        return lines.text(15);
    }

    /** {@code IGNORE_SERVER_IDS}. */
    public List<Long> ignoreServerIds() {
        return lines.idList(lines.text(16), "ignore server ids", lines.first + 17);
    }

    public String masterUuid() {
        return lines.text(17);
    }

    public long retryCount() {
        return lines.number(18, "retry count", 0);
    }

    public String sslCrl() {
        return lines.text(19);
    }

    public String sslCrlPath() {
        return lines.text(20);
    }

    /** MariaDB's {@code using_gtid}: 0 no, 1 current_pos, 2 slave_pos; {@code null} when absent. */
    public Integer usingGtid() {
        String v = keyValues.get("using_gtid");
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw new BinlogFormatException(lines.file, -1, "using_gtid", "a number", v);
        }
    }

    public List<Long> doDomainIds() {
        return lines.idList(keyValues.get("do_domain_ids"), "do_domain_ids", -1);
    }

    public List<Long> ignoreDomainIds() {
        return lines.idList(keyValues.get("ignore_domain_ids"), "ignore_domain_ids", -1);
    }

    /** MariaDB's key=value lines before {@code END_MARKER}, as found. */
    public Map<String, String> keyValues() {
        return keyValues;
    }

    /**
     * The fields present in the file, labelled as {@code SHOW SLAVE STATUS} labels them, in file
     * order; the password appears only as whether one is set.
     */
    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Lines", lines.declared < 0 ? "(old format without a line count)" : Integer.toString(lines.declared));
        String[] labels = {"Master_Log_File", "Read_Master_Log_Pos", "Master_Host", "Master_User", "Master_Password",
                "Master_Port", "Connect_Retry", "Master_SSL_Allowed", "Master_SSL_CA_File", "Master_SSL_CA_Path",
                "Master_SSL_Cert", "Master_SSL_Cipher", "Master_SSL_Key", "Master_SSL_Verify_Server_Cert",
                "Master_Heartbeat_Period", "Master_Bind", "Replicate_Ignore_Server_Ids", "Master_UUID",
                "Master_Retry_Count", "Master_SSL_Crl", "Master_SSL_Crlpath"};
        for (int i = 0; i < labels.length && lines.has(i); i++) {
            String v = lines.text(i);
            if (i == 4) {
                v = v.isEmpty() ? "(none)" : "(set, hidden)";
            } else if (i == 7 || i == 13) {
                v = lines.number(i, labels[i], 0) != 0 ? "Yes" : "No";
            } else if (i == 16) {
                v = ignoreServerIds().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
            }
            f.put(labels[i], v);
        }
        if (usingGtid() != null) {
            f.put("Using_Gtid", switch (usingGtid()) {
                case 0 -> "No";
                case 1 -> "Current_Pos";
                case 2 -> "Slave_Pos";
                default -> usingGtid().toString();
            });
        }
        if (keyValues.containsKey("do_domain_ids")) {
            f.put("Replicate_Do_Domain_Ids", join(doDomainIds()));
        }
        if (keyValues.containsKey("ignore_domain_ids")) {
            f.put("Replicate_Ignore_Domain_Ids", join(ignoreDomainIds()));
        }
        return f;
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
    }

    @Override
    public String toString() {
        return "MasterInfo" + fields();
    }
}
