package net.portforward.engine.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** macOS {@code route -n get default} and {@code netstat -rn} as real Macs printed them. */
class MacRouteTableTest {
    private static final List<String> ROUTE_GET = List.of("/sbin/route", "-n", "get", "default");
    private static final List<String> NETSTAT = List.of("/usr/sbin/netstat", "-rn", "-f", "inet");

    @Test
    void routeGetDefaultNamesTheGatewayAndTheInterface() throws Exception {
        assertEquals(Optional.of(new DefaultRoute("en0", InetAddress.getByName("10.23.9.1"))),
                MacRouteTable.parseRouteGet(RouteOutputs.read("macos-sierra-route-get-default.txt")));
    }

    @Test
    void routeGetWithoutAGatewayAddressGivesNone() {
        // What route(8) prints with no default route (quoted in DefGuard/client#780).
        assertEquals(Optional.empty(), MacRouteTable.parseRouteGet("route: writing to routing socket: not in table\n"));
        // The Sierra capture with its gateway line taken out, as for a default over a tunnel.
        assertEquals(Optional.empty(), MacRouteTable.parseRouteGet(
                RouteOutputs.read("macos-sierra-route-get-default.txt").replace("    gateway: 10.23.9.1\n", "")));
        assertEquals(Optional.empty(), MacRouteTable.parseRouteGet(
                RouteOutputs.read("macos-sierra-route-get-default.txt").replace("en0", "<en0>")));
        assertEquals(Optional.empty(), MacRouteTable.parseRouteGet(RouteOutputs.read("junk-lorem-ipsum.txt")));
        assertEquals(Optional.empty(), MacRouteTable.parseRouteGet(""));
    }

    @ParameterizedTest
    @CsvSource({
            "macos-netstat-rn-many-interfaces.txt, en0, 10.10.56.1",
            // a VPN's default (link#17 on utun3) has no address; en0's is scoped (flag I) but the only one
            "macos-netstat-rn-vpn-and-scoped-default.txt, en0, 192.168.1.254",
    })
    void netstatGivesTheIpv4DefaultWithAGatewayAddress(String file, String name, String gateway) throws Exception {
        assertEquals(Optional.of(new DefaultRoute(name, InetAddress.getByName(gateway))),
                MacRouteTable.parseNetstat(RouteOutputs.read(file)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "macos-netstat-rn-no-default.txt",
            "macos-netstat-rn-default-not-an-address.txt",
            "macos-netstat-rn-ipv6-section-only.txt",
            "junk-lorem-ipsum.txt",
            "windows-10-en-two-adapters.txt",
    })
    void tablesWithoutAnIpv4DefaultGatewayGiveNone(String file) {
        assertEquals(Optional.empty(), MacRouteTable.parseNetstat(RouteOutputs.read(file)));
    }

    @Test
    void netstatIsAskedOnlyWhenRouteGetGivesNothing() throws Exception {
        List<List<String>> ran = new ArrayList<>();
        Optional<DefaultRoute> route = MacRouteTable.read(command -> {
            ran.add(command);
            return Optional.of(RouteOutputs.read("macos-sierra-route-get-default.txt"));
        });
        assertEquals(Optional.of(new DefaultRoute("en0", InetAddress.getByName("10.23.9.1"))), route);
        assertEquals(List.of(ROUTE_GET), ran);

        ran.clear();
        route = MacRouteTable.read(command -> {
            ran.add(command);
            return command.equals(NETSTAT) ? Optional.of(RouteOutputs.read("macos-netstat-rn-many-interfaces.txt"))
                    : Optional.empty();
        });
        assertEquals(Optional.of(new DefaultRoute("en0", InetAddress.getByName("10.10.56.1"))), route);
        assertEquals(List.of(ROUTE_GET, NETSTAT), ran);

        assertEquals(Optional.empty(), MacRouteTable.read(command -> Optional.empty()));
    }
}
