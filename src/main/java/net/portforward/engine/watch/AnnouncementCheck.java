package net.portforward.engine.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Turns the router's announcements (a new BOOTID or CONFIGID, heard by {@link BootIdListener}) into
 * checks of the router, at a bounded rate. Announcements are UDP datagrams, whose source address
 * any host on the LAN can forge: each one only asks for a check, announcements that arrive while
 * one is pending merge into it (the strongest kind wins), and checks start at most once per
 * {@code gap}. A flood of forged announcements therefore costs at most one renewal and one reading
 * of the table per gap, and the queue of the watch's thread holds at most one check.
 */
final class AnnouncementCheck implements BootIdListener.Sink {
    /** What the router announced, weakest first. */
    enum Announced {
        /** The first boot id heard: nothing to compare it with. */
        FIRST_HEARD,
        /** A new configuration number in the same boot (UDA 1.1 section 1.2.2). */
        NEW_CONFIG,
        /** A new boot id: the router claims it started again. */
        NEW_BOOT
    }

    private final ScheduledExecutorService thread;
    private final Clock clock;
    private final Duration gap;
    private final Consumer<Announced> check;

    // Asked for on the listener's thread, run on the watch's thread: atomic and volatile.
    private final AtomicReference<Announced> pending = new AtomicReference<>();
    private volatile Instant lastStart;
    private volatile boolean running;

    /** @param check runs on {@code thread}, with the strongest announcement since the last check */
    AnnouncementCheck(ScheduledExecutorService thread, Clock clock, Duration gap, Consumer<Announced> check) {
        this.thread = thread;
        this.clock = clock;
        this.gap = gap;
        this.check = check;
    }

    @Override
    public void bootIdChanged(String before, String after) {
        ask(Announced.NEW_BOOT); // the ids themselves (start times, for miniupnpd) mean nothing to people
    }

    @Override
    public void firstHeard(String bootId) {
        ask(Announced.FIRST_HEARD);
    }

    @Override
    public void configIdChanged(String before, String after) {
        ask(Announced.NEW_CONFIG);
    }

    /** Asks for a check; any thread. */
    void ask(Announced what) {
        Announced before = pending.getAndAccumulate(what, (a, b) -> a == null || b.compareTo(a) > 0 ? b : a);
        if (before != null) {
            return; // merged into the check already waiting
        }
        try {
            thread.schedule(this::run, untilAllowed().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            pending.set(null);
        }
    }

    /** Zero once {@code gap} has passed since the last check began; never more than {@code gap}, whatever the clock did. */
    private Duration untilAllowed() {
        Instant last = lastStart;
        if (last == null) {
            return Duration.ZERO;
        }
        Duration left = gap.minus(Duration.between(last, clock.instant()));
        return left.isNegative() ? Duration.ZERO : left.compareTo(gap) > 0 ? gap : left;
    }

    private void run() {
        running = true; // before pending empties, so idle() never sees neither
        try {
            Announced what = pending.getAndSet(null);
            lastStart = clock.instant();
            if (what != null) {
                check.accept(what);
            }
        } finally {
            running = false;
        }
    }

    /** No check waiting or running (for tests). */
    boolean idle() {
        return pending.get() == null && !running;
    }

    /** Completes once the watch's thread has run everything already due (for tests). */
    CompletableFuture<Void> drained() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread.execute(() -> done.complete(null));
        return done;
    }
}
