package io.binlogkit.cli;

/** One subcommand, such as {@code binlog events}. */
public interface Command {
    /** The word that selects it, e.g. {@code events}. */
    String name();

    /** One line for the command list. */
    String summary();

    /**
     * Runs the command.
     *
     * @return the exit code
     * @throws CliException for failures with a message for the user
     */
    int run(String[] args, Terminal io) throws Exception;
}
