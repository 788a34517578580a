package net.portforward.engine.model;

/**
 * A router's running totals of bytes on its internet side (UPnP WANCommonInterfaceConfig
 * GetTotalBytesSent / GetTotalBytesReceived), as read at one moment. Many routers keep them in
 * 32-bit counters that wrap at 4 GiB; see {@link #since(long, long)}.
 */
public record ByteCounters(long sent, long received) {
    /** Where a 32-bit counter wraps: ui4 in the UPnP service description. */
    public static final long WRAP_32 = 1L << 32;

    public ByteCounters {
        if (sent < 0 || received < 0) {
            throw new IllegalArgumentException("byte counters are not negative");
        }
    }

    /**
     * The bytes counted between two readings of one counter. A smaller second reading below 2^32
     * is a 32-bit counter that wrapped (most IGD:1 routers); anything else smaller means the
     * counter started again (the router restarted), and only what it counted since is known.
     */
    public static long since(long before, long now) {
        if (now >= before) {
            return now - before;
        }
        return before < WRAP_32 ? now + WRAP_32 - before : now;
    }
}
