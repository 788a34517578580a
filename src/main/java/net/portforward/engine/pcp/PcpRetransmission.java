package net.portforward.engine.pcp;

import java.time.Duration;
import java.util.Iterator;
import java.util.Random;
import java.util.random.RandomGenerator;
import net.portforward.engine.portcontrol.RetransmitSchedule;

/**
 * PCP's retransmission (RFC 6887 section 8.1.1): the first wait RT = (1 + RAND) * IRT, each next
 * one RT = (1 + RAND) * min(2 * RTprev, MRT), RAND uniform in [-0.1, +0.1] so that clients that
 * lost a server together do not come back in step. MRC and MRD are 0: no limit on tries or total
 * time but the caller's deadline. The first request goes at once (no random delay before it), so
 * a probe with a budget of a few hundred milliseconds gets its one try.
 */
public final class PcpRetransmission implements RetransmitSchedule {
    /** Initial retransmission time (section 8.1.1). */
    public static final Duration IRT = Duration.ofSeconds(3);
    /** Maximum retransmission time (section 8.1.1). */
    public static final Duration MRT = Duration.ofSeconds(1024);
    private static final double JITTER = 0.1;

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    /** The RFC's schedule. */
    public static PcpRetransmission rfc() {
        return new PcpRetransmission(IRT, MRT, new Random());
    }

    /** Another initial and maximum wait (tests use milliseconds) and a random source of the caller's. */
    public PcpRetransmission(Duration initial, Duration max, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("initial " + initial + ", max " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    @Override
    public Iterator<Duration> waits() {
        return new Iterator<>() {
            private Duration previous;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Duration next() {
                Duration base = previous == null ? initial : min(previous.multipliedBy(2), max);
                double factor = 1 + random.nextDouble(-JITTER, JITTER);
                previous = Duration.ofNanos(Math.round(base.toNanos() * factor));
                return previous;
            }
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
