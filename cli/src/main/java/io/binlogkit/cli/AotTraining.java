package io.binlogkit.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;

/**
 * The training run of the launcher's AOT cache ({@code bin/launch.sh}, JDK 25's
 * {@code -XX:AOTCacheOutput}, which records one run): {@code binlog events}, {@code dump},
 * {@code dump --base64-output=decode-rows -v} and {@code stats} over the given binlogs (the committed
 * test binlogs), each several times so that the method profiles stored with the cache make the JIT
 * compile the hot loops of a real dump early. All output goes to a null stream. Not a command: the
 * launcher calls this class directly, so it never shows in {@code --help}.
 */
public final class AotTraining {
    private static final int ROUNDS = 30;

    private AotTraining() {
    }

    public static void main(String[] files) {
        if (files.length == 0) {
            System.err.println("usage: AotTraining BINLOG...");
            System.exit(ExitCode.USAGE);
        }
        Terminal t = new Terminal(OutputStream.nullOutputStream(), OutputStream.nullOutputStream(),
                new ByteArrayInputStream(new byte[0]), false);
        String[][] commands = {
                {"events", "--format", "tsv"},
                {"dump"},
                {"dump", "--base64-output=decode-rows", "-v"},
                {"stats"},
        };
        for (int round = 0; round < ROUNDS; round++) {
            for (String[] command : commands) {
                for (String file : files) {
                    String[] args = new String[command.length + 2];
                    args[0] = "binlog";
                    System.arraycopy(command, 0, args, 1, command.length);
                    args[args.length - 1] = file;
                    Main.run(args, t);
                }
            }
        }
        t.flush();
    }
}
