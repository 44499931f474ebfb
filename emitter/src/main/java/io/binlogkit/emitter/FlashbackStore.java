package io.binlogkit.emitter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code --flashback} prints the events' text last first: {@code mariadb-binlog} keeps every event's
 * text in memory until the end; this store spills it to a temporary file (deleted on close) and
 * remembers where each entry starts, so memory stays flat.
 */
final class FlashbackStore implements AutoCloseable {
    private final FileChannel channel;
    /** Where entries are written: text goes here while an entry is open. */
    final ByteSink sink;
    private final LongList starts = new LongList();
    private final LongList lengths = new LongList();
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

    FlashbackStore() {
        try {
            Path file = Files.createTempFile("binlogkit-flashback", ".sql");
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary file for --flashback", e);
        }
        sink = new ByteSink(Channels.newOutputStream(channel));
    }

    /** Opens an entry: returns its start. */
    long begin() {
        sink.commit();
        return sink.total();
    }

    /** Closes the entry opened at {@code from}; an empty one is dropped. */
    void end(long from) {
        sink.commit();
        long to = sink.total();
        if (to > from) {
            starts.add(from);
            lengths.add(to - from);
        }
    }

    /** Writes the entries to {@code out}, last first. */
    void writeReversed(ByteSink out) {
        sink.flush();
        try {
            for (int i = starts.size() - 1; i >= 0; i--) {
                long p = starts.get(i);
                long left = lengths.get(i);
                while (left > 0) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                    int n = channel.read(buffer, p);
                    if (n <= 0) {
                        throw new IOException("flashback store truncated");
                    }
                    out.bytes(buffer.array(), 0, n);
                    p += n;
                    left -= n;
                    out.commit();
                    out.maybeFlush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
