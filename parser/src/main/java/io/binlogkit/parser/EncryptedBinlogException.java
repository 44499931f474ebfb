package io.binlogkit.parser;

import java.nio.file.Path;

/**
 * The events after a MariaDB Start_encryption event are encrypted with a key from the server's key
 * management plugin; binlogkit reports such a file as encrypted and does not decrypt it.
 */
public final class EncryptedBinlogException extends BinlogFormatException {
    private static final long serialVersionUID = 1L;

    public EncryptedBinlogException(Path file, long eventOffset) {
        super(file, eventOffset, "encrypted event", "a plain event",
                "the file is encrypted from here on (MariaDB encrypt_binlog); binlogkit does not decrypt binlogs");
    }
}
