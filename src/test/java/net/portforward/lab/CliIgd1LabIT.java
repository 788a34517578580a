package net.portforward.lab;

import static net.portforward.lab.LabNetwork.LAN_HOST_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import net.portforward.lab.AppCli.Mapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The app's command line against miniupnpd forced to the IGD:1 description, cross-checked with upnpc. */
class CliIgd1LabIT extends LabCliTest {

    @Override
    LabVariant variant() {
        return LabVariant.IGD1_PUBLIC;
    }

    @AfterEach
    void cleanUp() {
        app.reset();
    }

    @Test
    void discoverSeesWanIpConnection1() {
        List<?> gateways = (List<?>) AppCli.parseJson(app.ok("discover", "--json").out());
        assertEquals(1, gateways.size(), gateways::toString);
        Map<?, ?> g = (Map<?, ?>) gateways.get(0);
        assertEquals(LabNetwork.ROOT_DESC_URL, g.get("location"));
        assertEquals("urn:schemas-upnp-org:service:WANIPConnection:1", g.get("serviceType"));
        assertEquals("25.77.0.2", g.get("externalIp"));
        assertEquals(false, g.get("doubleNat"));
        Map<?, ?> info = (Map<?, ?>) AppCli.parseJson(app.ok("info", "--json").out());
        assertEquals("urn:schemas-upnp-org:device:InternetGatewayDevice:1", info.get("deviceType"));
    }

    @Test
    void addListDeleteRoundTripWithUpnpc() {
        app.ok("add", "8080", "TCP", "80", "--description", "igd1 app");
        lab.upnpcDirect("-e", "igd1 upnpc", "-a", LAN_HOST_IP, "5354", "5353", "UDP", "0").orThrow();
        Set<Mapping> both = Set.of(new Mapping("TCP", 8080, LAN_HOST_IP, 80, "igd1 app"),
                new Mapping("UDP", 5353, LAN_HOST_IP, 5354, "igd1 upnpc"));
        assertEquals(both, app.upnpcMappings());
        assertEquals(both, app.appMappings());

        app.ok("delete", "5353", "UDP");
        lab.upnpcDirect("-d", "8080", "TCP").orThrow();
        assertEquals(Set.of(), app.upnpcMappings());
        assertEquals(Set.of(), app.appMappings());
        assertTrue(app.ok("list").out().contains("(no mappings)"));
    }
}
