package net.portforward.engine.pinhole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.portforward.engine.net.Ipv6;
import org.junit.jupiter.api.Test;

class Ipv6RoutesTest {
    @Test
    void theDefaultRouteWithTheLowestMetricAndAGateway() {
        List<String> lines = List.of(
                // the LAN prefix, on-link: not a default route
                "20010db8007700000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000"
                        + " 00000100 00000001 00000000 00000001     lan0",
                // a default route without a gateway flag
                "00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000"
                        + " 00000064 00000001 00000000 00000001     lan0",
                // the lab's default route via 2001:db8:77::1, metric 1024
                "00000000000000000000000000000000 00 00000000000000000000000000000000 00 20010db8007700000000000000000001"
                        + " 00000400 00000001 00000000 00000003     lan0",
                // a worse one
                "00000000000000000000000000000000 00 00000000000000000000000000000000 00 20010db8007700000000000000000002"
                        + " 00000800 00000001 00000000 00000003     lan0");
        assertEquals("2001:db8:77::1", Ipv6.text(Ipv6Routes.parse(lines).orElseThrow()));
    }

    @Test
    void noDefaultRouteNoRouter() {
        assertTrue(Ipv6Routes.parse(List.of("junk", "")).isEmpty());
    }
}
