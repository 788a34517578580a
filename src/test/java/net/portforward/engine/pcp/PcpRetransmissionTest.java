package net.portforward.engine.pcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Iterator;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** RFC 6887 section 8.1.1's schedule: IRT 3 s, doubling, MRT 1024 s, each with 10% jitter. */
class PcpRetransmissionTest {

    @Test
    void withoutJitterItDoublesFromThreeSecondsUpTo1024() {
        Iterator<Duration> w = new PcpRetransmission(PcpRetransmission.IRT, PcpRetransmission.MRT, fixed(0.0)).waits();
        long[] expected = {3, 6, 12, 24, 48, 96, 192, 384, 768, 1024, 1024, 1024};
        for (long s : expected) {
            assertEquals(Duration.ofSeconds(s), w.next());
        }
        assertTrue(w.hasNext(), "no limit on tries: MRC = 0");
    }

    @Test
    void jitterIsAppliedToEachWaitAndCarriedIntoTheNext() {
        // RT = (1 + RAND) * min(2 * RTprev, MRT): with RAND = +0.1 every time, 3.3 s, 7.26 s, ...
        Iterator<Duration> w = new PcpRetransmission(PcpRetransmission.IRT, PcpRetransmission.MRT, fixed(0.1)).waits();
        assertEquals(3300, w.next().toMillis());
        assertEquals(7260, w.next().toMillis());
        Iterator<Duration> low = new PcpRetransmission(PcpRetransmission.IRT, PcpRetransmission.MRT, fixed(-0.1)).waits();
        assertEquals(2700, low.next().toMillis());
        assertEquals(4860, low.next().toMillis());
    }

    @Test
    void realRandomnessStaysWithinTenPercent() {
        Iterator<Duration> w = new PcpRetransmission(PcpRetransmission.IRT, PcpRetransmission.MRT, new Random(42)).waits();
        Duration first = w.next();
        assertTrue(first.toMillis() >= 2700 && first.toMillis() <= 3300, first::toString);
        Duration previous = first;
        for (int i = 0; i < 20; i++) {
            Duration next = w.next();
            long base = Math.min(previous.toMillis() * 2, 1_024_000);
            assertTrue(next.toMillis() >= base * 0.9 - 1 && next.toMillis() <= base * 1.1 + 1, next + " after " + previous);
            previous = next;
        }
    }

    /** A random source whose nextDouble(origin, bound) always gives {@code value}. */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble(double origin, double bound) {
                return value;
            }
        };
    }
}
