package net.portforward.ui;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An executor that runs nothing until the test says so, on the test's own thread: as the task
 * runner's background it holds engine calls back (so a test can ask for more while one "runs"),
 * as its UI thread it lets a test play the FX thread without a toolkit.
 */
public final class ManualExecutor implements Executor {
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable command) {
        queue.add(command);
    }

    /** How many runnables wait. */
    public int waiting() {
        return queue.size();
    }

    /** Runs what waits, and what that hands in, until nothing is left; returns how many ran. */
    public int runAll() {
        int ran = 0;
        for (Runnable r = queue.poll(); r != null; r = queue.poll()) {
            r.run();
            ran++;
        }
        return ran;
    }

    /**
     * Runs what other threads hand in, as it comes, until {@code condition} holds (checked before
     * and after each); fails after 10 s without it.
     */
    public void runUntil(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            long left = end - System.nanoTime();
            Runnable next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                throw new AssertionError("condition not reached in 10 s");
            }
            next.run();
        }
    }
}
