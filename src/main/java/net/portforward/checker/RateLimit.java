package net.portforward.checker;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * At most {@code perWindow} checks per source within a sliding {@code window}, so nobody can use
 * the checker to knock on one address many times. A source is an IPv4 address or an IPv6 /64: one
 * home or phone gets a whole /64 and picks addresses in it at will (RFC 4941 temporary addresses),
 * so counting IPv6 per address would count nothing. Remembers at most {@link #MAX_ADDRESSES}
 * sources (the least recently seen are forgotten), so a flood of sources cannot exhaust memory.
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

    /** True, and counted, when {@code address} (its /64 for IPv6) may have one more check now. */
    synchronized boolean allow(InetAddress address) {
        long now = nanoClock.getAsLong();
        Deque<Long> times = seen.computeIfAbsent(source(address), a -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() >= window.toNanos()) {
            times.removeFirst();
        }
        if (times.size() >= perWindow) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    /** What is counted for {@code address}: itself for IPv4, its /64 (the rest zero) for IPv6. */
    static InetAddress source(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }

    /** The source in words: "203.0.113.7", or "2001:db8:1:2::/64". */
    static String describe(InetAddress address) {
        InetAddress source = source(address);
        if (!(source instanceof Inet6Address)) {
            return source.getHostAddress();
        }
        // getHostAddress writes all eight groups: "2001:db8:1:2:0:0:0:0"
        String[] groups = source.getHostAddress().split(":");
        return String.join(":", Arrays.copyOf(groups, 4)) + "::/64";
    }

    int perWindow() {
        return perWindow;
    }

    Duration window() {
        return window;
    }
}
