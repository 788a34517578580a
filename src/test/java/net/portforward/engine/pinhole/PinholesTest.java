package net.portforward.engine.pinhole;

import static net.portforward.testing.Said.said;
import net.portforward.testing.Said;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.discovery.DiscoveryPolicy;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.upnp.SoapClient;
import net.portforward.testing.EngineFixture;
import net.portforward.testing.FakeFirewall;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.SoapCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pinholes through WANIPv6FirewallControl:1, against the fake router's firewall on ::1, which
 * takes requests only over IPv6 from the pinhole's own address as miniupnpd does. Nothing leaves
 * loopback: the IPv6 search is unicast to the fake's ::1 port.
 */
class PinholesTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    @TempDir
    Path dataDir;

    private FakeRouter router;
    private FakeFirewall firewall;
    private PortForwardEngine engine;
    private final MemoryJournal journal = new MemoryJournal();
    private Pinholes pinholes;

    @BeforeEach
    void start() throws PortForwardException {
        router = FakeRouter.start(FakeRouter.Options.igd2().ipv6Firewall());
        firewall = router.firewall();
        engine = engineFor(Ipv6Network.loopback(firewall.ssdpAddress(), unusedPort()));
        pinholes = engine.pinholes(gateway(engine), journal, Progress.NONE);
        router.clearCalls();
    }

    @AfterEach
    void stop() {
        engine.close();
        router.close();
    }

    private PortForwardEngine engineFor(Ipv6Network net) {
        return new PortForwardEngine(EngineFixture.withIpv6(dataDir, net));
    }

    private Gateway gateway(PortForwardEngine e) throws PortForwardException {
        return e.connect(router.location(), Progress.NONE).get(0);
    }

    /** A UDP port nothing answers on (PCP is not asked when UPnP works). */
    private static int unusedPort() {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, InetAddress.getByName("::1"))) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void opensRenewsAndClosesFromTheAddressItOpens() throws Exception {
        assertEquals("UPnP (WANIPv6FirewallControl:1)", pinholes.service().label());
        Pinhole p = pinholes.open(Protocol.TCP, 8080, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE);

        FakeFirewall.Entry e = firewall.pinhole(8080, 6).orElseThrow();
        assertEquals(InetAddress.getByName("::1"), e.client());
        assertEquals(3600, e.leaseSeconds());
        assertEquals(String.valueOf(e.id()), p.id().text());
        SoapCall add = router.lastCall("AddPinhole").orElseThrow();
        assertEquals("", add.arg("RemoteHost"));
        assertEquals("0", add.arg("RemotePort"));
        assertEquals("::1", add.arg("InternalClient"));
        assertEquals("6", add.arg("Protocol"));
        assertEquals(List.of("opening TCP 8080", "opened TCP 8080 id " + e.id()), journal.calls);

        firewall.advance(Duration.ofMinutes(40));
        Pinholes.Renewal r = pinholes.renew(journal.find(p.key()).orElseThrow(), Progress.NONE);
        assertFalse(r.reopened());
        assertEquals("3600", router.lastCall("UpdatePinhole").orElseThrow().arg("NewLeaseTime"));
        assertEquals(3600, firewall.pinhole(8080, 6).orElseThrow().leaseSeconds());

        pinholes.close(p.key(), Progress.NONE);
        assertTrue(firewall.pinholes().isEmpty());
        assertTrue(journal.recorded("x").isEmpty());
    }

    @Test
    void askedOverIpv4TheRouterRefusesAsMiniupnpdDoes() throws Exception {
        ServiceRef v4 = gateway(engine).upnp().orElseThrow().device().services().stream()
                .filter(s -> s.serviceType().equals(FakeFirewall.SERVICE_TYPE)).findFirst().orElseThrow();
        try (SafeHttp http = new SafeHttp(Duration.ofSeconds(5))) {
            FirewallControl overIpv4 = new FirewallControl(new SoapClient(http), v4);
            PinholeException e = assertThrows(PinholeException.class, () -> overIpv4.addPinhole(new PinholeRequest(
                    (java.net.Inet6Address) InetAddress.getByName("::1"), Protocol.TCP, 8080, Duration.ofHours(1)),
                    Progress.NONE));
            assertEquals(606, e.code());
            assertEquals(Refusal.NOT_AUTHORIZED, e.reason());
            assertTrue(said(e).contains("only over IPv6 from the address they open"), said(e));
        }
        assertTrue(firewall.pinholes().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(PinholeErrorCode.class)
    void everyErrorCodeOfTheServiceHasItsReasonAndWords(PinholeErrorCode code) throws Exception {
        router.failNext("AddPinhole", 1, code.code());
        PinholeException e = assertThrows(PinholeException.class,
                () -> pinholes.open(Protocol.UDP, 27015, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE));
        assertEquals(code, e.known().orElseThrow());
        assertEquals(code.refusal(), e.reason());
        assertTrue(said(e).startsWith(Said.ENGLISH.format("pinhole.error." + code.code())), said(e));
        assertTrue(said(e).contains("UPnP error " + code.code()), said(e));
        assertTrue(journal.recorded("x").isEmpty(), "a refused pinhole leaves no record");
    }

    @Test
    void theRoutersOwnRefusalsComeWithTheirReasons() throws Exception {
        PinholeException lowPort = assertThrows(PinholeException.class,
                () -> pinholes.open(Protocol.TCP, 80, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE));
        assertEquals(606, lowPort.code());

        firewall.capacity(1);
        pinholes.open(Protocol.TCP, 8080, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE);
        assertEquals(701, assertThrows(PinholeException.class, () -> pinholes.open(Protocol.TCP, 8081,
                Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE)).code());

        firewall.inboundAllowed(false);
        PinholeException notAllowed = assertThrows(PinholeException.class, () -> pinholes.open(Protocol.TCP, 8082,
                Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE));
        assertEquals(Refusal.PINHOLES_NOT_ALLOWED, notAllowed.reason());
        assertEquals(Optional.of(new FirewallStatus(true, false)), pinholes.status(Progress.NONE));

        firewall.enabled(false);
        PinholeException off = assertThrows(PinholeException.class, () -> pinholes.open(Protocol.TCP, 8082,
                Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE));
        assertEquals(Refusal.FIREWALL_OFF, off.reason());
        assertTrue(said(off).contains("nothing to open"), said(off));
        assertFalse(pinholes.status(Progress.NONE).orElseThrow().pinholesPossible());
    }

    @Test
    void leasesOutsideOneSecondToOneDayAreRefusedBeforeAnythingIsSent() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(86401)}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> pinholes.open(Protocol.TCP, 8080, bad, Retention.KEEP, 0, Progress.NONE));
            assertTrue(said(e).contains("1 to 86400 seconds"), said(e));
        }
        assertEquals(0, router.callCount());
    }

    @Test
    void aPinholeTheRouterLostIsOpenedAgainAtRenewal() throws Exception {
        Pinhole p = pinholes.open(Protocol.TCP, 8080, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE);
        router.restart(); // a reboot: miniupnpd keeps no pinhole
        Pinholes.Renewal r = pinholes.renew(journal.find(p.key()).orElseThrow(), Progress.NONE);
        assertTrue(r.reopened());
        assertTrue(r.fact().english().contains("the router had lost it"), r.fact().english());
        assertEquals(1, router.callCount("UpdatePinhole")); // answered 704 NoSuchEntry
        assertEquals(2, router.callCount("AddPinhole"));
        assertTrue(firewall.pinhole(8080, 6).isPresent());
        assertEquals(r.pinhole().id(), journal.find(p.key()).orElseThrow().id().orElseThrow());
    }

    @Test
    void miniupnpdsAnswer402ForALostPinholeIsReadAsLost() throws Exception {
        firewall.unknownIdAnswers402(true); // miniupnpd 2.3.1 (nftables), seen in the lab
        Pinhole p = pinholes.open(Protocol.TCP, 8080, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE);
        router.restart();
        Pinholes.Renewal r = pinholes.renew(journal.find(p.key()).orElseThrow(), Progress.NONE);
        assertTrue(r.reopened(), r.fact().english());
        assertTrue(firewall.pinhole(8080, 6).isPresent());
        router.restart();
        pinholes.close(p.key(), Progress.NONE); // gone already: closed all the same
        assertTrue(journal.recorded("x").isEmpty());
        Pinhole lost = pinholes.open(Protocol.TCP, 8081, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE);
        router.restart();
        assertEquals(Refusal.NO_SUCH_MAPPING, assertThrows(net.portforward.engine.error.RouterRefusedException.class,
                () -> pinholes.check(lost, Progress.NONE)).reason());
    }

    @Test
    void checkSaysWhetherTrafficCameThroughAndHowMuch() throws Exception {
        Pinhole p = pinholes.open(Protocol.UDP, 27015, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE);
        assertEquals(new PinholeCheck(Optional.of(false), OptionalLong.of(0)), pinholes.check(p, Progress.NONE));
        firewall.traffic(firewall.pinhole(27015, 17).orElseThrow().id(), 5);
        assertEquals(new PinholeCheck(Optional.of(true), OptionalLong.of(5)), pinholes.check(p, Progress.NONE));
        firewall.checkPinholeWorkingOffered(false);
        assertEquals(new PinholeCheck(Optional.empty(), OptionalLong.of(5)), pinholes.check(p, Progress.NONE));
    }

    @Test
    void closingWhatPortForwardDidNotOpenIsRefusedInWords() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> pinholes.close(new PinholeKey(Protocol.TCP, 9999), Progress.NONE));
        assertTrue(said(e).contains("opened no pinhole for TCP 9999"), said(e));
    }

    @Test
    void aPendingPinholeIsClosedByAskingForItAgain() throws Exception {
        pinholes.open(Protocol.TCP, 8080, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE);
        // as after a crash between the request and the record of its answer
        MemoryJournal pending = new MemoryJournal();
        pending.opening("x", new PinholeRequest((java.net.Inet6Address) InetAddress.getByName("::1"), Protocol.TCP, 8080,
                Duration.ofHours(1)), Retention.FOR_NOW, 0);
        new Pinholes(pinholes.service(), "x", pending).close(new PinholeKey(Protocol.TCP, 8080), Progress.NONE);
        assertTrue(firewall.pinholes().isEmpty());
    }

    @Test
    void aRouterAnsweringForAnotherDeviceIsNotUsed() throws Exception {
        firewall.answerAs("uuid:00000000-dead-beef-0000-000000000000");
        PinholeSupport s = engine.pinholeSupport(gateway(engine), Progress.NONE);
        assertEquals(PinholeSupport.Reason.ROUTER_SILENT, s.reason());
        String details = Said.ENGLISH.say(s.details());
        assertTrue(details.contains("another device than the router"), details);
        assertEquals(0, router.callCount("AddPinhole"));
    }

    @Test
    void noAnswerOverIpv6NoPinholes() throws Exception {
        firewall.answersSearches(false);
        PinholeSupport s = engine.pinholeSupport(gateway(engine), Progress.NONE);
        assertEquals(PinholeSupport.Reason.ROUTER_SILENT, s.reason());
        assertTrue(Said.ENGLISH.pinholes(s).startsWith("The router did not answer over IPv6"), Said.ENGLISH.pinholes(s));
    }

    @Test
    void withoutAPublicAddressThereIsNothingToOpen() throws Exception {
        Ipv6Network none = Ipv6Network.loopback(firewall.ssdpAddress(), unusedPort()).withAddresses(
                name -> AddressChoice.choose(List.of(), name));
        try (PortForwardEngine e = engineFor(none)) {
            PinholeSupport s = e.pinholeSupport(gateway(e), Progress.NONE);
            assertEquals(PinholeSupport.Reason.NO_PUBLIC_ADDRESS, s.reason());
            assertTrue(Said.ENGLISH.pinholes(s).startsWith("This computer has no public IPv6 address: there is nothing to open."));
            PortForwardException thrown = assertThrows(PortForwardException.class,
                    () -> e.pinholes(gateway(e), journal, Progress.NONE));
            assertEquals(Said.ENGLISH.pinholes(s), said(thrown));
        }
        assertTrue(firewall.searches().size() <= 1, "no search without an address to open");
    }

    @Test
    void ipv6OffSendsNothing() throws Exception {
        int before = firewall.searches().size();
        try (PortForwardEngine e = engineFor(Ipv6Network.none())) {
            assertEquals(PinholeSupport.Reason.IPV6_OFF, e.pinholeSupport(gateway(e), Progress.NONE).reason());
        }
        assertEquals(before, firewall.searches().size());
    }
}
