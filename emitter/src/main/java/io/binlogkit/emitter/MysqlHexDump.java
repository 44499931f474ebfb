package io.binlogkit.emitter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * {@code --hexdump} as MySQL's {@code mysqlbinlog} prints it ({@code Log_event::print_header} in
 * {@code sql/log_event.cc}): the 19-byte common header on one line under a legend, then the rest of the
 * event sixteen bytes a line ({@code # %8.8lx %-48.48s |%16s|}), letters and digits shown as
 * themselves and every other byte as a dot. (MariaDB's layout, {@link HexDump}, differs.)
 */
final class MysqlHexDump {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private MysqlHexDump() {
    }

    /** Appends the dump of {@code ev} (the whole event, checksum included) read at offset {@code from}. */
    static void append(MemorySegment ev, long from, ByteSink out) {
        out.ascii("# Position  Timestamp   Type   Master ID        Size      Master Pos    Flags \n");
        out.ascii("# ");
        address(from, out);
        int[] groups = {4, 1, 4, 4, 4, 2};
        String[] gaps = {" ", "   ", "   ", "   ", "   ", "   "};
        int p = 0;
        for (int g = 0; g < groups.length; g++) {
            out.ascii(gaps[g]);
            for (int i = 0; i < groups[g]; i++) {
                if (i > 0) {
                    out.byte_(' ');
                }
                hex(ev.get(ValueLayout.JAVA_BYTE, p++), out);
            }
        }
        out.byte_('\n');
        long base = from + 19;
        long size = ev.byteSize() - 19;
        byte[] chars = new byte[16];
        int n = 0;
        for (long i = 0; i < size; i++) {
            if (n == 0) {
                out.ascii("# ");
                address(base + i, out);
                out.byte_(' ');
            }
            byte b = ev.get(ValueLayout.JAVA_BYTE, 19 + i);
            if (n <= 7) {
                hex(b, out);
                if (n < 15) {
                    out.byte_(' ');
                }
            } else {
                out.byte_(' ');
                hex(b, out);
            }
            int c = b & 0xFF;
            chars[n] = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ? b : (byte) '.';
            n++;
            if (n == 16) {
                out.ascii(" |").bytes(chars, 0, 16).ascii("|\n");
                n = 0;
            }
        }
        if (n > 0) {
            // The hex column right-padded with spaces to 48 characters.
            int written = n <= 8 ? n * 3 : 24 + (n - 8) * 3;
            for (int k = written; k < 48; k++) {
                out.byte_(' ');
            }
            out.ascii(" |").bytes(chars, 0, n).ascii("|\n");
        }
        out.ascii("# ");
    }

    private static void hex(byte b, ByteSink out) {
        out.byte_(HEX[(b >> 4) & 0xF]).byte_(HEX[b & 0xF]);
    }

    /** {@code %8.8lx}: at least eight lower-case hex digits, zero-padded. */
    private static void address(long v, ByteSink out) {
        String s = Long.toHexString(v);
        for (int i = s.length(); i < 8; i++) {
            out.byte_('0');
        }
        out.ascii(s);
    }
}
