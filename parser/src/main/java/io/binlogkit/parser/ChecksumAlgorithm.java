package io.binlogkit.parser;

/** {@code binlog_checksum}: the value of the algorithm byte at the end of a Format_description event. */
public enum ChecksumAlgorithm {
    /** Written by a checksum-aware server with {@code binlog_checksum=NONE}. */
    OFF(0),
    CRC32(1),
    /** Written by a server that predates checksums (MySQL &lt; 5.6.1, MariaDB &lt; 5.3): no trailer. */
    UNDEFINED(255);

    private final int code;

    ChecksumAlgorithm(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Whether events carry a 4-byte CRC32 trailer. */
    public boolean hasTrailer() {
        return this == CRC32;
    }

    static ChecksumAlgorithm ofCode(int code) {
        return switch (code) {
            case 0 -> OFF;
            case 1 -> CRC32;
            case 255 -> UNDEFINED;
            default -> null;
        };
    }
}
