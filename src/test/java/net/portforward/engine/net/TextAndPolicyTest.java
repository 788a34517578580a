package net.portforward.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import net.portforward.engine.error.RouterProtocolException;
import org.junit.jupiter.api.Test;

class TextAndPolicyTest {
    @Test
    void cleanRemovesControlAndBidiCharactersAndBoundsLength() {
        assertEquals("web server", Text.clean("  web\u0000\u0007 \r\nserver\u202E "));
        String huge = "x".repeat(10_000);
        String cut = Text.clean(huge, 64);
        assertEquals(64, cut.length());
        assertTrue(cut.endsWith("\u2026"));
        assertEquals("&<>\"", Text.clean("&<>\""));
        assertEquals("", Text.clean(null));
    }

    @Test
    void relativeReferencesResolveAgainstTheGateway() throws Exception {
        GatewayAddressPolicy p = new GatewayAddressPolicy(InetAddress.getByName("192.168.0.1"));
        URI base = URI.create("http://192.168.0.1:5431/dyndev/uuid:abc");
        // Actiontec: colons in the path must not read as a scheme.
        assertEquals("http://192.168.0.1:5431/uuid:0001/WANPPPConnection:1",
                p.resolve(base, "/uuid:0001/WANPPPConnection:1", "controlURL").toString());
        assertEquals("http://192.168.0.1:5431/control?WANIPConnection",
                p.resolve(base, "/control?WANIPConnection", "controlURL").toString());
        assertEquals("http://192.168.0.1:5431/dyndev/ctl",
                p.resolve(base, "ctl", "controlURL").toString());
    }

    @Test
    void anythingButPlainHttpToTheGatewayIsRefused() throws Exception {
        GatewayAddressPolicy p = new GatewayAddressPolicy(InetAddress.getByName("192.168.0.1"));
        URI base = URI.create("http://192.168.0.1:5000/rootDesc.xml");
        for (String bad : new String[] {"http://192.168.0.2/ctl", "https://192.168.0.1/ctl", "http://localhost/ctl",
                "http://127.0.0.1:5000/ctl", "http://169.254.169.254/", "//10.0.0.1/ctl", "http://u:p@192.168.0.1/"}) {
            assertThrows(RouterProtocolException.class, () -> p.resolve(base, bad, "controlURL"), bad);
        }
    }

    @Test
    void ipv4LiteralsOnlyNeverNames() {
        assertTrue(Ipv4.parse("192.168.1.23").isPresent());
        assertTrue(Ipv4.parse("router.lan").isEmpty());
        assertTrue(Ipv4.parse("999.1.1.1").isEmpty());
        assertTrue(Ipv4.parse("1.2.3").isEmpty());
        assertTrue(Ipv4.parse("").isEmpty());
    }
}
