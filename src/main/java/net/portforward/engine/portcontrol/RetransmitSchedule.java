package net.portforward.engine.portcontrol;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * How long to wait for an answer after each try: one wait per request sent, in order. When the
 * waits run out the exchange gives up; the caller's deadline cuts every wait short anyway.
 */
@FunctionalInterface
public interface RetransmitSchedule {

    /** A fresh sequence of waits for one exchange (possibly endless). */
    Iterator<Duration> waits();

    /**
     * {@code first}, then twice as long after each try, for {@code tries} tries: NAT-PMP's
     * schedule (RFC 6886 section 3.1: 250 ms, doubling, 9 tries).
     */
    static RetransmitSchedule doubling(Duration first, int tries) {
        if (first.isNegative() || first.isZero() || tries < 1) {
            throw new IllegalArgumentException("first wait " + first + ", tries " + tries);
        }
        return () -> new Iterator<>() {
            private int done;

            @Override
            public boolean hasNext() {
                return done < tries;
            }

            @Override
            public Duration next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return first.multipliedBy(1L << done++);
            }
        };
    }
}
