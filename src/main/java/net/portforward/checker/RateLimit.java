package net.portforward.checker;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * At most {@code perWindow} checks per source address within a sliding {@code window}, so nobody
 * can use the checker to knock on one address many times. Remembers at most {@link #MAX_ADDRESSES}
 * addresses (the least recently seen are forgotten), so a flood of sources cannot exhaust memory.
 */
final class RateLimit {
    static final int MAX_ADDRESSES = 10_000;

    private final int perWindow;
    private final Duration window;
    private final LongSupplier nanoClock;
    private final Map<InetAddress, Deque<Long>> seen = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Deque<Long>> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    RateLimit(int perWindow, Duration window, LongSupplier nanoClock) {
        this.perWindow = perWindow;
        this.window = window;
        this.nanoClock = nanoClock;
    }

    /** True, and counted, when {@code address} may have one more check now. */
    synchronized boolean allow(InetAddress address) {
        long now = nanoClock.getAsLong();
        Deque<Long> times = seen.computeIfAbsent(address, a -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() >= window.toNanos()) {
            times.removeFirst();
        }
        if (times.size() >= perWindow) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    int perWindow() {
        return perWindow;
    }

    Duration window() {
        return window;
    }
}
