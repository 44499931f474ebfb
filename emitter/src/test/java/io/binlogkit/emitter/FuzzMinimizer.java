package io.binlogkit.emitter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shrinks a fuzzing finding to a small regression input: {@code java … FuzzMinimizer MODE IN OUT}
 * (MODE one of {@link DumpTarget.Mode}) keeps the failure (the same exception class thrown along the
 * same binlogkit methods) while it drops whole events (the first event, the format description, stays), then
 * cuts the tail of the last event and zeroes bytes that do not matter. Not a test; run by hand.
 */
public final class FuzzMinimizer {
    private FuzzMinimizer() {
    }

    public static void main(String[] args) throws Exception {
        DumpTarget.Mode mode = DumpTarget.Mode.valueOf(args[0]);
        byte[] in = Files.readAllBytes(Path.of(args[1]));
        String sig = signature(in, mode);
        if (sig == null) {
            throw new IllegalStateException("the input does not fail");
        }
        System.err.println("failure: " + sig);
        byte[] cur = in;
        boolean progress = true;
        while (progress) {
            progress = false;
            List<int[]> events = events(cur);
            for (int i = events.size() - 1; i >= 1; i--) {
                int[] e = events.get(i);
                byte[] cand = remove(cur, e[0], e[1]);
                if (sig.equals(signature(cand, mode))) {
                    cur = cand;
                    progress = true;
                    events = events(cur);
                    i = Math.min(i, events.size());
                }
            }
        }
        // cut the tail
        for (int n = cur.length - 1; n > 4; n--) {
            byte[] cand = Arrays.copyOf(cur, n);
            if (sig.equals(signature(cand, mode))) {
                cur = cand;
            } else {
                break;
            }
        }
        // zero what does not matter (readability of a hex dump)
        for (int i = 4; i < cur.length; i++) {
            if (cur[i] != 0) {
                byte[] cand = cur.clone();
                cand[i] = 0;
                if (sig.equals(signature(cand, mode))) {
                    cur = cand;
                }
            }
        }
        Files.write(Path.of(args[2]), cur);
        System.err.println(in.length + " -> " + cur.length + " bytes, " + events(cur).size() + " events");
    }

    /**
     * The exception class and the binlogkit methods on its stack (without line numbers), or null when
     * the input passes: a smaller input must fail the same way along the same path.
     */
    static String signature(byte[] input, DumpTarget.Mode mode) {
        try {
            DumpTarget.dumpAllowingTypedErrors(input, mode);
            return null;
        } catch (Throwable t) {
            StringBuilder sb = new StringBuilder(t.getClass().getName());
            for (StackTraceElement f : t.getStackTrace()) {
                if (f.getClassName().startsWith("io.binlogkit.") && !f.getClassName().startsWith("io.binlogkit.emitter.Dump")
                        && !f.getClassName().startsWith("io.binlogkit.emitter.FuzzMinimizer")) {
                    sb.append(" < ").append(f.getClassName()).append('.').append(f.getMethodName());
                }
            }
            return sb.toString();
        }
    }

    /** [start, length] of each event, walking the length fields from offset 4 while they fit. */
    static List<int[]> events(byte[] b) {
        List<int[]> out = new ArrayList<>();
        int p = 4;
        while (p + 13 <= b.length) {
            long len = (b[p + 9] & 0xffL) | (b[p + 10] & 0xffL) << 8 | (b[p + 11] & 0xffL) << 16
                    | (b[p + 12] & 0xffL) << 24;
            if (len < 13 || p + len > b.length) {
                break;
            }
            out.add(new int[]{p, (int) len});
            p += (int) len;
        }
        return out;
    }

    private static byte[] remove(byte[] b, int off, int len) {
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, off);
        System.arraycopy(b, off + len, out, off, b.length - off - len);
        return out;
    }
}
