package net.portforward.ui.common;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an update at most once per {@code interval}, however often it is asked for from whatever
 * threads, and always once after the last ask. A flood of events (a LAN host hammering the test
 * page) then costs a few updates a second instead of one FX event each. The update should read the
 * current state when it runs (not a value captured by the ask), so the last one shows the final
 * state: an ask while an update is waiting joins it, and an ask after it started schedules another.
 */
public final class Throttle implements AutoCloseable {
    private final Duration interval;
    private final Runnable update;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor timer;
    private volatile long lastRunNanos;
    private volatile boolean ranOnce;

    /**
     * @param update runs on the throttle's own thread; to touch controls it hands itself to the FX thread
     */
    public Throttle(Duration interval, Runnable update) {
        this.interval = interval;
        this.update = update;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "portforward-throttle");
            t.setDaemon(true);
            return t;
        });
        // No thread while nothing happens.
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    /** Asks for an update: at once when the last one ran long enough ago, else when it may. */
    public void request() {
        if (!scheduled.compareAndSet(false, true)) {
            return; // one is waiting, and will read the state when it runs
        }
        long wait = ranOnce ? Math.max(0, lastRunNanos + interval.toNanos() - System.nanoTime()) : 0;
        try {
            timer.schedule(this::run, wait, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            scheduled.set(false);
        }
    }

    private void run() {
        lastRunNanos = System.nanoTime();
        ranOnce = true;
        // Cleared before the update reads anything: an ask from now on schedules the next one.
        scheduled.set(false);
        update.run();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
