package io.binlogkit.emitter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@code --hexdump}: the event's common header field by field, then the rest like
 * {@code hexdump -C}, every line a comment. Mirrors {@code hexdump_minimal_header_to_io_cache} and
 * {@code hexdump_data_to_io_cache} in MariaDB's {@code sql/log_event_client.cc}, down to the
 * padding of a short last line.
 */
final class HexDump {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int PER_LINE = 16;
    /** '#', ' ', 8 address characters, two spaces. */
    private static final int HEX_START = 12;
    /** Each byte as two digits and a space, plus one space in the middle. */
    private static final int HEX_WIDTH = PER_LINE * 3 + 1;
    private static final int TEXT_START = HEX_START + HEX_WIDTH + 2;
    private static final int LINE = TEXT_START + PER_LINE + 2;

    private final byte[] line = new byte[LINE];

    /**
     * Appends the dump of the event {@code ev} (header length {@code headerLength}, whole event
     * including its checksum) whose addresses start at {@code from}.
     */
    void append(MemorySegment ev, int headerLength, long from, ByteSink out) {
        out.ascii("# Position\n");
        out.ascii("#           |Timestamp   |Type |Master ID   |Size        |Master Pos  |Flags\n");
        out.ascii("# ");
        address(from, out);
        out.ascii("  |");
        bytes(ev, 0, 4, out);
        out.byte_('|');
        bytes(ev, 4, 1, out);
        out.ascii("  |");
        bytes(ev, 5, 4, out);
        out.byte_('|');
        bytes(ev, 9, 4, out);
        out.byte_('|');
        bytes(ev, 13, 4, out);
        out.byte_('|');
        hex(ev.get(ValueLayout.JAVA_BYTE, 17), out);
        out.byte_(' ');
        hex(ev.get(ValueLayout.JAVA_BYTE, 18), out);
        out.ascii("\n#\n");
        data(ev, headerLength, ev.byteSize() - headerLength, from + headerLength, out);
    }

    private static void bytes(MemorySegment ev, int off, int n, ByteSink out) {
        for (int i = 0; i < n; i++) {
            hex(ev.get(ValueLayout.JAVA_BYTE, off + i), out);
            out.byte_(' ');
        }
    }

    private static void hex(byte b, ByteSink out) {
        out.byte_(HEX[(b >> 4) & 0xF]).byte_(HEX[b & 0xF]);
    }

    /** {@code %8llx}: lower-case hex, right-aligned in 8 columns (wider when it must be). */
    private static void address(long v, ByteSink out) {
        String s = Long.toHexString(v);
        for (int i = s.length(); i < 8; i++) {
            out.byte_(' ');
        }
        out.ascii(s);
    }

    private void data(MemorySegment ev, long off, long size, long from, ByteSink out) {
        if (size <= 0) {
            return;
        }
        long lineStart = from;
        int n = 0;
        for (long i = 0; i < size; i++) {
            if (n == 0) {
                java.util.Arrays.fill(line, (byte) ' ');
                line[0] = '#';
                line[TEXT_START - 1] = '|';
                line[LINE - 2] = '|';
                line[LINE - 1] = '\n';
            }
            byte b = ev.get(ValueLayout.JAVA_BYTE, off + i);
            int h = HEX_START + n * 3 + (n >= PER_LINE / 2 ? 1 : 0);
            line[h] = HEX[(b >> 4) & 0xF];
            line[h + 1] = HEX[b & 0xF];
            int c = b & 0xFF;
            line[TEXT_START + n] = c >= 0x20 && c < 0x7F ? b : (byte) '.';
            n++;
            if (n == PER_LINE) {
                emit(lineStart, LINE, out);
                lineStart += PER_LINE;
                n = 0;
            }
        }
        if (n > 0) {
            // A short last line keeps the hex column's width; the text column ends after its bytes.
            line[TEXT_START + n] = '|';
            line[TEXT_START + n + 1] = '\n';
            emit(lineStart, TEXT_START + n + 2, out);
        }
        out.ascii("#\n");
    }

    private void emit(long address, int length, ByteSink out) {
        out.byte_('#').byte_(' ');
        String s = Long.toHexString(address);
        if (s.length() > 8) {
            // my_snprintf(emit_buffer + 2, 9, "%8llx") keeps only the first 8 characters.
            out.ascii(s.substring(0, 8));
        } else {
            address(address, out);
        }
        out.bytes(line, 10, length - 10);
    }
}
