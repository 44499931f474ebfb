package io.binlogkit.pitr;

/**
 * What a server says about itself: enough to tell two servers apart (the same datadir on the same
 * host is the same server) and to check that binlogs were written by the server a backup came from.
 *
 * @param serverId        {@code @@server_id}
 * @param version         {@code @@version}
 * @param hostname        {@code @@hostname}
 * @param port            {@code @@port}
 * @param datadir         {@code @@datadir}, as the server prints it
 * @param logBinBasename  {@code @@log_bin_basename} (directory and base name of its binlogs), or {@code null}
 *                        when the server writes none
 * @param gtidBinlogPos   {@code @@gtid_binlog_pos} when read, or {@code ""}
 */
public record ServerIdentity(long serverId, String version, String hostname, int port, String datadir,
                             String logBinBasename, String gtidBinlogPos) {

    /** Whether {@code other} is the same server as this one: the same datadir on the same host. */
    public boolean sameServerAs(ServerIdentity other) {
        return other != null && hostname.equals(other.hostname) && normalize(datadir).equals(normalize(other.datadir));
    }

    private static String normalize(String dir) {
        return dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }

    /** One line for messages. */
    public String describe() {
        return "server_id " + serverId + ", " + version + ", " + hostname + ":" + port + ", datadir " + datadir;
    }
}
