package io.binlogkit.cli;

/** Exit codes shared by every command; {@code --help} lists them. */
public final class ExitCode {
    public static final int OK = 0;
    /** The input is not a valid binlog: truncated, corrupt, of an unknown format. */
    public static final int BAD_DATA = 1;
    /** Wrong command line: unknown option, missing argument, bad value. */
    public static final int USAGE = 2;
    /** A file could not be read or written (missing, permission, disk full). */
    public static final int IO = 3;
    /** A server could not be reached or refused a statement. */
    public static final int SERVER = 4;
    /** The request is valid but not supported by this version of binlogkit. */
    public static final int UNSUPPORTED = 5;
    /** A bug in binlogkit: please report it with the output of {@code --debug}. */
    public static final int INTERNAL = 70;

    static final String HELP = """
            Exit codes:
              0  success
              1  bad binlog data (truncated, corrupt, unknown format); the message names file and offset
              2  usage error (unknown option, missing or invalid argument)
              3  file error (missing, unreadable, cannot write)
              4  server error (cannot connect, statement refused)
              5  not supported
             70  internal error (rerun with --debug and report it)
            """;

    private ExitCode() {
    }
}
