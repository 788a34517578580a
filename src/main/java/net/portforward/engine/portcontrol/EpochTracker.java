package net.portforward.engine.portcontrol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells from the epochs in a gateway's answers whether it restarted (and so forgot every mapping),
 * by RFC 6887 section 8.5: the gateway's epoch must not go back by more than one second, and
 * between two answers it must advance about as much as our own clock did (within 1/16 plus two
 * seconds either way). RFC 6886 section 3.6 asks NAT-PMP clients for the same kind of test with a
 * looser bound on a slow gateway clock; this stricter one catches everything that one does, and
 * one tracker can serve both protocols of a gateway: miniupnpd answers NAT-PMP and PCP with one
 * epoch (epoch_origin in its natpmp.c and pcpserver.c).
 *
 * <p>One tracker per gateway. Feed it every answer's epoch in the order the answers arrived,
 * with the time each arrived by our clock. Thread-safe.
 */
public final class EpochTracker {
    private final Clock clock;
    private boolean seen;
    private boolean lostStateUntold;
    private long previousEpoch;
    private Instant previousTime;

    public EpochTracker(Clock clock) {
        this.clock = clock;
    }

    /** Checks an epoch that arrived just now by this tracker's clock. */
    public EpochCheck observe(long epoch) {
        return observe(epoch, clock.instant());
    }

    /**
     * Checks an epoch that arrived at {@code receivedAt} (the time the clients stamp on every
     * answer) and keeps it as the one to compare the next with, whatever the verdict.
     */
    public synchronized EpochCheck observe(long epoch, Instant receivedAt) {
        if (epoch < 0 || epoch > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("epoch " + epoch + " is not a 32-bit unsigned number");
        }
        if (!seen) {
            remember(epoch, receivedAt);
            return new EpochCheck(EpochCheck.Verdict.FIRST_SIGHT, -1, epoch, Duration.ZERO);
        }
        long before = previousEpoch;
        // An answer fed late (its stamp before the last one's) counts as no time passed for us.
        Duration ourElapsed = receivedAt.isBefore(previousTime) ? Duration.ZERO : Duration.between(previousTime, receivedAt);
        remember(epoch, receivedAt);
        EpochCheck.Verdict verdict = verdict(before, epoch, ourElapsed.toSeconds());
        EpochCheck check = new EpochCheck(verdict, before, epoch, ourElapsed);
        lostStateUntold |= check.gatewayLostState();
        return check;
    }

    /**
     * Whether an epoch seen since the last call said the gateway lost its state (restarted), so
     * a watcher that reads now and then hears of a restart noticed by any request in between.
     */
    public synchronized boolean takeLostState() {
        boolean lost = lostStateUntold;
        lostStateUntold = false;
        return lost;
    }

    /** One tracker per gateway address, shared by every request to it (PCP and NAT-PMP share one epoch). */
    public static final class Registry {
        private final Clock clock;
        private final java.util.Map<java.net.InetAddress, EpochTracker> trackers =
                new java.util.concurrent.ConcurrentHashMap<>();

        public Registry(Clock clock) {
            this.clock = clock;
        }

        public EpochTracker of(java.net.InetAddress gateway) {
            return trackers.computeIfAbsent(gateway, g -> new EpochTracker(clock));
        }
    }

    /** Forgets the gateway: the next answer is a first sight (another gateway, another network). */
    public synchronized void reset() {
        seen = false;
        previousTime = null;
    }

    /** RFC 6887 section 8.5 in its own integer arithmetic. */
    static EpochCheck.Verdict verdict(long previousServer, long currentServer, long clientDelta) {
        // Up to one second back is packet reordering on the way, not a restart.
        if (currentServer + 1 < previousServer) {
            return EpochCheck.Verdict.WENT_BACK;
        }
        long serverDelta = currentServer - previousServer;
        if (clientDelta + 2 < serverDelta - serverDelta / 16) {
            return EpochCheck.Verdict.TOO_FAST;
        }
        if (serverDelta + 2 < clientDelta - clientDelta / 16) {
            return EpochCheck.Verdict.TOO_SLOW;
        }
        return EpochCheck.Verdict.CONSISTENT;
    }

    private void remember(long epoch, Instant at) {
        seen = true;
        previousEpoch = epoch;
        previousTime = at;
    }
}
