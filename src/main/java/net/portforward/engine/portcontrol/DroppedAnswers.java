package net.portforward.engine.portcontrol;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts the datagrams a client or listener dropped, by reason. Dropping never ends a wait; the
 * counts let the caller (and the tests) see that something on the LAN sent junk or forged answers.
 * Thread-safe.
 */
public final class DroppedAnswers {
    private final AtomicLongArray counts = new AtomicLongArray(DropReason.values().length);

    public void record(DropReason reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    public long count(DropReason reason) {
        return counts.get(reason.ordinal());
    }

    public long total() {
        long sum = 0;
        for (int i = 0; i < counts.length(); i++) {
            sum += counts.get(i);
        }
        return sum;
    }

    /** The non-zero counts, for logs. */
    public Map<DropReason, Long> snapshot() {
        Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            long n = count(r);
            if (n > 0) {
                out.put(r, n);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
