package net.portforward.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import net.portforward.engine.error.RouterProtocolException;
import org.junit.jupiter.api.Test;

class Ipv6Test {
    @Test
    void literalsOnlyNoZonesNoIpv4InDisguiseNeverNames() {
        assertEquals("2001:db8:77::1", Ipv6.text(Ipv6.parse("2001:DB8:77:0:0:0:0:1").orElseThrow()));
        assertTrue(Ipv6.parse("[2001:db8:77::1]").isPresent());
        assertTrue(Ipv6.parse("::1").isPresent());
        for (String bad : new String[] {"fe80::1%eth0", "fe80::1%25eth0", "::ffff:192.168.1.1", "192.168.1.1",
                "router.lan", "abcd", ":::", "", "[]", "2001:db8::1::2", "2001:db8:77::1:5000:1:2:3:4:5"}) {
            assertTrue(Ipv6.parse(bad).isEmpty(), bad);
        }
        assertTrue(Ipv6.parse(null).isEmpty());
    }

    @Test
    void shortFormAsRfc5952Writes() throws Exception {
        assertEquals("2001:db8::1", Ipv6.text(InetAddress.getByName("2001:db8:0:0:0:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", Ipv6.text(InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("2001:0:0:1::1", Ipv6.text(InetAddress.getByName("2001:0:0:1:0:0:0:1")));
        assertEquals("::", Ipv6.text(InetAddress.getByName("::")));
        assertEquals("::1", Ipv6.text(InetAddress.getByName("::1")));
        assertEquals("fe80::", Ipv6.text(InetAddress.getByName("fe80::")));
        assertEquals("192.168.1.1", Ipv6.text(InetAddress.getByName("192.168.1.1")));
        assertEquals("[2001:db8::1]", Ipv6.uriHost(InetAddress.getByName("2001:db8::1")));
    }

    @Test
    void theRoutersIpv6AddressPinsEveryUrlLikeIpv4() throws Exception {
        GatewayAddressPolicy p = new GatewayAddressPolicy(InetAddress.getByName("2001:db8:77::1"));
        URI base = URI.create("http://[2001:db8:77::1]:5000/rootDesc.xml");
        assertEquals("http://[2001:db8:77::1]:5000/ctl/IP6FCtl", p.resolve(base, "/ctl/IP6FCtl", "controlURL").toString());
        // written another way, still the router's address
        p.check(URI.create("http://[2001:DB8:77:0:0:0:0:1]:5000/ctl/IP6FCtl"), "controlURL");
        for (String bad : new String[] {"http://[2001:db8:77::2]:5000/ctl", "https://[2001:db8:77::1]/ctl",
                "http://[fe80::1%25br0]:5000/ctl", "http://[::1]:5000/ctl", "http://192.168.77.1:5000/ctl",
                "http://[::ffff:192.168.77.1]:5000/ctl", "http://router.lan:5000/ctl", "http://u@[2001:db8:77::1]/ctl",
                "//[2001:db8:77::2]/ctl"}) {
            assertThrows(RouterProtocolException.class, () -> p.resolve(base, bad, "controlURL"), bad);
        }
        GatewayAddressPolicy v4 = new GatewayAddressPolicy(InetAddress.getByName("192.168.77.1"));
        assertThrows(RouterProtocolException.class, () -> v4.check(URI.create("http://[::ffff:c0a8:4d01]/ctl"), "controlURL"));
    }

    @Test
    void anSsdpAnswerOverIpv6MustComeFromItsLocation() throws Exception {
        InetAddress router = InetAddress.getByName("2001:db8:77::1");
        assertEquals("http://[2001:db8:77::1]:5000/rootDesc.xml",
                GatewayAddressPolicy.checkLocation("http://[2001:db8:77::1]:5000/rootDesc.xml", router).toString());
        assertThrows(RouterProtocolException.class, () -> GatewayAddressPolicy.checkLocation(
                "http://[2001:db8:77::66]:5000/rootDesc.xml", router));
    }
}
