package net.portforward.engine.watch;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.progress.Progress;

/**
 * Keeps an eye on one router and reports each change in words. It subscribes to the WAN
 * connection service's events (GENA), renews the subscription, subscribes again when the router
 * forgot it (a restart), and polls when the router sends no events or refuses them. Every router
 * call runs on this watch's own daemon thread; listeners are called there too.
 */
public final class RouterWatch implements AutoCloseable {
    /** How the watch learns of changes. */
    public enum Mode { STARTING, EVENTS, POLLING, STOPPED }

    /** What the watch reports; called on the watch's thread. */
    public interface Listener {
        default void onChanges(List<RouterChange> changes, RouterSnapshot now) {
        }

        /** @param why in words, "" when there is nothing to explain */
        default void onMode(Mode mode, String why) {
        }

        /** The router did not answer; the watch keeps trying. */
        default void onProblem(String message) {
        }

        /** The router answers again after {@link #onProblem}. */
        default void onRecovered() {
        }
    }

    /**
     * @param listen subscribe to events (portforward.ini [events] listen)
     * @param pollInterval how often to re-read the router when it sends no events, and how often
     *     to check the subscription and status when it does
     * @param firstEventWait how long to wait for the first NOTIFY, which UDA 1.1 says comes at once,
     *     before deciding the router accepts subscriptions but stays silent
     */
    public record Options(boolean listen, Duration pollInterval, Duration firstEventWait) {
        public static Options of(boolean listen, Duration pollInterval) {
            return new Options(listen, pollInterval, Duration.ofSeconds(5));
        }
    }

    /** A flood of NOTIFYs leads to at most one re-read per this much time. */
    static final Duration MIN_REFRESH_GAP = Duration.ofMillis(200);
    /** With events, every this many beats reads the whole table too. */
    static final int FULL_READ_EVERY = 4;
    /** How long a NOTIFY may wait for the SUBSCRIBE answer that names its SID. */
    private static final long SID_WAIT_MILLIS = 2000;

    private final Router router;
    private final GenaClient gena;
    private final Options options;
    private final Listener listener;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final Object sidLock = new Object();
    private final Progress progress = new Progress() {
        @Override
        public void report(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return closed;
        }
    };

    private volatile boolean closed;
    private volatile Subscription subscription;
    private volatile RouterSnapshot latest;
    private volatile Mode mode = Mode.STARTING;
    private boolean subscribing; // guarded by sidLock
    private volatile boolean eventsArrived;
    private NotifyServer server;
    private BootIdListener announcements;
    private ScheduledFuture<?> renewal;
    private String restartHint;
    private boolean routerDown;
    private long lastRefreshNanos;
    private long ticks;

    RouterWatch(Router router, SafeHttp http, Options options, Listener listener, Clock clock) {
        this.router = router;
        this.gena = new GenaClient(http, clock);
        this.options = options;
        this.listener = listener;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "portforward-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens a watch on {@code router}; call {@link #start} next. */
    public static RouterWatch on(Router router, SafeHttp http, Options options, Listener listener) {
        return new RouterWatch(router, http, options, listener, Clock.systemUTC());
    }

    /**
     * Reads the router once and subscribes (or starts polling). Blocking: the first snapshot is
     * what later changes are measured against.
     */
    public RouterSnapshot start(Progress p) throws PortForwardException {
        latest = read(p);
        lastRefreshNanos = System.nanoTime();
        URI eventUrl = router.gateway().service().eventSubUrl();
        if (!options.listen()) {
            setMode(Mode.POLLING, "listening for the router's events is turned off");
        } else if (eventUrl == null) {
            setMode(Mode.POLLING, "the router offers no events");
        } else {
            try {
                server = NotifyServer.start(router.gateway().localAddress(), router.gateway().address(), new Sink());
                subscribe(p);
                thread.schedule(this::checkFirstEvent, options.firstEventWait().toMillis(), TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                setMode(Mode.POLLING, "this computer could not open a port for the router's events ("
                        + e.getMessage() + ")");
            } catch (PortForwardException e) {
                setMode(Mode.POLLING, e.getMessage());
            }
        }
        if (options.listen()) {
            announcements = BootIdListener.open(router.gateway().localAddress(), router.gateway().address(),
                    new BootIdListener.Sink() {
                        @Override
                        public void bootIdChanged(String before, String after) {
                            thread.execute(() -> RouterWatch.this.bootIdChanged(before, after));
                        }

                        @Override
                        public void firstHeard(String bootId) {
                            thread.execute(RouterWatch.this::checkSubscription);
                        }

                        @Override
                        public void configIdChanged(String before, String after) {
                            thread.execute(RouterWatch.this::configurationChanged);
                        }
                    }).orElse(null);
        }
        long every = options.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        return latest;
    }

    public Mode mode() {
        return mode;
    }

    /** Re-reads the router soon, on the watch's thread. */
    public void refreshSoon() {
        if (refreshQueued.compareAndSet(false, true)) {
            long gap = MIN_REFRESH_GAP.toNanos() - (System.nanoTime() - lastRefreshNanos);
            try {
                thread.schedule(this::refresh, Math.max(0, gap), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopped) {
                refreshQueued.set(false);
            }
        }
    }

    // ---- on the watch thread ----

    private void tick() {
        if (closed) {
            return;
        }
        ticks++;
        if (mode == Mode.EVENTS) {
            // Cheap checks on most ticks: a renewal (which also tells us if the router forgot us)
            // and the status. NOTIFYs can still go missing (a router that drops them, a callback
            // server kept busy from the LAN), so every few ticks the whole table is read as well.
            if (renew()) {
                if (ticks % FULL_READ_EVERY == 0) {
                    refresh();
                } else {
                    checkStatus();
                }
            }
        } else {
            if (subscription != null) {
                renewIfDue();
            }
            refresh();
        }
    }

    /** The router announced itself with a new boot id: it started again. On the watch thread. */
    void bootIdChanged(String before, String after) {
        if (closed) {
            return;
        }
        if (subscription != null) {
            renewOnly(); // it has surely forgotten us: subscribe again now
        }
        // The ids themselves (start times, for miniupnpd) mean nothing to people.
        restartHint = "it announced that it had just started";
        refresh();
    }

    /**
     * The router announced a new description (CONFIGID) without a new boot: its settings or
     * firmware changed, which may have cost mappings or the subscription. A lost subscription is
     * told as a restart (renewOnly notes it), anything else as the changes it brought.
     */
    void configurationChanged() {
        if (closed) {
            return;
        }
        if (subscription != null) {
            renewOnly();
        }
        refresh();
    }

    /** A renewal tells whether the router still knows us; a lost subscription means a restart. */
    private void checkSubscription() {
        if (!closed && subscription != null && renewOnly() == Renewal.LOST) {
            refresh();
        }
    }

    private void checkFirstEvent() {
        if (!closed && !eventsArrived && mode != Mode.POLLING) {
            Duration wait = options.firstEventWait();
            setMode(Mode.POLLING, "the router accepted the subscription but sent no event within "
                    + (wait.toMillis() < 1000 ? wait.toMillis() + " ms" : wait.toSeconds() + " s"));
        }
    }

    private void subscribe(Progress p) throws PortForwardException {
        synchronized (sidLock) {
            subscribing = true;
        }
        try {
            Subscription s = gena.subscribe(router.gateway().service().eventSubUrl(), server.callback(), p);
            synchronized (sidLock) {
                subscription = s;
            }
            eventsArrived = false;
            scheduleRenewal(s);
        } finally {
            synchronized (sidLock) {
                subscribing = false;
                sidLock.notifyAll();
            }
        }
    }

    private void scheduleRenewal(Subscription s) {
        if (renewal != null) {
            renewal.cancel(false);
        }
        long half = s.timeout().toMillis() / 2;
        renewal = thread.schedule(this::renew, half, TimeUnit.MILLISECONDS);
    }

    private void renewIfDue() {
        Subscription s = subscription;
        if (s != null && clock.instant().plus(s.timeout().dividedBy(2)).isAfter(s.expires())) {
            renew();
        }
    }

    private enum Renewal { RENEWED, LOST, FAILED }

    /** True when the subscription is fine; a lost one is taken out again and the table re-read. */
    private boolean renew() {
        Renewal r = renewOnly();
        if (r == Renewal.LOST) {
            refresh();
        }
        return r == Renewal.RENEWED;
    }

    /**
     * Renews the subscription. When the router no longer knows it, notes the likely restart for
     * the next comparison and subscribes again.
     */
    private Renewal renewOnly() {
        Subscription s = subscription;
        if (closed || s == null) {
            return Renewal.FAILED;
        }
        try {
            Subscription renewed = gena.renew(s, progress);
            subscription = renewed;
            scheduleRenewal(renewed);
            recovered();
            return Renewal.RENEWED;
        } catch (SubscriptionLostException lost) {
            // Our own lapse (the computer slept past the expiry) is no sign of a restart.
            boolean ranOut = clock.instant().isAfter(s.expires());
            restartHint = ranOut ? null : "it forgot this program's event subscription";
            try {
                subscribe(progress);
                thread.schedule(this::checkFirstEvent, options.firstEventWait().toMillis(), TimeUnit.MILLISECONDS);
            } catch (PortForwardException e) {
                subscription = null;
                setMode(Mode.POLLING, e.getMessage());
            }
            return Renewal.LOST;
        } catch (PortForwardException e) {
            problem(e);
            return Renewal.FAILED;
        }
    }

    private void checkStatus() {
        try {
            var status = router.status(progress);
            RouterSnapshot now = new RouterSnapshot(clock.instant(), status, latest.mappings());
            if (!ChangeDetector.diff(latest, now, Optional.empty()).isEmpty()) {
                refresh();
            }
        } catch (PortForwardException e) {
            problem(e);
        }
    }

    private void refresh() {
        refreshQueued.set(false);
        if (closed) {
            return;
        }
        try {
            RouterSnapshot now = read(progress);
            if (restartHint == null && subscription != null && ChangeDetector.anyGone(latest, now)) {
                // Mappings vanished: a restarted router (whose uptime need not go back, as with
                // miniupnpd's system_uptime) no longer knows our subscription; ask it now, so the
                // loss is told as a restart and not as removals.
                renewOnly();
            }
            List<RouterChange> changes = ChangeDetector.diff(latest, now, Optional.ofNullable(restartHint));
            restartHint = null;
            latest = now;
            recovered();
            if (!changes.isEmpty()) {
                listener.onChanges(changes, now);
            }
        } catch (PortForwardException e) {
            problem(e);
        } finally {
            lastRefreshNanos = System.nanoTime();
        }
    }

    private RouterSnapshot read(Progress p) throws PortForwardException {
        var status = router.status(p);
        var mappings = router.list(m -> { }, p).mappings();
        return new RouterSnapshot(clock.instant(), status, mappings);
    }

    private void problem(PortForwardException e) {
        if (closed) {
            return;
        }
        routerDown = true;
        listener.onProblem(e.getMessage());
    }

    private void recovered() {
        if (routerDown) {
            routerDown = false;
            listener.onRecovered();
        }
    }

    private void setMode(Mode m, String why) {
        mode = m;
        listener.onMode(m, why);
    }

    /** Checks and receives NOTIFYs for the callback server; runs on its worker threads. */
    private final class Sink implements NotifyServer.Sink {
        @Override
        public boolean knows(String sid) {
            synchronized (sidLock) {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SID_WAIT_MILLIS);
                while (subscribing) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(sidLock, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                Subscription s = subscription;
                return s != null && s.sid().equals(sid);
            }
        }

        @Override
        public void deliver(Notification n) {
            boolean first = !eventsArrived;
            eventsArrived = true;
            if (first) {
                thread.execute(() -> {
                    if (!closed && mode != Mode.EVENTS) {
                        setMode(Mode.EVENTS, "");
                    }
                });
                if (n.seq() == 0) {
                    return; // the initial state (UDA 1.1: SEQ 0), which the last read already holds
                }
            }
            refreshSoon();
        }
    }

    /** Stops watching and tells the router (UNSUBSCRIBE), waiting at most the HTTP timeout. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.shutdownNow();
        Subscription s = subscription;
        subscription = null;
        if (s != null) {
            try {
                gena.unsubscribe(s, Progress.NONE);
            } catch (PortForwardException ignored) {
                // the router may be gone; its subscription then runs out by itself
            }
        }
        if (server != null) {
            server.close();
        }
        if (announcements != null) {
            announcements.close();
        }
        mode = Mode.STOPPED;
        listener.onMode(Mode.STOPPED, "");
    }
}
