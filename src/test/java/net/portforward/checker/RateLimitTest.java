package net.portforward.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private final AtomicLong now = new AtomicLong();
    private final RateLimit limit = new RateLimit(3, Duration.ofMinutes(1), now::get);

    @Test
    void ipv6CountsPerSlash64BecauseOneHomePicksAnyAddressInIt() throws Exception {
        for (String a : new String[] {"2a01:4f8:1:2::1", "2a01:4f8:1:2::ffff", "2a01:4f8:1:2:abcd:ef01:2345:6789"}) {
            assertTrue(limit.allow(InetAddress.getByName(a)), a);
        }
        assertFalse(limit.allow(InetAddress.getByName("2a01:4f8:1:2:1:1:1:1")), "a fourth address of the same /64");
        assertTrue(limit.allow(InetAddress.getByName("2a01:4f8:1:3::1")), "the next /64 is someone else");
        assertEquals("2a01:4f8:1:2::/64", RateLimit.describe(InetAddress.getByName("2a01:4f8:1:2::1")));
    }

    @Test
    void ipv4CountsPerAddressAndTheWindowSlides() throws Exception {
        InetAddress a = InetAddress.getByName("25.77.0.2");
        for (int i = 0; i < 3; i++) {
            assertTrue(limit.allow(a));
        }
        assertFalse(limit.allow(a));
        assertTrue(limit.allow(InetAddress.getByName("25.77.0.3")));
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertTrue(limit.allow(a));
        assertEquals("25.77.0.2", RateLimit.describe(a));
    }
}
