package net.portforward.engine.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.model.DeviceDescription;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.NatPmpService;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.PcpService;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.model.UpnpService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which gateway comes first and which PortForward uses by itself: one row per situation. */
class GatewayRankingTest {
    private static final String GW = "192.168.77.1";
    private static final String OTHER = "192.168.77.20";

    static Stream<Arguments> situations() {
        return Stream.of(
                // name, gateways in arrival order, default gateway known, expected order, expected choice
                Arguments.of("an impostor that answers first with the same rank comes after the gateway",
                        List.of(upnp("impostor", OTHER, 2, true, false), upnp("router", GW, 2, true, true)), true,
                        List.of("router", "impostor"), Optional.of("router")),
                Arguments.of("an impostor with a better status still comes after the gateway",
                        List.of(upnp("impostor", OTHER, 2, true, false), upnp("router", GW, 1, false, true)), true,
                        List.of("router", "impostor"), Optional.of("router")),
                Arguments.of("only an impostor answered: nothing is used by itself",
                        List.of(upnp("impostor", OTHER, 2, true, false)), true,
                        List.of("impostor"), Optional.empty()),
                Arguments.of("IGD:2 before IGD:1 of the same router",
                        List.of(upnp("v1", GW, 1, true, true), upnp("v2", GW, 2, true, true)), true,
                        List.of("v2", "v1"), Optional.of("v2")),
                Arguments.of("UPnP before PCP before NAT-PMP of the gateway",
                        List.of(natpmp(GW), pcp(GW), upnp("router", GW, 1, true, true)), true,
                        List.of("router", "PCP", "NAT-PMP"), Optional.of("router")),
                Arguments.of("the gateway's PCP before another host's UPnP",
                        List.of(upnp("impostor", OTHER, 2, true, false), pcp(GW)), true,
                        List.of("PCP", "impostor"), Optional.of("PCP")),
                Arguments.of("connected before disconnected, within one router",
                        List.of(upnp("down", GW, 2, false, true), upnp("up", GW, 2, true, true)), true,
                        List.of("up", "down"), Optional.of("up")),
                Arguments.of("default gateway unknown: ranked as before, the best is used",
                        List.of(upnp("down", OTHER, 2, false, false), upnp("up", GW, 1, true, false)), false,
                        List.of("up", "down"), Optional.of("up")),
                Arguments.of("equal rank keeps the order of arrival",
                        List.of(upnp("first", GW, 2, true, true), upnp("second", GW, 2, true, true)), true,
                        List.of("first", "second"), Optional.of("first")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("situations")
    void ranksAndChooses(String situation, List<Gateway> found, boolean gatewayKnown, List<String> order,
            Optional<String> choice) {
        List<Gateway> ranked = GatewayRanking.rank(found);
        assertEquals(order, ranked.stream().map(GatewayRankingTest::label).toList());
        assertEquals(choice, GatewayRanking.chooseByItself(ranked, gatewayKnown).map(GatewayRankingTest::label));
    }

    private static String label(Gateway g) {
        return g.name().isEmpty() ? g.serviceLabel() : g.name();
    }

    static Gateway upnp(String name, String address, int version, boolean connected, boolean isDefault) {
        DeviceDescription d = new DeviceDescription(URI.create("http://" + address + ":5000/rootDesc.xml"),
                "urn:schemas-upnp-org:device:InternetGatewayDevice:" + version, version, name, "", "", "", "", "", "", "",
                "uuid:" + name, "", "", List.of());
        ServiceRef s = new ServiceRef("urn:schemas-upnp-org:service:WANIPConnection:" + version, "WANIPConn1",
                URI.create("http://" + address + ":5000/ctl/" + name), null, null, "uuid:" + name, "");
        return new Gateway(new UpnpService(d, s), ip(address), ip("192.168.77.10"), status(connected), isDefault);
    }

    private static Gateway pcp(String address) {
        return new Gateway(new PcpService(PcpService.PORT), ip(address), ip("192.168.77.10"), status(true), true);
    }

    private static Gateway natpmp(String address) {
        return new Gateway(new NatPmpService(PcpService.PORT), ip(address), ip("192.168.77.10"), status(true), true);
    }

    private static RouterStatus status(boolean connected) {
        return new RouterStatus(ip("25.77.0.2"), "25.77.0.2",
                connected ? ConnectionStatus.CONNECTED : ConnectionStatus.DISCONNECTED, Duration.ofHours(1), "",
                NatVerdict.PUBLIC);
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
