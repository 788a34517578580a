package net.portforward.engine.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefaultRouteTest {
    private static final String HEADER =
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT";

    @Test
    void readsTheDefaultGatewayFromProcNetRoute() {
        var route = DefaultRoute.parse(List.of(HEADER,
                "lan0\t00000000\t014DA8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
                "lan0\t004DA8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0"));
        assertEquals("lan0", route.orElseThrow().interfaceName());
        assertEquals("192.168.77.1", route.orElseThrow().gateway().getHostAddress());
    }

    @Test
    void lowestMetricWinsAndRoutesWithoutGatewayAreSkipped() {
        var route = DefaultRoute.parse(List.of(HEADER,
                "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0",
                "tun0\t00000000\t00000000\t0001\t0\t0\t0\t00000000\t0\t0\t0",
                "eth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0"));
        assertEquals("eth0", route.orElseThrow().interfaceName());
        assertEquals("10.0.0.1", route.orElseThrow().gateway().getHostAddress());
    }

    @Test
    void eachSystemRunsOnlyItsOwnTools() throws Exception {
        List<List<String>> ran = new ArrayList<>();
        RouteCommand.Runner runner = command -> {
            ran.add(command);
            return command.get(0).endsWith("ROUTE.EXE") ? Optional.of(RouteOutputs.read("windows-fr.txt"))
                    : command.get(0).equals("/sbin/route") ? Optional.of(RouteOutputs.read("macos-sierra-route-get-default.txt"))
                    : Optional.empty();
        };
        assertEquals(Optional.of(new DefaultRoute("Ethernet0", InetAddress.getByName("10.88.88.2"))),
                DefaultRoute.read("Windows 11", runner, a -> Optional.of("Ethernet0")));
        assertEquals(1, ran.size());
        assertEquals(Optional.of(new DefaultRoute("en0", InetAddress.getByName("10.23.9.1"))),
                DefaultRoute.read("Mac OS X", runner, a -> Optional.empty()));
        assertEquals("/sbin/route", ran.get(1).get(0));
        DefaultRoute.read("Linux", runner, a -> Optional.empty());
        DefaultRoute.read("FreeBSD", runner, a -> Optional.empty());
        assertEquals(2, ran.size(), "Linux reads /proc/net/route, other systems run nothing");
    }

    @Test
    void noDefaultRoute() {
        assertTrue(DefaultRoute.parse(List.of(HEADER, "lo\t0000007F\t00000000\t0001\t0\t0\t0\t000000FF\t0\t0\t0")).isEmpty());
        assertTrue(DefaultRoute.parse(List.of()).isEmpty());
    }
}
