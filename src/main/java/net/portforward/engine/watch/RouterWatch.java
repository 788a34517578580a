package net.portforward.engine.watch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.portforward.engine.Router;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.watch.AnnouncementCheck.Announced;
import net.portforward.engine.watch.EventSubscription.Renewal;

/**
 * Keeps an eye on one router and reports each change in words. It subscribes to the WAN
 * connection service's events (GENA, {@link EventSubscription}), and reads the router on its own
 * beat when the router sends no events or refuses them; even with events it reads the whole table
 * every {@link #FULL_READ_EVERY}th beat, so a lost NOTIFY costs a bounded delay. A restart is
 * told as one when the router shows it: its uptime went back, it forgot the subscription, or
 * (after it announced a new boot, with no subscription to ask) its mappings are gone. Its
 * announcements, which anyone can forge, only make the watch ask, at a bounded rate.
 *
 * <p>Threads: after {@link #start}, which runs on the caller's thread, every router call runs on
 * this watch's own daemon thread, and listeners are called there too.
 */
public final class RouterWatch implements AutoCloseable {
    /** How the watch learns of changes. */
    public enum Mode { STARTING, EVENTS, POLLING, STOPPED }

    /** What the watch reports; called on the watch's thread. */
    public interface Listener {
        default void onChanges(List<RouterChange> changes, RouterSnapshot now) {
        }

        /** @param why for the front end to word; null when there is nothing to explain */
        default void onMode(Mode mode, Fact why) {
        }

        /** The router did not answer ({@code problem} says how); the watch keeps trying. */
        default void onProblem(PortForwardException problem) {
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
     * @param announcementGap the least time between two checks the router's announcements ask for
     */
    public record Options(boolean listen, Duration pollInterval, Duration firstEventWait, Duration announcementGap) {
        public static Options of(boolean listen, Duration pollInterval) {
            return new Options(listen, pollInterval, Duration.ofSeconds(5), Duration.ofSeconds(10));
        }
    }

    /** A flood of NOTIFYs leads to at most one re-read per this much time. */
    static final Duration MIN_REFRESH_GAP = Duration.ofMillis(200);
    /** With events, every this many beats reads the whole table too. */
    static final int FULL_READ_EVERY = 4;
    private static final Fact FORGOT_US = WatchFact.FORGOT_US.with();
    private static final Fact ANNOUNCED_START = WatchFact.ANNOUNCED_START.with();
    private static final Fact EPOCH_RESET = WatchFact.EPOCH_RESET.with();

    private final Router router;
    private final Options options;
    private final Listener listener;
    /** All the watch's time: snapshots, the subscription's end, the gaps between reads. */
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final EventSubscription events;
    private final AnnouncementCheck announced;
    private final Progress progress = Progress.cancelledWhen(() -> this.closed);

    // Read and written on any thread (callers, the watch's thread, the callback server's workers).
    private volatile boolean closed;
    private volatile Mode mode = Mode.STARTING;
    private volatile Instant lastRefresh;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    // Set by start, closed by close on any thread.
    private volatile NotifyServer server;
    private volatile GatewayAnnouncements announcements;
    // The watch's thread only (start writes latest before it schedules anything that reads it).
    private RouterSnapshot latest;
    private Fact restartHint;
    private boolean routerDown;
    private long beats;

    RouterWatch(Router router, SafeHttp http, Options options, Listener listener, Clock clock) {
        this.router = router;
        this.options = options;
        this.listener = listener;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "portforward-watch");
            t.setDaemon(true);
            return t;
        });
        this.events = new EventSubscription(new GenaClient(http, clock), thread, clock, options.firstEventWait(),
                new EventSubscription.Listener() {
                    @Override
                    public void renewalDue() {
                        if (!closed && renew().lost()) {
                            refresh();
                        }
                    }

                    @Override
                    public void silent() {
                        if (!closed && mode != Mode.POLLING) {
                            Duration wait = options.firstEventWait();
                            setMode(Mode.POLLING, WatchFact.NO_FIRST_EVENT.with(wait));
                        }
                    }

                    @Override
                    public void ended(Fact why) {
                        setMode(Mode.POLLING, why);
                    }

                    @Override
                    public void heard() {
                        later(() -> {
                            if (!closed && mode != Mode.EVENTS) {
                                setMode(Mode.EVENTS, null);
                            }
                        }, Duration.ZERO);
                    }

                    @Override
                    public void changed() {
                        refreshSoon();
                    }
                });
        this.announced = new AnnouncementCheck(thread, clock, options.announcementGap(), this::checkAnnounced);
    }

    /** Opens a watch on {@code router}; call {@link #start} next. */
    public static RouterWatch on(Router router, SafeHttp http, Options options, Listener listener) {
        return new RouterWatch(router, http, options, listener, Clock.systemUTC());
    }

    // The watch's only reads of the gateway.

    private URI eventUrl() {
        return router.gateway().upnp().map(u -> u.service().eventSubUrl()).orElse(null); // PCP, NAT-PMP: none
    }

    private InetAddress localAddress() {
        return router.gateway().localAddress();
    }

    private InetAddress routerAddress() {
        return router.gateway().address();
    }

    /**
     * Reads the router once and subscribes (or starts polling). Blocking: the first snapshot is
     * what later changes are measured against.
     */
    public RouterSnapshot start(Progress p) throws PortForwardException {
        latest = read(p);
        lastRefresh = clock.instant();
        URI eventUrl = eventUrl();
        if (!options.listen()) {
            setMode(Mode.POLLING, WatchFact.LISTENING_OFF.with());
        } else if (eventUrl == null) {
            setMode(Mode.POLLING, WatchFact.NO_EVENTS.with());
        } else {
            try {
                server = NotifyServer.start(localAddress(), routerAddress(), events);
                events.subscribe(eventUrl, server.callback(), p);
            } catch (IOException e) {
                setMode(Mode.POLLING, WatchFact.NO_EVENT_PORT.with(e.getMessage()));
            } catch (PortForwardException e) {
                setMode(Mode.POLLING, WatchFact.SUBSCRIPTION_FAILED.with(e));
            }
        }
        if (options.listen()) {
            announcements = GatewayAnnouncements.open(router.capabilities().listsTable(),
                    localAddress(), routerAddress(), clock, announced).orElse(null);
        }
        long every = options.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        return latest;
    }

    public Mode mode() {
        return mode;
    }

    /** Re-reads the router soon, on the watch's thread, and never twice within {@link #MIN_REFRESH_GAP}. */
    public void refreshSoon() {
        if (refreshQueued.compareAndSet(false, true)) {
            Duration wait = MIN_REFRESH_GAP.minus(Duration.between(lastRefresh, clock.instant()));
            // Between zero and the gap, whatever the clock did meanwhile.
            if (!later(this::refresh, wait.isNegative() ? Duration.ZERO : wait.compareTo(MIN_REFRESH_GAP) > 0
                    ? MIN_REFRESH_GAP : wait)) {
                refreshQueued.set(false);
            }
        }
    }

    /** Runs {@code r} on the watch's thread after {@code wait}; false when the watch has stopped. */
    private boolean later(Runnable r, Duration wait) {
        try {
            thread.schedule(r, wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    /** A re-read is waiting for its turn on the watch's thread (for tests, with {@link AnnouncementCheck#drained()}). */
    boolean refreshWaiting() {
        return refreshQueued.get();
    }

    /** Where the router's announcements go (the listener opened in {@link #start}, or a test). */
    AnnouncementCheck announcementCheck() {
        return announced;
    }

    // ---- on the watch thread ----

    private void beat() {
        if (closed) {
            return;
        }
        beats++;
        if (mode == Mode.EVENTS) {
            // Cheap checks on most beats: a renewal (which also tells us if the router forgot us)
            // and the status. NOTIFYs can still go missing (a router that drops them, a callback
            // blinded for a while), so every few beats the whole table is read as well.
            Renewal r = renew();
            if (r == Renewal.UNKNOWN && routerDown) {
                return; // no answer: the next beat asks again
            }
            if (r.lost() || beats % FULL_READ_EVERY == 0) {
                refresh();
            } else if (r == Renewal.RENEWED) {
                checkStatus();
            }
        } else {
            if (events.renewalDue()) {
                renew();
            }
            refresh();
        }
    }

    /**
     * The router announced itself. What it claims counts only when the router confirms it: a
     * forgotten subscription, uptime gone back, or (with no subscription to ask) mappings gone.
     */
    private void checkAnnounced(Announced what) {
        if (closed) {
            return;
        }
        boolean canAsk = events.active();
        Renewal r = renew();
        if (r == Renewal.FORGOTTEN && what == Announced.NEW_BOOT) {
            restartHint = ANNOUNCED_START; // confirmed, and the announcement is what told us first
        }
        if (what == Announced.FIRST_HEARD && !r.lost()) {
            return; // nothing to compare a first boot id with, and the subscription held
        }
        refresh(what == Announced.NEW_BOOT && !canAsk ? ANNOUNCED_START : null);
    }

    /** Renews the subscription; a forgotten one is noted as a restart for the next comparison. */
    private Renewal renew() {
        try {
            Renewal r = events.renew(progress);
            if (r == Renewal.RENEWED) {
                recovered();
            } else if (r == Renewal.FORGOTTEN && restartHint == null) {
                restartHint = FORGOT_US;
            }
            return r;
        } catch (PortForwardException e) {
            problem(e);
            return Renewal.UNKNOWN;
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
        refresh(null);
    }

    /** @param claimed a restart the router claimed, confirmed here if mappings are gone */
    private void refresh(Fact claimed) {
        refreshQueued.set(false);
        if (closed) {
            return;
        }
        try {
            RouterSnapshot now = read(progress);
            if (restartHint == null && ChangeDetector.anyGone(latest, now)) {
                if (events.active()) {
                    // A restarted router (whose uptime need not go back, as with miniupnpd's
                    // system_uptime) no longer knows our subscription: ask it now, so the loss is
                    // told as a restart and not as removals.
                    renew();
                } else {
                    restartHint = claimed;
                }
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
            lastRefresh = clock.instant();
        }
    }

    private RouterSnapshot read(Progress p) throws PortForwardException {
        var status = router.status(p);
        if (router.lostStateSinceLastAsked() && restartHint == null) {
            restartHint = EPOCH_RESET; // RFC 6887 section 8.5, also when the uptime did not go back
        }
        var mappings = router.list(m -> { }, p).mappings();
        return new RouterSnapshot(clock.instant(), status, mappings);
    }

    private void problem(PortForwardException e) {
        if (closed) {
            return;
        }
        routerDown = true;
        listener.onProblem(e);
    }

    private void recovered() {
        if (routerDown) {
            routerDown = false;
            listener.onRecovered();
        }
    }

    private void setMode(Mode m, Fact why) {
        mode = m;
        listener.onMode(m, why);
    }

    /** Stops watching and tells the router (UNSUBSCRIBE), waiting at most the HTTP timeout. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.shutdownNow();
        events.close();
        Optional.ofNullable(server).ifPresent(NotifyServer::close);
        Optional.ofNullable(announcements).ifPresent(GatewayAnnouncements::close);
        mode = Mode.STOPPED;
        listener.onMode(Mode.STOPPED, null);
    }
}
