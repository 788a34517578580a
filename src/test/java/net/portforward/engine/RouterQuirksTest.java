package net.portforward.engine;

import static net.portforward.testing.Said.said;
import net.portforward.testing.Said;
import static net.portforward.engine.EngineTestSupport.CLIENT;
import static net.portforward.engine.EngineTestSupport.OTHER_CLIENT;
import static net.portforward.engine.EngineTestSupport.assertSentence;
import static net.portforward.engine.EngineTestSupport.gateways;
import static net.portforward.engine.EngineTestSupport.ip;
import static net.portforward.engine.EngineTestSupport.open;
import static net.portforward.engine.EngineTestSupport.tcp;
import static net.portforward.engine.EngineTestSupport.tcpKey;
import static net.portforward.engine.EngineTestSupport.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import net.portforward.engine.discovery.NoMappingServiceException;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.error.UpnpException;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.FaultRule;
import net.portforward.testing.QuirkProfile;
import net.portforward.testing.SoapCall;
import net.portforward.testing.SoapFaults;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One row per router family of {@link QuirkProfile}: the fake plays the family, and the check
 * shows PortForward doing what the row says. The switch in {@link #check} has a case for every
 * row, so a family added without its check does not compile.
 */
class RouterQuirksTest extends EngineAgainstFake {
    @FunctionalInterface
    interface Check {
        void run(RouterQuirksTest test, FakeRouter fake) throws Exception;
    }

    static Check check(QuirkProfile profile) {
        return switch (profile) {
            case HUAWEI_TR064 -> RouterQuirksTest::tr064ServicesAreUsedUnderTheirOwnType;
            case HUAWEI_HG531_V1 -> RouterQuirksTest::theHg531UsesItsTr064PppService;
            case NO_MAPPING_SERVICE -> RouterQuirksTest::aRouterWithoutAServiceIsNamedInOneSentence;
            case BBOX -> RouterQuirksTest::upIsConnected;
            case UNSPECIFIED_ADDRESS -> RouterQuirksTest::zeroAddressIsNoAddressAndNoForwardIsAdded;
            case TAKEN_PORT_501 -> RouterQuirksTest::a501ForATakenPortNamesTheHolderAndAFreePort;
            case ARRIS_NVG578LX -> RouterQuirksTest::a402ToALeaseIsRetriedOncePermanently;
            case TP_LINK_ER605 -> RouterQuirksTest::everyActionSendsTheProtocolInUpperCase;
            case MIKROTIK -> RouterQuirksTest::noPermanentForwardWhileTheAddressCannotBeRead;
            case LOW_PORTS_RESERVED -> RouterQuirksTest::aRefusedLowPortIsOfferedAFreeOneFrom1024;
            case TECHNICOLOR_CGA4131COM -> RouterQuirksTest::aStaleForwardIsRepairedByDeleteAndAdd;
        };
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QuirkProfile.class)
    void eachRouterFamilyIsHandled(QuirkProfile profile) throws Exception {
        assertFalse(profile.quirk().isBlank() || profile.handling().isBlank() || profile.family().isBlank());
        check(profile).run(this, fake(profile.options()));
    }

    // ---- the checks, one per row ----

    private void tr064ServicesAreUsedUnderTheirOwnType(FakeRouter fake) throws Exception {
        Gateway g = gateways(engine, fake).get(0);
        assertEquals(ServiceRef.LEGACY_WAN_IP_1, g.upnp().orElseThrow().service().serviceType());
        assertEquals(1, g.upnp().orElseThrow().device().igdVersion());
        assertEquals(NatVerdict.PUBLIC, g.status().natVerdict());
        Router router = open(engine, fake);

        router.add(tcp(8080, CLIENT, 80, "web"), Progress.NONE);
        assertEquals(1, router.list(m -> { }, Progress.NONE).mappings().size());
        assertNotNull(router.info(Progress.NONE).link(), "the TR-064 WANCommonInterfaceConfig is read too");
        router.delete(tcpKey(8080), Progress.NONE);

        assertTrue(fake.mappings().isEmpty());
        for (SoapCall call : fake.calls()) {
            assertTrue(call.serviceType().startsWith("urn:dslforum-org:service:"), call.soapActionHeader());
        }
    }

    private void theHg531UsesItsTr064PppService(FakeRouter fake) throws Exception {
        Gateway g = gateways(engine, fake).get(0);
        assertEquals(ServiceRef.LEGACY_WAN_PPP_1, g.upnp().orElseThrow().service().serviceType());
        assertEquals("HG531 V1", g.name());
        Router router = open(engine, fake);

        router.add(udp(41641, CLIENT, 41641, "game"), Progress.NONE);

        assertEquals(CLIENT, fake.mapping("UDP", 41641).orElseThrow().internalClient());
        assertEquals(ServiceRef.LEGACY_WAN_PPP_1, fake.lastCall("AddPortMapping").orElseThrow().serviceType());
    }

    private void aRouterWithoutAServiceIsNamedInOneSentence(FakeRouter fake) {
        NoMappingServiceException e = assertThrows(NoMappingServiceException.class, () -> gateways(engine, fake));

        assertEquals("\"HG531 V1\" by Huawei Technologies Co., Ltd. at 127.0.0.1 answers UPnP but has no"
                + " port-forwarding service: its description lists neither WANIPConnection nor WANPPPConnection.",
                said(e));
        assertSentence(said(e));
        assertEquals(0, fake.callCount(), "nothing to call");
    }

    private void upIsConnected(FakeRouter fake) throws Exception {
        RouterStatus s = gateways(engine, fake).get(0).status();

        assertEquals(ConnectionStatus.CONNECTED, s.connectionStatus());
        assertEquals(NatVerdict.PUBLIC, s.natVerdict());
        assertEquals(0, s.rank(), "ranked as connected, not last");
    }

    private void zeroAddressIsNoAddressAndNoForwardIsAdded(FakeRouter fake) throws Exception {
        RouterStatus s = gateways(engine, fake).get(0).status();
        assertNull(s.externalIp());
        assertEquals("", s.externalIpText(), "never shown as the internet address");
        Router router = open(engine, fake);

        RouterRefusedException e = assertThrows(RouterRefusedException.class,
                () -> router.add(tcp(8080, CLIENT, 80, "web"), Progress.NONE));

        assertEquals(Refusal.NO_INTERNET, e.reason());
        // The reason carries the forward not added, for the front ends to word.
        var why = (net.portforward.engine.mapping.MappingReasons.NoAddressBeforeAdd) e.reasonForUser().orElseThrow();
        assertTrue(why.zero());
        assertEquals(8080, why.wanted().externalPort());
        assertEquals(ip(CLIENT), why.wanted().internalClient());
        assertSentence(said(e));
        assertTrue(said(e).contains("0.0.0.0") && said(e).contains("TCP 8080"), said(e));
        assertEquals(0, fake.callCount("AddPortMapping"));
        fake.setExternalIp("25.77.0.2");
        router.add(tcp(8080, CLIENT, 80, "web"), Progress.NONE);
        assertTrue(fake.mapping("TCP", 8080).isPresent(), "added once the router has an address");
    }

    private void a501ForATakenPortNamesTheHolderAndAFreePort(FakeRouter fake) throws Exception {
        Router router = open(engine, fake);
        // Another computer takes the port between PortForward's check and its add.
        fake.addFault(FaultRule.fault("AddPortMapping", 0).when(c -> {
            fake.table().put(FakeMapping.tcp(8080, OTHER_CLIENT, 80, "racer"));
            return false;
        }).times(1));

        PortConflictException e = assertThrows(PortConflictException.class,
                () -> router.add(tcp(8080, CLIENT, 80, "mine"), Progress.NONE));

        assertEquals(ip(OTHER_CLIENT), e.holder().mapping().internalClient());
        assertEquals(OptionalInt.of(8081), e.freePort());
        assertEquals(1, fake.callCount("AddPortMapping"), "no blind retries");
        // A 501 with nobody on the port is the router's own failure (double NAT), told as such.
        fake.addFault(FaultRule.fault("AddPortMapping", SoapFaults.ACTION_FAILED).times(1));
        UpnpException failed = assertThrows(UpnpException.class,
                () -> router.add(tcp(9000, CLIENT, 9000, "mine"), Progress.NONE));
        assertEquals(501, failed.code());
        assertEquals(2, fake.callCount("AddPortMapping"));
    }

    private void a402ToALeaseIsRetriedOncePermanently(FakeRouter fake) throws Exception {
        Router router = open(engine, fake);

        MappingEditor.Outcome outcome = router.add(tcp(8080, CLIENT, 80, "web").withLease(Duration.ofHours(2)),
                Progress.NONE);

        List<SoapCall> adds = fake.calls("AddPortMapping");
        assertEquals(List.of("7200", "0"), adds.stream().map(c -> c.arg("NewLeaseDuration")).toList());
        assertTrue(outcome.mapping().permanent());
        assertTrue(outcome.notes().stream().anyMatch(n -> n.english().contains("permanent mappings only")), outcome.notes()::toString);
        // A 402 to a permanent one is a real refusal: not retried.
        fake.addFault(FaultRule.fault("AddPortMapping", SoapFaults.INVALID_ARGS).times(1));
        assertThrows(UpnpException.class, () -> router.add(tcp(8081, CLIENT, 81, "web"), Progress.NONE));
        assertEquals(3, fake.callCount("AddPortMapping"));
    }

    private void everyActionSendsTheProtocolInUpperCase(FakeRouter fake) throws Exception {
        Router router = open(engine, fake);

        router.add(tcp(8080, CLIENT, 80, "web"), Progress.NONE);
        router.add(udp(8080, CLIENT, 80, "web"), Progress.NONE);
        router.addAnyPort(tcp(8080, CLIENT, 81, "any"), net.portforward.engine.model.Retention.KEEP, Progress.NONE);
        router.list(m -> { }, Progress.NONE);
        router.edit(tcpKey(8080), tcp(8080, CLIENT, 82, "changed"), Progress.NONE);
        router.repair(tcpKey(8080), Progress.NONE);
        router.delete(tcpKey(8080), Progress.NONE);
        router.freePortNear(tcpKey(8080), Progress.NONE);

        List<SoapCall> withProtocol = fake.calls().stream().filter(c -> c.arg("NewProtocol") != null).toList();
        assertEquals(List.of("AddAnyPortMapping", "AddPortMapping", "DeletePortMapping", "GetListOfPortMappings",
                        "GetSpecificPortMappingEntry"),
                withProtocol.stream().map(SoapCall::action).distinct().sorted().toList());
        for (SoapCall c : withProtocol) {
            assertTrue(c.arg("NewProtocol").equals("TCP") || c.arg("NewProtocol").equals("UDP"), c.action() + ": "
                    + c.arg("NewProtocol"));
        }
    }

    private void noPermanentForwardWhileTheAddressCannotBeRead(FakeRouter fake) throws Exception {
        Router router = open(engine, fake);
        fake.addFault(FaultRule.fault("GetExternalIPAddress", SoapFaults.ACTION_FAILED));

        RouterRefusedException e = assertThrows(RouterRefusedException.class,
                () -> router.add(tcp(8080, CLIENT, 80, "web").withLease(Duration.ofHours(1)), Progress.NONE));

        assertEquals(Refusal.NO_INTERNET, e.reason());
        assertSentence(said(e));
        assertEquals(0, fake.callCount("AddPortMapping"), "checked before the add");
        assertTrue(fake.wans().stream().allMatch(w -> w.table().size() == 0), "no permanent leftover");

        fake.clearFaults();
        fake.addFault(FaultRule.onlyPermanentLeases());
        MappingEditor.Outcome outcome = router.add(tcp(8080, CLIENT, 80, "web").withLease(Duration.ofHours(1)),
                Progress.NONE);
        assertTrue(outcome.mapping().permanent(), "725: the only lease MikroTik takes");
        assertTrue(fake.calls("GetExternalIPAddress").size() >= 2);
    }

    private void aRefusedLowPortIsOfferedAFreeOneFrom1024(FakeRouter fake) throws Exception {
        Router router = open(engine, fake);
        fake.preload(FakeMapping.tcp(1024, OTHER_CLIENT, 1024, "taken"));
        for (int code : new int[] {SoapFaults.ACTION_NOT_AUTHORIZED, SoapFaults.CONFLICT_IN_MAPPING_ENTRY,
                SoapFaults.ACTION_FAILED}) {
            fake.options().reservedPortsBelow(1024, code);

            PortConflictException e = assertThrows(PortConflictException.class,
                    () -> router.add(tcp(80, CLIENT, 80, "web"), Progress.NONE), "code " + code);

            assertEquals(PortConflictException.Why.RESERVED_LOW_PORT, e.why(), "code " + code);
            assertEquals(OptionalInt.of(1025), e.freePort(), "1024 is taken");
            assertNull(e.holder());
            assertSentence(said(e));
            assertTrue(said(e).contains("below 1024") && said(e).contains("1025"), said(e));
        }
        assertTrue(fake.mapping("TCP", 80).isEmpty());
    }

    private void aStaleForwardIsRepairedByDeleteAndAdd(FakeRouter fake) throws Exception {
        fake.preload(FakeMapping.tcp(9000, CLIENT, 9000, "game").withLeaseSeconds(10800));
        fake.table().markStale("TCP", 9000);
        Router router = open(engine, fake);

        router.add(tcp(9000, CLIENT, 9000, "game"), Progress.NONE); // a renewal, as the router expects
        assertFalse(fake.table().forwards("TCP", 9000), "renewing does not bring it back");

        MappingEditor.Outcome repaired = router.repair(tcpKey(9000), Progress.NONE);

        assertTrue(fake.table().forwards("TCP", 9000));
        assertEquals(9000, repaired.mapping().internalPort());
        assertEquals("game", fake.mapping("TCP", 9000).orElseThrow().description());
        List<String> changes = fake.calls().stream().map(SoapCall::action)
                .filter(a -> a.equals("DeletePortMapping") || a.equals("AddPortMapping")).toList();
        assertEquals(List.of("AddPortMapping", "DeletePortMapping", "AddPortMapping"), changes);
        assertTrue(repaired.notes().get(0).english().startsWith("Deleted TCP 9000 and added it again"), repaired.notes()::toString);
    }
}
