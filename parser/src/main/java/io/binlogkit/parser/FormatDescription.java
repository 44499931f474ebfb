package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The layout of the events that follow a Format_description (v4) or Start_v3 (v1, v3) event:
 * common header length, the post-header length of each event type, and the checksum algorithm.
 * Decoders take post-header lengths from here rather than from version checks, so that binlog v1
 * (MySQL 3.23), v3 (4.0) and v4 (5.0 – 9.x, MariaDB) go through the same code.
 *
 * <p>Layout of the v4 event body (MySQL {@code Format_description_event}, MariaDB
 * {@code Format_description_log_event}): binlog_version u16, server_version char[50],
 * create_timestamp u32, common_header_len u8, post_header_len u8[n], and, when the writing server
 * is checksum-aware (MySQL ≥ 5.6.1, MariaDB ≥ 5.3), checksum_alg u8 followed by the event's own
 * CRC32 (present whatever the algorithm, see the comment in {@code Format_description_log_event::write}).
 */
public final class FormatDescription {
    /** Header length of binlog v1 (3.23): timestamp, type, server_id, event_size. */
    static final int V1_HEADER_LENGTH = 13;
    /** Header length of binlog v3 and v4: adds log_pos (u32) and flags (u16). */
    static final int V4_HEADER_LENGTH = 19;
    static final int SERVER_VERSION_LENGTH = 50;
    /** binlog_version + server_version + create_timestamp + common_header_len. */
    static final int FIXED_BODY_LENGTH = 2 + SERVER_VERSION_LENGTH + 4 + 1;

    private final int binlogVersion;
    private final String serverVersion;
    private final long createTimestamp;
    private final int headerLength;
    private final byte[] postHeaderLengths;
    private final ChecksumAlgorithm checksum;
    private final boolean mariaDb;
    private final int[] versionSplit;
    /** Maps the type codes of a pre-GA 5.1/5.2 "-a_drop" server to today's, or null. */
    private final byte[] typePermutation;

    FormatDescription(int binlogVersion, String serverVersion, long createTimestamp, int headerLength,
                      byte[] postHeaderLengths, ChecksumAlgorithm checksum) {
        this(binlogVersion, serverVersion, createTimestamp, headerLength, postHeaderLengths, checksum, null);
    }

    private FormatDescription(int binlogVersion, String serverVersion, long createTimestamp, int headerLength,
                      byte[] postHeaderLengths, ChecksumAlgorithm checksum, byte[] typePermutation) {
        this.binlogVersion = binlogVersion;
        this.serverVersion = serverVersion;
        this.createTimestamp = createTimestamp;
        this.headerLength = headerLength;
        this.postHeaderLengths = postHeaderLengths;
        this.checksum = checksum;
        this.mariaDb = serverVersion.contains("MariaDB");
        this.versionSplit = splitVersion(serverVersion);
        this.typePermutation = typePermutation;
    }

    /**
     * The event type a code in the file stands for. Identity except for the pre-GA "-a_drop" trees
     * of MySQL 5.1/5.2, whose codes were numbered differently.
     */
    public int eventType(int codeInFile) {
        return typePermutation != null && codeInFile < typePermutation.length
                ? typePermutation[codeInFile] & 0xFF : codeInFile;
    }

    /** Binlog format version: 1 (MySQL 3.23), 3 (4.0) or 4. */
    public int binlogVersion() {
        return binlogVersion;
    }

    /** The writing server's version string, e.g. {@code 10.11.19-MariaDB-0+deb12u1-log}. */
    public String serverVersion() {
        return serverVersion;
    }

    /** Seconds since the epoch when the file was created; 0 when the server left it unset. */
    public long createTimestamp() {
        return createTimestamp;
    }

    /** Length of the common event header: 13 for v1, 19 otherwise. */
    public int headerLength() {
        return headerLength;
    }

    public ChecksumAlgorithm checksum() {
        return checksum;
    }

    /** Whether the writing server is MariaDB (its event codes from 160 and its printing rules apply). */
    public boolean isMariaDb() {
        return mariaDb;
    }

    /** Number of event types this description has post-header lengths for. */
    public int eventTypeCount() {
        return postHeaderLengths.length;
    }

    /**
     * Post-header length of an event type, from the description; types past its table (newer than the
     * writing server) have none.
     */
    public int postHeaderLength(int typeCode) {
        int i = typeCode - 1;
        return i >= 0 && i < postHeaderLengths.length ? postHeaderLengths[i] & 0xFF : 0;
    }

    /** The server version as {major, minor, patch}; zeros where the string has no number. */
    public int[] versionSplit() {
        return versionSplit.clone();
    }

    /** Whether the writing server's version is at least {@code major.minor.patch}. */
    public boolean versionAtLeast(int major, int minor, int patch) {
        return compare(versionSplit, major, minor, patch) >= 0;
    }

    /** A copy of this description whose events carry no checksum trailer (events inside a payload). */
    FormatDescription withoutChecksum() {
        return new FormatDescription(binlogVersion, serverVersion, createTimestamp, headerLength,
                postHeaderLengths, ChecksumAlgorithm.OFF, typePermutation);
    }

    // ---- reading -------------------------------------------------------------------------------

    /**
     * Reads the Format_description event at {@code start} (already framed: {@code length} bytes lie
     * inside the segment).
     */
    static FormatDescription read(Path file, MemorySegment seg, long start, int length) {
        int fixedHeader = V4_HEADER_LENGTH;
        if (length < fixedHeader + FIXED_BODY_LENGTH) {
            throw new BinlogFormatException(file, start, "Format_description event length",
                    ">= " + (fixedHeader + FIXED_BODY_LENGTH), String.valueOf(length));
        }
        long body = start + fixedHeader;
        int binlogVersion = Bytes.u16(seg, body);
        String version = serverVersion(seg, body + 2);
        long created = Bytes.u32(seg, body + 2 + SERVER_VERSION_LENGTH);
        int headerLength = Bytes.u8(seg, body + 2 + SERVER_VERSION_LENGTH + 4);
        if (binlogVersion != 4) {
            throw new BinlogFormatException(file, start, "Format_description binlog version", "4",
                    String.valueOf(binlogVersion));
        }
        if (splitVersion(version)[0] < 3) {
            throw new BinlogFormatException(file, start, "Format_description server version",
                    "a version string such as 10.11.6-MariaDB or 8.0.36", "'" + version + "'");
        }
        if (headerLength < V4_HEADER_LENGTH) {
            throw new BinlogFormatException(file, start, "Format_description common header length",
                    ">= " + V4_HEADER_LENGTH, String.valueOf(headerLength));
        }
        int tableStart = FIXED_BODY_LENGTH;
        int available = length - fixedHeader - tableStart;
        ChecksumAlgorithm alg = ChecksumAlgorithm.UNDEFINED;
        int[] split = splitVersion(version);
        boolean mariaDb = version.contains("MariaDB");
        boolean checksumAware = mariaDb ? compare(split, 5, 3, 0) >= 0 : compare(split, 5, 6, 1) >= 0;
        if (checksumAware && available >= 5) {
            int code = Bytes.u8(seg, start + length - 5);
            alg = ChecksumAlgorithm.ofCode(code);
            if (alg == null) {
                throw new BinlogFormatException(file, start, "checksum algorithm", "0 (NONE), 1 (CRC32) or 255",
                        String.valueOf(code));
            }
            available -= 5;
        }
        byte[] post = Bytes.copy(seg, body + tableStart, available);
        byte[] perm = null;
        if (isDropTree(version)) {
            if (post.length != DROP_TREE_PERMUTATION.length - 1) {
                throw new BinlogFormatException(file, start, "Format_description of " + version,
                        (DROP_TREE_PERMUTATION.length - 1) + " event types", String.valueOf(post.length));
            }
            perm = DROP_TREE_PERMUTATION;
            byte[] permuted = new byte[post.length];
            for (int i = 1; i < perm.length; i++) {
                permuted[perm[i] - 1] = post[i - 1];
            }
            post = permuted;
        }
        return new FormatDescription(4, version, created, headerLength, post, alg, perm);
    }

    /**
     * Event type codes of the MySQL 5.1/5.2 "-a_drop" development trees (wl2325), in their order,
     * as {@code Format_description_event} remaps them (Mats Kindahl's permutation in
     * {@code control_events.cpp}).
     */
    private static final byte[] DROP_TREE_PERMUTATION = {
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
            19, 20, 21, 22, 16, 17, 18
    };

    private static boolean isDropTree(String v) {
        if (v.length() < 13 || v.charAt(0) != '5' || !v.startsWith("-a_drop", 5)) {
            return false;
        }
        char minor = v.charAt(2);
        char patch = v.charAt(4);
        char drop = v.charAt(12);
        return (minor == '1' && patch >= '1' && patch <= '5' && drop == '5')
                || (minor == '1' && patch == '4' && drop == '6')
                || (minor == '2' && patch >= '0' && patch <= '2' && drop == '6');
    }

    /**
     * Describes a binlog v1 or v3 file from its Start_v3 event, with the post-header lengths that
     * MySQL 3.23 / 4.0 used (see the {@code binlog_ver 1 / 3} branch of the
     * {@code Format_description_log_event} constructor in {@code log_event.cc}).
     */
    static FormatDescription forStartV3(int binlogVersion, String serverVersion, long created) {
        byte[] post = new byte[EventType.FORMAT_DESCRIPTION.code() - 1];
        post[EventType.START_V3.code() - 1] = 56;
        post[EventType.QUERY.code() - 1] = 11;
        post[EventType.ROTATE.code() - 1] = (byte) (binlogVersion == 1 ? 0 : 8);
        post[EventType.LOAD.code() - 1] = 18;
        post[EventType.CREATE_FILE.code() - 1] = 4;
        post[EventType.APPEND_BLOCK.code() - 1] = 4;
        post[EventType.EXEC_LOAD.code() - 1] = 4;
        post[EventType.DELETE_FILE.code() - 1] = 4;
        post[EventType.NEW_LOAD.code() - 1] = 18;
        return new FormatDescription(binlogVersion, serverVersion, created,
                binlogVersion == 1 ? V1_HEADER_LENGTH : V4_HEADER_LENGTH, post, ChecksumAlgorithm.UNDEFINED);
    }

    static String serverVersion(MemorySegment seg, long off) {
        int len = Bytes.cstrLength(seg, off, off + SERVER_VERSION_LENGTH);
        return Bytes.latin1(seg, off, len);
    }

    private static int[] splitVersion(String v) {
        int[] out = new int[3];
        int part = 0;
        int i = 0;
        while (part < 3 && i < v.length()) {
            int n = 0;
            boolean any = false;
            while (i < v.length() && Character.isDigit(v.charAt(i))) {
                n = n * 10 + (v.charAt(i) - '0');
                i++;
                any = true;
            }
            if (!any) {
                break;
            }
            out[part++] = n;
            if (i < v.length() && v.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        return out;
    }

    private static int compare(int[] split, int major, int minor, int patch) {
        if (split[0] != major) {
            return Integer.compare(split[0], major);
        }
        if (split[1] != minor) {
            return Integer.compare(split[1], minor);
        }
        return Integer.compare(split[2], patch);
    }

    @Override
    public String toString() {
        return "FormatDescription[v" + binlogVersion + ", " + serverVersion + ", header " + headerLength
                + ", " + checksum + ", " + Arrays.toString(versionSplit) + "]";
    }
}
