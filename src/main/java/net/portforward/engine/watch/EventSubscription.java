package net.portforward.engine.watch;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.progress.Progress;

/**
 * One GENA subscription to the router's change events (UPnP Device Architecture 1.1, section 4.1)
 * as the watch keeps it: taken out, renewed at half the time the router granted, taken out again
 * when the router no longer knows it (412), and cancelled at the end. It is also where the
 * callback server hands the NOTIFYs (SID checked before the body is read), and it notices a
 * router that grants a subscription and then sends nothing. The wire format is
 * {@link GenaClient}'s; what a lost subscription or a NOTIFY means is the watch's.
 *
 * <p>Threads: {@link #subscribe} runs on the thread that starts the watch, {@link #knows} and
 * {@link #deliver} on the callback server's workers, {@link #close} on any thread, the rest on the
 * watch's thread.
 */
final class EventSubscription implements NotifyServer.Sink {
    /** How long a NOTIFY may wait for the SUBSCRIBE answer that names its SID. */
    static final Duration SID_WAIT = Duration.ofSeconds(2);

    /** What the watch hears from its subscription; each method says on which thread. */
    interface Listener {
        /** Half the granted time has passed: call {@link #renew}. On the watch's thread. */
        void renewalDue();

        /**
         * The router granted the subscription but sent no NOTIFY within the first wait, though
         * UDA 1.1 has it send its initial event message at once. On the watch's thread.
         */
        void silent();

        /** The router dropped the subscription and refused a new one; {@code why} in words. */
        void ended(Fact why);

        /** The first NOTIFY since subscribing came: events flow. On a callback server worker. */
        void heard();

        /** A NOTIFY reported a change. On a callback server worker. */
        void changed();
    }

    /** What a renewal found out. */
    enum Renewal {
        RENEWED,
        /** The router answered 412 while the subscription had time left: it forgot it, as a restart does. */
        FORGOTTEN,
        /** The subscription ran out on our side (the computer slept past its end): no sign of a restart. */
        LAPSED,
        /** Nothing learned: no subscription, or the router did not answer. */
        UNKNOWN;

        /** The router had dropped the subscription (a new one was asked for). */
        boolean lost() {
            return this == FORGOTTEN || this == LAPSED;
        }
    }

    private final GenaClient gena;
    private final ScheduledExecutorService thread;
    private final Clock clock;
    private final Duration firstEventWait;
    private final Listener listener;

    // Written by the thread that subscribes or renews, read by the callback server's workers
    // (knows) and by close on any thread: volatile.
    private volatile URI eventUrl;
    private volatile URI callback;
    private volatile Subscription current;
    /** Open while a SUBSCRIBE is in flight, so a NOTIFY racing its answer waits for the SID. */
    private volatile CountDownLatch settled = new CountDownLatch(0);
    private volatile ScheduledFuture<?> renewal;
    /** Whether a NOTIFY came since the last SUBSCRIBE. */
    private final AtomicBoolean heardFrom = new AtomicBoolean();

    EventSubscription(GenaClient gena, ScheduledExecutorService thread, Clock clock, Duration firstEventWait,
                      Listener listener) {
        this.gena = gena;
        this.thread = thread;
        this.clock = clock;
        this.firstEventWait = firstEventWait;
        this.listener = listener;
    }

    /** Subscribes to {@code eventUrl}, asking for NOTIFYs at {@code callback}. */
    void subscribe(URI eventUrl, URI callback, Progress p) throws PortForwardException {
        this.eventUrl = eventUrl;
        this.callback = callback;
        takeOut(p);
    }

    private void takeOut(Progress p) throws PortForwardException {
        CountDownLatch inFlight = new CountDownLatch(1);
        settled = inFlight;
        try {
            Subscription s = gena.subscribe(eventUrl, callback, p);
            heardFrom.set(false); // before the latch opens: the first NOTIFY is accepted only then
            current = s;
            scheduleRenewal(s);
            later(() -> {
                if (current == s && !heardFrom.get()) {
                    listener.silent();
                }
            }, firstEventWait);
        } finally {
            inFlight.countDown();
        }
    }

    /**
     * Renews the subscription. When the router no longer knows it, takes out a new one (telling
     * the listener {@link Listener#ended} if the router refuses) and says why it was lost.
     *
     * @throws PortForwardException the router did not answer, or refused the renewal otherwise
     */
    Renewal renew(Progress p) throws PortForwardException {
        Subscription s = current;
        if (s == null) {
            return Renewal.UNKNOWN;
        }
        try {
            Subscription renewed = gena.renew(s, p);
            current = renewed;
            scheduleRenewal(renewed);
            return Renewal.RENEWED;
        } catch (SubscriptionLostException lost) {
            boolean ranOut = clock.instant().isAfter(s.expires());
            current = null;
            try {
                takeOut(p);
            } catch (PortForwardException refused) {
                listener.ended(WatchFact.SUBSCRIPTION_FAILED.with(refused));
            }
            return ranOut ? Renewal.LAPSED : Renewal.FORGOTTEN;
        }
    }

    /** Whether half the granted time has passed (for a watch that polls and renews on its own beat). */
    boolean renewalDue() {
        Subscription s = current;
        return s != null && clock.instant().plus(s.timeout().dividedBy(2)).isAfter(s.expires());
    }

    boolean active() {
        return current != null;
    }

    /**
     * Whether {@code sid} is our subscription's. A router sends the first NOTIFY right after its
     * SUBSCRIBE answer, possibly before we have read it: then this waits up to {@link #SID_WAIT}.
     */
    @Override
    public boolean knows(String sid) {
        try {
            settled.await(SID_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        Subscription s = current;
        return s != null && s.sid().equals(sid);
    }

    /** A NOTIFY with our SID. */
    @Override
    public void deliver(Notification n) {
        if (!heardFrom.getAndSet(true)) {
            listener.heard();
            if (n.seq() == 0) {
                return; // the initial state (UDA 1.1: SEQ 0), which the watch's last read already holds
            }
        }
        listener.changed();
    }

    private void scheduleRenewal(Subscription s) {
        ScheduledFuture<?> before = renewal;
        if (before != null) {
            before.cancel(false);
        }
        renewal = later(listener::renewalDue, s.timeout().dividedBy(2));
    }

    /** On the watch's thread after {@code wait}; null when the watch is stopping (close() unsubscribes). */
    private ScheduledFuture<?> later(Runnable r, Duration wait) {
        try {
            return thread.schedule(r, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return null;
        }
    }

    /** Cancels the subscription (UNSUBSCRIBE), waiting at most the HTTP timeout. Any thread. */
    void close() {
        ScheduledFuture<?> r = renewal;
        if (r != null) {
            r.cancel(false);
        }
        Subscription s = current;
        current = null;
        if (s != null) {
            try {
                gena.unsubscribe(s, Progress.NONE);
            } catch (PortForwardException ignored) {
                // the router may be gone; the subscription then runs out by itself
            }
        }
    }
}
