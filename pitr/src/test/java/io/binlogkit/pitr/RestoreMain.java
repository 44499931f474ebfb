package io.binlogkit.pitr;

import java.nio.file.Path;

/**
 * A restore in a process of its own, for tests that kill it with SIGKILL mid-replay:
 * {@code RestoreMain SANDBOX_DIR TARGET BACKUP_DIR BINLOG_DIR}. Prints {@code replayed N} lines as it goes.
 */
public final class RestoreMain {
    private RestoreMain() {
    }

    public static void main(String[] args) {
        RestorePlan plan = Planner.plan(Path.of(args[2]), Path.of(args[3]), RestoreTarget.latest());
        new Restorer(plan, ServerEndpoint.sandbox(Path.of(args[0]), args[1]), new Restorer.Listener() {
            @Override
            public void step(String what) {
                System.out.println("step " + what);
                System.out.flush();
            }

            @Override
            public void replay(long bytesDone, long bytesTotal, long transactionsDone, long transactionsTotal) {
                System.out.println("replayed " + transactionsDone);
                System.out.flush();
            }
        }).run(new Restorer.Options(true, false, false));
        System.out.println("done");
    }
}
