package io.binlogkit.sandbox;

import io.binlogkit.parser.BinlogPosition;

import java.util.List;

/**
 * One server's line of {@code sandbox progress}, the tutorial's "comparing progress of slaves".
 *
 * @param name         the server
 * @param running      whether it runs
 * @param masterStatus the end of its own binlog, or {@code null} without binary logging or when down
 * @param masterName   the sandbox server it replicates from, or {@code null}
 * @param slave        its slave status, or {@code null} when it replicates from nobody
 * @param slaveHosts   {@code SHOW SLAVE HOSTS}: the slaves connected to it
 * @param error        why the server could not be asked, or {@code null}
 */
public record ServerProgress(String name, boolean running, BinlogPosition masterStatus, String masterName,
                             SlaveStatus slave, List<SlaveHost> slaveHosts, String error) {

    /** One row of {@code SHOW SLAVE HOSTS} (MariaDB 10.11: four columns). */
    public record SlaveHost(long serverId, String host, int port, long masterId) {
    }
}
