package net.portforward.engine.pinhole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.discovery.DiscoveryPolicy;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.PcpService;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.EngineFixture;
import net.portforward.testing.FakePcpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pinholes through PCP MAP with an IPv6 internal address, against the fake PCP server on ::1. */
class PcpPinholesTest {
    @TempDir
    Path dataDir;

    private FakePcpServer pcp;
    private PortForwardEngine engine;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        pcp = FakePcpServer.startOnIpv6Loopback();
        Ipv6Network net = Ipv6Network.loopback(new java.net.InetSocketAddress(InetAddress.getByName("::1"), 9),
                pcp.address().getPort());
        engine = new PortForwardEngine(EngineFixture.withIpv6(dataDir, net));
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        // A PCP router found over IPv4: no UPnP, so PCP is asked over IPv6 at the IPv6 default router.
        gateway = new Gateway(new PcpService(5351), v4, v4, new RouterStatus(null, "", ConnectionStatus.UNKNOWN, null, "",
                NatVerdict.UNKNOWN), true);
    }

    @AfterEach
    void stop() {
        engine.close();
        pcp.close();
    }

    @Test
    void aMapWithTheIpv6AddressOpensTheFirewallAndItsNonceClosesIt() throws Exception {
        MemoryJournal journal = new MemoryJournal();
        Pinholes pinholes = engine.pinholes(gateway, journal, Progress.NONE);
        assertEquals("PCP", pinholes.service().label());
        assertEquals(Optional.empty(), pinholes.status(Progress.NONE), "PCP does not tell the firewall's state");

        Pinhole p = pinholes.open(Protocol.TCP, 8080, Duration.ofMinutes(20), Retention.FOR_NOW, 0, Progress.NONE);
        FakePcpServer.Mapping m = pcp.mapping(6, 8080).orElseThrow();
        assertEquals(InetAddress.getByName("::1"), m.client());
        assertEquals(8080, m.externalPort());
        assertEquals(1200, m.lifetimeSeconds());
        assertTrue(p.id().text().startsWith("pcp:"), p.id().text());

        Pinholes.Renewal r = pinholes.renew(journal.find(p.key()).orElseThrow(), Progress.NONE);
        assertEquals(p.id(), r.pinhole().id(), "renewed with its own nonce");
        assertEquals(1, pcp.mappings().size());

        pinholes.close(p.key(), Progress.NONE);
        assertTrue(pcp.mappings().isEmpty());
    }

    @Test
    void aRefusalIsTheSameReasonAsForAForward() throws Exception {
        pcp.answerWith(null, 2); // NOT_AUTHORIZED to MAP; ANNOUNCE still answers
        Pinholes pinholes = engine.pinholes(gateway, new MemoryJournal(), Progress.NONE);
        RouterRefusedException e = org.junit.jupiter.api.Assertions.assertThrows(RouterRefusedException.class,
                () -> pinholes.open(Protocol.UDP, 27015, Duration.ofMinutes(20), Retention.KEEP, 0, Progress.NONE));
        assertEquals(Refusal.NOT_AUTHORIZED, e.reason());
    }
}
