package net.portforward.engine.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code route print} and Windows {@code netstat -rn} as real machines printed them, in three languages. */
class WindowsRouteTableTest {
    private static final String ROUTE_PRINT = "C:\\Windows\\System32\\ROUTE.EXE";
    private static final String NETSTAT = "C:\\Windows\\System32\\NETSTAT.EXE";

    @ParameterizedTest
    @CsvSource({
            // file, gateway, the interface's address, metric
            "windows-10-en-two-adapters.txt, 10.0.2.2, 10.0.2.15, 25",
            "windows-7-de-netstat-rn.txt, 10.211.55.1, 10.211.55.3, 10",
            "windows-fr.txt, 10.88.88.2, 10.88.88.149, 10",
            "windows-es-on-link-line.txt, 192.168.100.1, 192.168.100.80, 35",
            "windows-en-two-gateways.txt, 10.21.38.1, 10.21.38.97, 2",
    })
    void theDefaultRouteWithTheLowestMetricIsFoundWhateverTheLanguage(String file, String gateway, String local,
                                                                      long metric) throws Exception {
        WindowsRouteTable.Route route = WindowsRouteTable.parse(RouteOutputs.read(file)).orElseThrow();
        assertEquals(InetAddress.getByName(gateway), route.gateway());
        assertEquals(InetAddress.getByName(local), route.interfaceAddress());
        assertEquals(metric, route.metric());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "windows-en-on-link-default-only.txt", // a default without a router behind it
            "windows-en-no-default-route.txt",
            "windows-de-ipv6-table-only.txt", // ::/0 is no IPv4 default
            "windows-10-de-openvpn-split-routes.txt", // 0.0.0.0 mask 128.0.0.0 is half the internet, not a default
            "junk-lorem-ipsum.txt",
    })
    void tablesWithoutAnIpv4DefaultGatewayGiveNone(String file) {
        assertEquals(Optional.empty(), WindowsRouteTable.parse(RouteOutputs.read(file)));
    }

    @Test
    void junkAndNamesAreNeverTakenForAnAddress() {
        for (String junk : List.of("", "\u0000\u0001\u00ff", "0.0.0.0 0.0.0.0",
                "          0.0.0.0          0.0.0.0      example.com     10.0.0.2     25",
                "          0.0.0.0          0.0.0.0      999.1.1.1     10.0.0.2     25",
                "          0.0.0.0          0.0.0.0      10.0.0.1     10.0.0.2     99999999999",
                "          0.0.0.0          0.0.0.0      0.0.0.0     10.0.0.2     25",
                // a persistent route: no interface column, a word for the metric
                "          0.0.0.0          0.0.0.0       10.10.10.2  Default",
                "0.0.0.0 0.0.0.0 10.0.0.1 10.0.0.2 25 extra")) {
            assertEquals(Optional.empty(), WindowsRouteTable.parse(junk), junk);
        }
    }

    @Test
    void theInterfaceIsTheOneJavaKnowsThatHoldsTheAddressInTheTable() throws Exception {
        List<List<String>> ran = new ArrayList<>();
        Map<InetAddress, String> interfaces = Map.of(InetAddress.getByName("10.0.2.15"), "eth3");
        Optional<DefaultRoute> route = WindowsRouteTable.read(command -> {
            ran.add(command);
            return Optional.of(RouteOutputs.read("windows-10-en-two-adapters.txt"));
        }, a -> Optional.ofNullable(interfaces.get(a)));
        assertEquals(Optional.of(new DefaultRoute("eth3", InetAddress.getByName("10.0.2.2"))), route);
        assertEquals(List.of(List.of(ROUTE_PRINT, "print", "-4")), ran);
    }

    @Test
    void netstatIsAskedWhenRoutePrintFailsAndAnUnknownInterfaceMeansUnknown() throws Exception {
        List<List<String>> ran = new ArrayList<>();
        Optional<DefaultRoute> route = WindowsRouteTable.read(command -> {
            ran.add(command);
            return command.get(0).equals(NETSTAT) ? Optional.of(RouteOutputs.read("windows-7-de-netstat-rn.txt"))
                    : Optional.empty();
        }, a -> Optional.empty());
        assertEquals(Optional.empty(), route, "no interface holds 10.211.55.3 here");
        assertEquals(List.of(List.of(ROUTE_PRINT, "print", "-4"), List.of(NETSTAT, "-rn")), ran);
    }

    @Test
    void anAddressIsMappedToItsInterfaceByJavasOwnList() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertEquals(Optional.of(NetworkInterface.getByInetAddress(loopback).getName()),
                WindowsRouteTable.interfaceHolding(loopback));
        assertTrue(WindowsRouteTable.interfaceHolding(InetAddress.getByName("192.0.2.123")).isEmpty(),
                "TEST-NET-1 is on no interface");
    }
}
