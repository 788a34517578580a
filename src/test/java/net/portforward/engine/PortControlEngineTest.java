package net.portforward.engine;

import static net.portforward.testing.Said.said;
import net.portforward.testing.Said;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.portforward.engine.discovery.DefaultRoute;
import net.portforward.engine.discovery.DiscoveryPolicy;
import net.portforward.engine.discovery.NoGatewayException;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.MappingProtocol;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.Session;
import net.portforward.testing.EngineFixture;
import net.portforward.testing.FakePcpServer;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.FakeSsdp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine over PCP and NAT-PMP, end to end on loopback: 127.0.0.1 is the default gateway, its
 * UPnP silent (a FakeSsdp that answers nothing), its PCP and NAT-PMP a {@link FakePcpServer}.
 */
class PortControlEngineTest {
    private static final String THIS = "127.0.0.1";

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        closing.add(c);
        return c;
    }

    private Ledger ledger;

    private PortForwardEngine engine(FakePcpServer gateway, MappingProtocol only) throws Exception {
        return engine(closing(FakeSsdp.start()), gateway, only);
    }

    private PortForwardEngine engine(FakeSsdp ssdp, FakePcpServer gateway, MappingProtocol only) throws Exception {
        DiscoveryPolicy policy = DiscoveryPolicy.unicastOnly(new DefaultRoute("lo", InetAddress.getByName(THIS)),
                ssdp.port(), gateway.address().getPort());
        ledger = closing(new Ledger(dataDir, new Session("t", ProcessHandle.current().pid(), Instant.EPOCH),
                Clock.systemUTC(), s -> true));
        return closing(new PortForwardEngine(EngineFixture.searching(dataDir, policy, only), ledger));
    }

    private static PortMapping tcp(int external, int internal, String description) throws Exception {
        return new PortMapping(Protocol.TCP, external, InetAddress.getByName(THIS), internal, true, description, null,
                Duration.ZERO);
    }

    @Test
    void withUpnpSilentTheGatewaysPcpIsFoundAndUsed() throws Exception {
        FakePcpServer pcp = closing(FakePcpServer.start().externalAddress(InetAddress.getByName("25.77.0.2")));
        PortForwardEngine engine = engine(pcp, null);

        Gateway g = engine.findBest(Progress.NONE);

        assertEquals(MappingProtocol.PCP, g.protocol(), "PCP before NAT-PMP");
        assertTrue(g.defaultGateway());
        assertEquals("25.77.0.2", g.status().externalIpText());
        assertEquals(NatVerdict.PUBLIC, g.status().natVerdict());
        assertFalse(g.capabilities().listsTable());
    }

    @Test
    void pcpHasNoTrafficCounters() throws Exception {
        FakePcpServer pcp = closing(FakePcpServer.start());
        PortForwardEngine engine = engine(pcp, null);

        Router router = engine.open(engine.findBest(Progress.NONE));

        assertTrue(router.traffic(Progress.NONE).isEmpty(), "PCP has no request for byte counters");
    }

    @Test
    void aGatewaysLateUpnpAnswerIsWaitedForAfterItsPcpAnswer() throws Exception {
        // miniupnpd answers a search after a random delay of up to a second, PCP at once (lab):
        // UPnP lists the whole table, so it is still the one used, on every run.
        FakeRouter router = closing(FakeRouter.start());
        FakeSsdp late = closing(FakeSsdp.start().answer("urn:schemas-upnp-org:device:InternetGatewayDevice:2",
                router.location()).answerAfter(Duration.ofMillis(700)));
        FakePcpServer pcp = closing(FakePcpServer.start());
        PortForwardEngine engine = engine(late, pcp, null);

        Gateway g = engine.findBest(Progress.NONE);

        assertEquals(MappingProtocol.UPNP, g.protocol(), "the UPnP answer came 700 ms after PCP's");
        assertTrue(g.defaultGateway());
        assertFalse(pcp.requests().isEmpty(), "PCP was asked beside it");
    }

    @Test
    void addListDeleteOverPcpWithTheLedgerAsTheTable() throws Exception {
        FakePcpServer pcp = closing(FakePcpServer.start());
        PortForwardEngine engine = engine(pcp, MappingProtocol.PCP);
        Router router = engine.open(engine.findBest(Progress.NONE));

        MappingEditor.Outcome added = router.add(tcp(8080, 80, "web"), Retention.KEEP, Progress.NONE);

        assertEquals(8080, added.mapping().externalPort());
        assertTrue(added.notes().stream().anyMatch(n -> n.english().contains("time limit")), added.notes().toString());
        FakePcpServer.Mapping onRouter = pcp.mapping(6, 80).orElseThrow();
        assertEquals(8080, onRouter.externalPort());
        assertEquals(3600, onRouter.lifetimeSeconds(), "a forward asked for permanently gets PCP's usual hour");
        assertEquals(List.of(8080), router.list(m -> { }, Progress.NONE).mappings().stream()
                .map(m -> m.mapping().externalPort()).toList(), "listed from PortForward's own record");

        router.delete(new MappingKey(Protocol.TCP, 8080), Progress.NONE);

        assertTrue(pcp.mapping(6, 80).isEmpty(), "deleted on the router with the mapping's own nonce");
        assertTrue(router.list(m -> { }, Progress.NONE).mappings().isEmpty());
    }

    @Test
    void theSameNonceRenewsAndDeletesAfterARestartOfPortForward() throws Exception {
        FakePcpServer pcp = closing(FakePcpServer.start());
        PortForwardEngine first = engine(pcp, MappingProtocol.PCP);
        first.open(first.findBest(Progress.NONE)).add(tcp(8080, 80, "web"), Retention.KEEP, Progress.NONE);
        byte[] nonce = pcp.mapping(6, 80).orElseThrow().nonce();
        first.close();

        PortForwardEngine second = engine(pcp, MappingProtocol.PCP);
        Router router = second.open(second.findBest(Progress.NONE));
        router.add(tcp(8080, 80, "web"), Retention.KEEP, Progress.NONE);
        assertTrue(java.util.Arrays.equals(nonce, pcp.mapping(6, 80).orElseThrow().nonce()),
                "the key in the data folder gives the same nonce");
        router.delete(new MappingKey(Protocol.TCP, 8080), Progress.NONE);
        assertTrue(pcp.mapping(6, 80).isEmpty());
    }

    @Test
    void aPortTheRouterChoseIsShownAndRecorded() throws Exception {
        FakePcpServer pcp = closing(FakePcpServer.start().assignPort(8081));
        PortForwardEngine engine = engine(pcp, MappingProtocol.NATPMP);
        Router router = engine.open(engine.findBest(Progress.NONE));

        MappingEditor.Outcome added = router.add(tcp(8080, 80, "web"), Retention.KEEP, Progress.NONE);

        assertEquals(8081, added.mapping().externalPort());
        assertTrue(added.notes().stream().anyMatch(n -> n.english().contains("8081") && n.english().contains("8080")), added.notes().toString());
        assertEquals(List.of(8081), router.list(m -> { }, Progress.NONE).mappings().stream()
                .map(m -> m.mapping().externalPort()).toList());
    }

    @Test
    void anotherComputerCannotBeTheClientAndNothingIsSent() throws Exception {
        FakePcpServer pcp = closing(FakePcpServer.start());
        PortForwardEngine engine = engine(pcp, MappingProtocol.PCP);
        Router router = engine.open(engine.findBest(Progress.NONE));
        int before = pcp.requestCount();
        PortMapping other = new PortMapping(Protocol.TCP, 8080, InetAddress.getByName("192.168.1.23"), 80, true, "", null,
                Duration.ZERO);

        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> router.add(other, Retention.KEEP, Progress.NONE));

        assertTrue(said(refused).contains("only to the computer that asks"), said(refused));
        assertEquals(before, pcp.requestCount());
    }

    @Test
    void aSecondExternalPortToTheSameInternalPortIsRefusedBeforeItReplacesTheFirst() throws Exception {
        FakePcpServer pcp = closing(FakePcpServer.start());
        PortForwardEngine engine = engine(pcp, MappingProtocol.PCP);
        Router router = engine.open(engine.findBest(Progress.NONE));
        router.add(tcp(8080, 80, "web"), Retention.KEEP, Progress.NONE);

        assertThrows(InvalidInputException.class, () -> router.add(tcp(8081, 80, "web 2"), Retention.KEEP, Progress.NONE));

        assertEquals(8080, pcp.mapping(6, 80).orElseThrow().externalPort(), "the first forward is untouched");
    }

    @Test
    void disablingParksTheForwardAndEnablingPutsItBack() throws Exception {
        FakePcpServer pcp = closing(FakePcpServer.start());
        PortForwardEngine engine = engine(pcp, MappingProtocol.PCP);
        Router router = engine.open(engine.findBest(Progress.NONE));
        router.add(tcp(8080, 80, "web"), Retention.KEEP, Progress.NONE);
        MappingKey key = new MappingKey(Protocol.TCP, 8080);

        MappingEditor.Outcome off = router.setEnabled(key, false, Progress.NONE);
        assertFalse(off.mapping().enabled());
        assertTrue(pcp.mapping(6, 80).isEmpty(), "PCP has no disabled state: the forward leaves the router");
        assertTrue(router.list(m -> { }, Progress.NONE).mappings().stream().anyMatch(m -> m.heldByApp()),
                "and is held by PortForward");

        router.setEnabled(key, true, Progress.NONE);
        assertEquals(8080, pcp.mapping(6, 80).orElseThrow().externalPort());
    }

    @Test
    void behindCarrierGradeNatARefusedMapIsExplainedAsDoubleNat() throws Exception {
        // miniupnpd 2.3.1 behind a 100.64/10 WAN: NAT-PMP answers NETWORK_FAILURE, PCP MAP NO_RESOURCES (lab).
        FakePcpServer pcp = closing(FakePcpServer.start().answerWith(3, 8));
        PortForwardEngine engine = engine(pcp, MappingProtocol.PCP);
        Gateway g = engine.findBest(Progress.NONE);
        assertEquals(NatVerdict.DOUBLE_NAT, g.status().natVerdict());
        Router router = engine.open(g);

        RouterRefusedException refused = assertThrows(RouterRefusedException.class,
                () -> router.add(tcp(8080, 80, "web"), Retention.KEEP, Progress.NONE));

        assertEquals(Refusal.BEHIND_ANOTHER_NAT, refused.reason());
        assertTrue(said(refused).contains("double NAT"), said(refused));
    }

    @Test
    void aGatewayThatSpeaksNothingIsNamedInTheAnswer() throws Exception {
        FakePcpServer pcp = closing(FakePcpServer.start().natPmpOnly(true).answerWith(2, null));
        PortForwardEngine engine = engine(pcp, null);

        NoGatewayException none = assertThrows(NoGatewayException.class, () -> engine.findBest(Progress.NONE));

        assertEquals(NoGatewayException.Reason.GATEWAY_SILENT, none.reason());
        assertTrue(said(none).contains(THIS) && said(none).contains("UPnP, PCP or NAT-PMP"),
                said(none));
    }

    @Test
    void anEpochThatGoesBackIsARestartTheRouterTells() throws Exception {
        FakePcpServer pcp = closing(FakePcpServer.start().epoch(5000));
        PortForwardEngine engine = engine(pcp, MappingProtocol.PCP);
        Router router = engine.open(engine.findBest(Progress.NONE));
        router.status(Progress.NONE);
        assertFalse(router.lostStateSinceLastAsked());

        pcp.epoch(3);
        router.status(Progress.NONE);

        assertTrue(router.lostStateSinceLastAsked());
        assertFalse(router.lostStateSinceLastAsked(), "told once");
    }

    @Test
    void afterARestartTheKeptForwardsAreAskedForAgainSinceTheRouterCannotListThem() throws Exception {
        FakePcpServer pcp = closing(FakePcpServer.start().epoch(5000));
        PortForwardEngine engine = engine(pcp, MappingProtocol.PCP);
        Router router = engine.open(engine.findBest(Progress.NONE));
        router.add(tcp(8080, 80, "web"), Retention.KEEP, Progress.NONE);
        pcp.restart(2);
        router.status(Progress.NONE);
        assertTrue(router.lostStateSinceLastAsked());

        List<net.portforward.ledger.MappingResult> results = new net.portforward.ledger.KeptMappings(ledger)
                .restoreMissing(router, Progress.NONE);

        assertEquals(List.of(net.portforward.ledger.MappingResult.Kind.RENEWED),
                results.stream().map(net.portforward.ledger.MappingResult::kind).toList());
        assertEquals(8080, pcp.mapping(6, 80).orElseThrow().externalPort(), "back on the router");
    }

    @Test
    void theWatchPollsAPcpGatewayAndTellsARestartByItsEpoch() throws Exception {
        FakePcpServer pcp = closing(FakePcpServer.start().epoch(5000));
        PortForwardEngine engine = engine(pcp, MappingProtocol.PCP);
        Router router = engine.open(engine.findBest(Progress.NONE));
        java.util.concurrent.BlockingQueue<net.portforward.engine.watch.RouterChange> changes =
                new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.BlockingQueue<net.portforward.engine.watch.RouterWatch.Mode> modes =
                new java.util.concurrent.LinkedBlockingQueue<>();
        net.portforward.engine.watch.RouterWatch watch = closing(engine.watch(router,
                net.portforward.engine.watch.RouterWatch.Options.of(true, Duration.ofMillis(200)),
                new net.portforward.engine.watch.RouterWatch.Listener() {
                    @Override
                    public void onChanges(List<net.portforward.engine.watch.RouterChange> list,
                            net.portforward.engine.watch.RouterSnapshot now) {
                        changes.addAll(list);
                    }

                    @Override
                    public void onMode(net.portforward.engine.watch.RouterWatch.Mode mode,
                            net.portforward.engine.error.Fact why) {
                        modes.add(mode);
                    }
                }));
        watch.start(Progress.NONE);
        assertEquals(net.portforward.engine.watch.RouterWatch.Mode.POLLING,
                modes.poll(10, java.util.concurrent.TimeUnit.SECONDS), "PCP has no events: polled");

        pcp.restart(3);

        net.portforward.engine.watch.RouterChange c = changes.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(c instanceof net.portforward.engine.watch.RouterChange.RouterRestarted, String.valueOf(c));
    }

    @Test
    void aGatewayWhoseNatPmpSaysNoAddressWhilePcpWorksIsNotCalledDoubleNat() throws Exception {
        // pfSense: NAT-PMP answers NETWORK_FAILURE, PCP maps (tailscale PR #2572).
        FakePcpServer pcp = closing(FakePcpServer.start().externalAddress(InetAddress.getByName("25.77.0.2"))
                .answerWith(3, null));
        PortForwardEngine engine = engine(pcp, null);

        Gateway g = engine.findBest(Progress.NONE);

        assertEquals(MappingProtocol.PCP, g.protocol());
        assertEquals(NatVerdict.PUBLIC, g.status().natVerdict());
        assertEquals("25.77.0.2", g.status().externalIpText());
    }
}
