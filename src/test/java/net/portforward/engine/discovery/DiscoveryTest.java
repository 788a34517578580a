package net.portforward.engine.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingProtocol;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.FakeSsdp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Discovery on loopback: 127.0.0.1 plays the default gateway, answering unicast searches through
 * {@link FakeSsdp}; 127.0.0.2 plays another LAN host. Multicast is never sent: where a test needs
 * another host's multicast answer, a scripted search hands it over.
 */
class DiscoveryTest {
    private static final String IGD2 = "urn:schemas-upnp-org:device:InternetGatewayDevice:2";
    private static final String IGD1 = "urn:schemas-upnp-org:device:InternetGatewayDevice:1";
    /** Generous: the build machine is shared, and no test waits for it unless it fails. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final SafeHttp http = new SafeHttp(Duration.ofSeconds(5));

    @BeforeAll
    static void fastLoopback() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        http.close();
    }

    private <T extends AutoCloseable> T closing(T c) {
        closing.add(c);
        return c;
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** 127.0.0.1 on lo is the default gateway; its SSDP answers at {@code ssdp}; no multicast. */
    private Discovery discovery(FakeSsdp ssdp, MulticastSearch.Factory others) {
        DiscoveryPolicy policy = new DiscoveryPolicy(others != null, ssdp.port(), unusedPort(),
                () -> Optional.of(new DefaultRoute("lo", ip("127.0.0.1"))));
        return new Discovery(new GatewayProbe(http), List.of(), policy, TIMEOUT, Duration.ofSeconds(2), null, null,
                others == null ? (nif, sink) -> { throw new AssertionError("multicast in a unicast-only test"); } : others);
    }

    /** A UDP port nothing listens on: PCP and NAT-PMP are not asked in these tests anyway. */
    private static int unusedPort() {
        return 9;
    }

    /** Another LAN host's answer, delivered as a multicast search would when it runs. */
    private static MulticastSearch.Factory answersFrom(String host, FakeRouter router) {
        return (nif, sink) -> new MulticastSearch() {
            @Override
            public void search() {
                sink.accept(ip(host), Map.of("ST", IGD2, "LOCATION", router.location().toString(), "USN", "uuid:x"));
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void theGatewaysUnicastAnswerIsUsedWithoutWaitingForTheTimeout() throws Exception {
        FakeRouter router = closing(FakeRouter.start());
        FakeSsdp ssdp = closing(FakeSsdp.start().answer(IGD2, router.location()));

        long start = System.nanoTime();
        Discovery.Result found = discovery(ssdp, null).search(Discovery.Scope.BEST, Progress.NONE);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(1, found.gateways().size());
        Gateway g = found.gateways().get(0);
        assertTrue(g.defaultGateway(), "127.0.0.1 is the default gateway here");
        assertEquals(MappingProtocol.UPNP, g.protocol());
        assertEquals(Optional.of(ip("127.0.0.1")), found.defaultGateway());
        assertTrue(took.compareTo(TIMEOUT.dividedBy(2)) < 0, "returned on the answer, not at the timeout: " + took);
        assertEquals(List.of(IGD1, IGD2, "urn:dslforum-org:device:InternetGatewayDevice:1").stream().sorted().toList(),
                ssdp.searches().stream().distinct().sorted().toList(), "IGD:1, IGD:2 and TR-064's IGD searched by name");
    }

    @Test
    void anAnswerFromAnotherSourcePortOfTheGatewayCounts() throws Exception {
        FakeRouter router = closing(FakeRouter.start());
        FakeSsdp ssdp = closing(FakeSsdp.start().answerFromAnotherPort(IGD2, router.location()));

        Discovery.Result found = discovery(ssdp, null).search(Discovery.Scope.BEST, Progress.NONE);

        assertTrue(found.gateways().get(0).defaultGateway());
    }

    @Test
    void forgedAndJunkDatagramsAreDroppedAndCountedNeverChosen() throws Exception {
        FakeRouter impostor = closing(FakeRouter.start(FakeRouter.Options.igd2().host("127.0.0.2")));
        FakeRouter router = closing(FakeRouter.start(FakeRouter.Options.igd2().descriptionDelay(Duration.ofMillis(100))));
        FakeSsdp ssdp = closing(FakeSsdp.start()
                .forgedFrom("127.0.0.2", IGD2, impostor.location().toString())
                .junk("\u0000\u0001 not ssdp at all")
                .junk("HTTP/1.1 200 OK\r\nST: " + IGD2 + "\r\n\r\n") // no LOCATION
                .answer(IGD2, router.location()));

        Discovery.Result found = discovery(ssdp, null).search(Discovery.Scope.BEST, Progress.NONE);

        assertEquals(List.of(router.location()),
                found.gateways().stream().map(g -> g.upnp().orElseThrow().device().location()).toList());
        assertTrue(impostor.requests().isEmpty(), "the forged LOCATION was never fetched: " + impostor.requests());
        // The search may end before the answers to its second search target arrive.
        assertTrue(found.datagramsDropped() >= 3, "forged and junk answers counted: " + found.datagramsDropped());
    }

    @Test
    void answersForOtherSearchTargetsAreNotRead() throws Exception {
        FakeRouter router = closing(FakeRouter.start());
        FakeSsdp ssdp = closing(FakeSsdp.start()
                .junk(FakeSsdp.answerText("urn:schemas-wifialliance-org:device:WFADevice:1", router.location().toString(), "1")));

        NoGatewayException none = assertThrows(NoGatewayException.class, () -> new Discovery(new GatewayProbe(http),
                List.of(), new DiscoveryPolicy(false, ssdp.port(), unusedPort(),
                        () -> Optional.of(new DefaultRoute("lo", ip("127.0.0.1")))),
                Duration.ofMillis(600), Duration.ofMillis(100), null, null, (nif, sink) -> {
                    throw new AssertionError("no multicast here");
                }).search(Discovery.Scope.BEST, Progress.NONE));

        assertTrue(router.requests().isEmpty(), "a WFADevice answer is not an IGD: its description was not read");
        assertEquals(NoGatewayException.Reason.GATEWAY_SILENT, none.reason());
        assertEquals(Optional.of(ip("127.0.0.1")), none.gateway());
    }

    @Test
    void anImpostorThatAnswersFirstIsListedAfterTheGatewayAndNeverChosenByItself() throws Exception {
        FakeRouter impostor = closing(FakeRouter.start(FakeRouter.Options.igd2().host("127.0.0.2")));
        FakeRouter router = closing(FakeRouter.start(FakeRouter.Options.igd2().descriptionDelay(Duration.ofMillis(200))));
        FakeSsdp ssdp = closing(FakeSsdp.start().answer(IGD2, router.location()));

        Discovery.Result found = discovery(ssdp, answersFrom("127.0.0.2", impostor))
                .search(Discovery.Scope.ALL, Progress.NONE);

        assertEquals(List.of(router.location(), impostor.location()),
                found.gateways().stream().map(g -> g.upnp().orElseThrow().device().location()).toList());
        assertEquals(List.of(true, false), found.gateways().stream().map(Gateway::defaultGateway).toList());
        assertEquals(router.location(), GatewayRanking.chooseByItself(found.gateways(), true).orElseThrow()
                .upnp().orElseThrow().device().location());
    }

    @Test
    void whenOnlyAnImpostorAnswersNothingIsChosenByItself() throws Exception {
        FakeRouter impostor = closing(FakeRouter.start(FakeRouter.Options.igd2().host("127.0.0.2")));
        FakeSsdp silent = closing(FakeSsdp.start());
        DiscoveryPolicy policy = new DiscoveryPolicy(true, silent.port(), unusedPort(),
                () -> Optional.of(new DefaultRoute("lo", ip("127.0.0.1"))));

        Discovery.Result found = new Discovery(new GatewayProbe(http), List.of(), policy, Duration.ofSeconds(1),
                Duration.ofMillis(100), null, null, answersFrom("127.0.0.2", impostor))
                .search(Discovery.Scope.BEST, Progress.NONE);

        assertEquals(1, found.gateways().size());
        assertFalse(found.gateways().get(0).defaultGateway());
        assertTrue(GatewayRanking.chooseByItself(found.gateways(), true).isEmpty(),
                "another host is used only when the user picks it");
    }

    @Test
    void withTheGatewayUnknownTheBestAnswerIsUsedAsBefore() throws Exception {
        FakeRouter other = closing(FakeRouter.start(FakeRouter.Options.igd2().host("127.0.0.2")));
        DiscoveryPolicy noRoute = new DiscoveryPolicy(true, 1900, unusedPort(), Optional::empty);

        Discovery.Result found = new Discovery(new GatewayProbe(http), List.of(), noRoute, TIMEOUT,
                Duration.ofMillis(100), "lo", null, answersFrom("127.0.0.2", other))
                .search(Discovery.Scope.BEST, Progress.NONE);

        assertTrue(found.defaultGateway().isEmpty());
        assertEquals(1, found.gateways().size());
        assertTrue(GatewayRanking.chooseByItself(found.gateways(), false).isPresent());
    }

    @Test
    void atMostSixteenDescriptionsAreReadPerSearch() throws Exception {
        FakeRouter router = closing(FakeRouter.start());
        FakeSsdp ssdp = FakeSsdp.start();
        closing(ssdp);
        for (int i = 0; i < 40; i++) {
            ssdp.answer(IGD2, java.net.URI.create(router.location() + "?copy=" + i));
        }

        Discovery.Result found = discovery(ssdp, null).search(Discovery.Scope.ALL, Progress.NONE);

        long fetched = router.requests().stream().filter(r -> r.path().startsWith("/rootDesc.xml")).count();
        assertTrue(fetched <= Search.MAX_PROBED, "descriptions fetched: " + fetched);
        assertTrue(found.problems().stream().anyMatch(p -> p.english().contains("were ignored")), found.problems().toString());
    }

    @Test
    void aClosedSsdpPortIsNoticedSoNoUpnpAnswerIsAwaited() throws Exception {
        int closed;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, ip("127.0.0.1"))) {
            closed = s.getLocalPort(); // free again once closed: nothing listens there
        }
        java.util.concurrent.atomic.AtomicInteger dropped = new java.util.concurrent.atomic.AtomicInteger();
        try (SsdpUnicast search = new SsdpUnicast(ip("127.0.0.1"), ip("127.0.0.1"), closed, (a, t) -> { },
                (a, t) -> dropped.incrementAndGet())) {
            search.search();
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!search.refused() && System.nanoTime() < end) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            assertTrue(search.refused(), "the port-unreachable answer reached the connected socket");
        }
    }
}
