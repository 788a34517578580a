package net.portforward.ledger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A job run in rounds on a {@link LeaseRenewer.Scheduler}, each round saying how long until the
 * next. Once closed no further round is scheduled; one already running finishes.
 */
final class Rounds implements AutoCloseable {
    private final LeaseRenewer.Scheduler scheduler;
    private final Supplier<Duration> round;
    private Runnable cancelNext = () -> { };
    private boolean running;

    /** @param round runs one round and answers the wait until the next */
    Rounds(LeaseRenewer.Scheduler scheduler, Supplier<Duration> round) {
        this.scheduler = scheduler;
        this.round = round;
    }

    /** The first round at once; again does nothing while running. */
    synchronized void start() {
        if (!running) {
            running = true;
            cancelNext = scheduler.schedule(this::run, Duration.ZERO);
        }
    }

    private void run() {
        Duration wait = round.get();
        synchronized (this) {
            if (running) {
                cancelNext = scheduler.schedule(this::run, wait);
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        cancelNext.run();
    }
}
