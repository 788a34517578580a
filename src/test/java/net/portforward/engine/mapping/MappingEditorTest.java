package net.portforward.engine.mapping;

import static net.portforward.testing.Said.said;
import net.portforward.testing.Said;
import net.portforward.engine.EngineAgainstFake;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import static net.portforward.engine.EngineTestSupport.CLIENT;
import static net.portforward.engine.EngineTestSupport.OTHER_CLIENT;
import static net.portforward.engine.EngineTestSupport.assertSentence;
import static net.portforward.engine.EngineTestSupport.engine;
import static net.portforward.engine.EngineTestSupport.gatewayFor;
import static net.portforward.engine.EngineTestSupport.gateways;
import static net.portforward.engine.EngineTestSupport.ip;
import static net.portforward.engine.EngineTestSupport.open;
import static net.portforward.engine.EngineTestSupport.tcp;
import static net.portforward.engine.EngineTestSupport.tcpKey;
import static net.portforward.engine.EngineTestSupport.udp;
import static net.portforward.engine.EngineTestSupport.udpKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.UpnpException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeResponse;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.FaultRule;
import net.portforward.testing.SoapCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Adding, changing, deleting, enabling and disabling mappings without ever losing one. */
class MappingEditorTest extends EngineAgainstFake {
    private static List<String> actions(FakeRouter fake) {
        return fake.calls().stream().map(SoapCall::action).toList();
    }

    // ---- entries the router lists with impossible values ----

    @Test
    void anEditThatMustReplaceAJunkEntryIsRefusedBeforeAnythingIsDeleted() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(net.portforward.testing.JunkMappings.negativePort()));
        Router router = open(engine, fake);
        ListedMapping junk = router.list(m -> { }, Progress.NONE).mappings().get(0);
        assertEquals(-1, junk.mapping().internalPort());

        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> router.edit(junk, tcp(61005, OTHER_CLIENT, 61005, "fixed"), Progress.NONE));

        assertSentence(said(refused));
        assertFalse(actions(fake).contains("DeletePortMapping"), "nothing deleted: " + actions(fake));
        assertTrue(fake.mapping("TCP", 61005).isPresent(), "the entry is still on the router");
    }

    @Test
    void disablingAJunkEntryIsRefusedBeforeAnythingIsSent() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().ignoresEnabled(true)
                .mappings(net.portforward.testing.JunkMappings.negativePort()));
        Router router = open(engine, fake);
        ListedMapping junk = router.list(m -> { }, Progress.NONE).mappings().get(0);
        fake.clearCalls();

        assertThrows(InvalidInputException.class, () -> router.setEnabled(junk, false, Progress.NONE));

        assertFalse(actions(fake).contains("AddPortMapping"), "internal port -1 never sent: " + actions(fake));
        assertFalse(actions(fake).contains("DeletePortMapping"), "nothing deleted: " + actions(fake));
        assertTrue(fake.mapping("TCP", 61005).isPresent());
    }

    // ---- add ----

    @Test
    void addChecksFirstThenAddsAndReadsBack() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2());
        Router router = open(engine, fake);

        MappingEditor.Outcome outcome = router.add(tcp(8080, CLIENT, 80, "web"), Progress.NONE);

        // The internet address before a new mapping: none is added while the router cannot tell it
        // (MikroTik, tailscale PR #20781).
        assertEquals(List.of("GetSpecificPortMappingEntry", "GetExternalIPAddress", "AddPortMapping",
                "GetSpecificPortMappingEntry"), actions(fake));
        assertTrue(outcome.notes().isEmpty(), outcome.notes().toString());
        assertEquals(ip(CLIENT), outcome.mapping().internalClient());
        assertEquals(80, outcome.mapping().internalPort());
        assertEquals(FakeMapping.tcp(8080, CLIENT, 80, "web"), fake.mapping("TCP", 8080).orElseThrow());
        SoapCall add = fake.lastCall("AddPortMapping").orElseThrow();
        assertEquals("8080", add.arg("NewExternalPort"));
        assertEquals("TCP", add.arg("NewProtocol"));
        assertEquals(CLIENT, add.arg("NewInternalClient"));
        assertEquals("1", add.arg("NewEnabled"));
        assertEquals("0", add.arg("NewLeaseDuration"));
        assertEquals("", add.arg("NewRemoteHost"));
    }

    @Test
    void addOverOwnMappingReplacesItWithANote() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "old")));
        Router router = open(engine, fake);

        MappingEditor.Outcome outcome = router.add(tcp(8080, CLIENT, 81, "new"), Progress.NONE);

        assertTrue(outcome.notes().stream().anyMatch(n -> n.english().contains("replaced")), outcome.notes().toString());
        assertEquals(81, fake.mapping("TCP", 8080).orElseThrow().internalPort());
        assertEquals(1, fake.mappings().size());
    }

    @Test
    void addOnAPortHeldByAnotherComputerNamesTheHolderAndOffersTheNearestFreePort() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(
                FakeMapping.tcp(8080, "192.168.1.50", 80, "NAS"),
                FakeMapping.tcp(8081, "192.168.1.51", 81, "camera")));
        Router router = open(engine, fake);

        PortConflictException e = assertThrows(PortConflictException.class,
                () -> router.add(tcp(8080, CLIENT, 80, "mine"), Progress.NONE));

        assertEquals(ip("192.168.1.50"), e.holder().mapping().internalClient());
        assertEquals("NAS", e.holder().mapping().description());
        assertEquals(OptionalInt.of(8079), e.freePort(), "8081 is taken too, 8079 is the nearest free one");
        assertEquals(new net.portforward.engine.model.MappingKey(Protocol.TCP, 8080), e.wanted());
        assertSentence(said(e));
        assertTrue(said(e).contains("192.168.1.50") && said(e).contains("NAS")
                && said(e).contains("8079"), said(e));
        assertEquals(0, fake.callCount("AddPortMapping"), "checked before anything was sent");
        assertEquals("192.168.1.50", fake.mapping("TCP", 8080).orElseThrow().internalClient(), "the holder keeps it");
    }

    @Test
    void conflictAnsweredWith718ByTheRouterBecomesAPortConflict() throws Exception {
        // miniupnpd secure_mode on IGD:1: another client's address gets 718 (LAB.md).
        FakeRouter fake = fake(FakeRouter.Options.igd1().secureMode("192.168.1.99"));
        Router router = open(engine, fake);

        PortConflictException e = assertThrows(PortConflictException.class,
                () -> router.add(tcp(8080, CLIENT, 80, "mine"), Progress.NONE));

        assertNull(e.holder(), "the router did not say who");
        assertEquals(OptionalInt.of(8081), e.freePort());
        assertSentence(said(e));
        assertEquals(1, fake.callCount("AddPortMapping"), "no blind retries");
        assertTrue(fake.mappings().isEmpty());
    }

    @Test
    void conflict718FromAFaultRuleNamesTheHolderWhenTheRouterListsOne() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2());
        Router router = open(engine, fake);
        // Someone else takes the port between our check and our add.
        fake.addFault(FaultRule.fault("AddPortMapping", 718).when(c -> {
            fake.table().put(FakeMapping.tcp(8080, "192.168.1.77", 80, "racer"));
            return true;
        }).times(1));

        PortConflictException e = assertThrows(PortConflictException.class,
                () -> router.add(tcp(8080, CLIENT, 80, "mine"), Progress.NONE));

        assertEquals(ip("192.168.1.77"), e.holder().mapping().internalClient());
        assertTrue(said(e).contains("192.168.1.77"), said(e));
    }

    @Test
    void onlyPermanentLeases725IsRetriedWithLeaseZeroAndANote() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().fault(FaultRule.onlyPermanentLeases()));
        Router router = open(engine, fake);

        MappingEditor.Outcome outcome = router.add(tcp(8080, CLIENT, 80, "web").withLease(Duration.ofHours(1)),
                Progress.NONE);

        List<SoapCall> adds = fake.calls("AddPortMapping");
        assertEquals(2, adds.size());
        assertEquals("3600", adds.get(0).arg("NewLeaseDuration"));
        assertEquals("0", adds.get(1).arg("NewLeaseDuration"));
        assertTrue(outcome.mapping().permanent());
        assertTrue(outcome.notes().stream().anyMatch(n -> n.english().contains("permanent")), outcome.notes().toString());
        assertEquals(0, fake.mapping("TCP", 8080).orElseThrow().leaseSeconds());
    }

    @Test
    void leaseIsSentAsAskedAndReadBack() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2());
        Router router = open(engine, fake);

        router.add(udp(3478, CLIENT, 3478, "stun").withLease(Duration.ofSeconds(7200)), Progress.NONE);

        assertEquals("7200", fake.lastCall("AddPortMapping").orElseThrow().arg("NewLeaseDuration"));
        assertEquals(7200, fake.mapping("UDP", 3478).orElseThrow().leaseSeconds());
    }

    @ParameterizedTest
    @ValueSource(ints = {724, 606, 728, 729, 501, 402})
    void routerRefusalsBecomeUpnpExceptionsWithASentenceNamingTheCode(int code) throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().fault(FaultRule.fault("AddPortMapping", code)));
        Router router = open(engine, fake);

        UpnpException e = assertThrows(UpnpException.class,
                () -> router.add(tcp(8080, CLIENT, 8081, "web"), Progress.NONE));

        assertEquals(code, e.code());
        assertEquals("AddPortMapping", e.action());
        assertSentence(said(e));
        assertTrue(said(e).contains(String.valueOf(code)), said(e));
        assertTrue(e.known().isPresent(), "a code the app knows: " + code);
        assertTrue(said(e).startsWith(Said.ENGLISH.format("upnp.error." + code)), "the meaning comes first: " + said(e));
        assertTrue(fake.mappings().isEmpty());
        assertEquals(1, fake.callCount("AddPortMapping"), "no retry for " + code);
    }

    @Test
    void realisticRefusalsFromTheFake() throws Exception {
        FakeRouter full = fake(FakeRouter.Options.igd2().tableCapacity(1).mappings(FakeMapping.tcp(1, CLIENT, 1, "x")));
        UpnpException tableFull = assertThrows(UpnpException.class,
                () -> open(engine, full).add(tcp(8080, CLIENT, 80, "web"), Progress.NONE));
        assertEquals(728, tableFull.code());
        assertTrue(said(tableFull).contains("full"), said(tableFull));

        FakeRouter secure = fake(FakeRouter.Options.igd2().secureMode("192.168.1.99"));
        UpnpException notAuthorized = assertThrows(UpnpException.class,
                () -> open(engine, secure).add(tcp(8080, CLIENT, 80, "web"), Progress.NONE));
        assertEquals(606, notAuthorized.code());

        FakeRouter samePorts = fake(FakeRouter.Options.igd1().fault(FaultRule.samePortValuesRequired()));
        UpnpException same = assertThrows(UpnpException.class,
                () -> open(engine, samePorts).add(tcp(8080, CLIENT, 80, "web"), Progress.NONE));
        assertEquals(724, same.code());
        assertTrue(said(same).contains("internal port"), said(same));
    }

    static Stream<Arguments> badMappings() {
        return Stream.of(
                Arguments.of("external port 0", tcp(0, CLIENT, 80, "x")),
                Arguments.of("external port 70000", tcp(70000, CLIENT, 80, "x")),
                Arguments.of("external port -1", tcp(-1, CLIENT, 80, "x")),
                Arguments.of("internal port 0", tcp(8080, CLIENT, 0, "x")),
                Arguments.of("internal port 70000", tcp(8080, CLIENT, 70000, "x")),
                Arguments.of("no client", tcp(8080, null, 80, "x")),
                Arguments.of("loopback client", tcp(8080, "127.0.0.1", 80, "x")),
                Arguments.of("any-address client", tcp(8080, "0.0.0.0", 80, "x")),
                Arguments.of("multicast client", tcp(8080, "224.0.0.1", 80, "x")),
                Arguments.of("IPv6 client", tcp(8080, "::1", 80, "x")),
                Arguments.of("65-character description", tcp(8080, CLIENT, 80, "d".repeat(65))),
                Arguments.of("bell in description", tcp(8080, CLIENT, 80, "ring\u0007")),
                Arguments.of("newline in description", tcp(8080, CLIENT, 80, "two\nlines")),
                Arguments.of("NUL in description", tcp(8080, CLIENT, 80, "nul\u0000")),
                Arguments.of("bidi override in description", tcp(8080, CLIENT, 80, "abc\u202Egpj.exe")),
                Arguments.of("65 bytes of UTF-8 in 33 characters", tcp(8080, CLIENT, 80, "\u00e9".repeat(32) + "e")),
                Arguments.of("ampersand in description", tcp(8080, CLIENT, 80, "Tom & Jerry")),
                Arguments.of("markup in description", tcp(8080, CLIENT, 80, "<b>web</b>")),
                Arguments.of("negative lease", tcp(8080, CLIENT, 80, "x").withLease(Duration.ofSeconds(-1))),
                Arguments.of("lease over a week", tcp(8080, CLIENT, 80, "x").withLease(Duration.ofDays(8))),
                Arguments.of("fractional lease", tcp(8080, CLIENT, 80, "x").withLease(Duration.ofMillis(1500))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMappings")
    void badInputIsRefusedBeforeAnythingIsSent(String what, PortMapping bad) throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "existing")));
        Router router = open(engine, fake);

        InvalidInputException add = assertThrows(InvalidInputException.class, () -> router.add(bad, Progress.NONE), what);
        assertSentence(said(add));
        InvalidInputException edit = assertThrows(InvalidInputException.class,
                () -> router.edit(tcpKey(8080), bad, Progress.NONE), what);
        assertSentence(said(edit));

        assertEquals(0, fake.callCount("AddPortMapping"), what);
        assertEquals(0, fake.callCount("DeletePortMapping"), what);
        assertEquals(0, fake.callCount(), "nothing at all was sent for " + what + ": " + fake.calls());
        assertEquals(FakeMapping.tcp(8080, CLIENT, 80, "existing"), fake.mapping("TCP", 8080).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"64 ascii", "32 accented", "quotes"})
    void longestAndQuotedDescriptionsAreSentAsIs(String kind) throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2());
        Router router = open(engine, fake);
        String description = switch (kind) {
            case "64 ascii" -> "d".repeat(MappingRules.MAX_DESCRIPTION);
            case "32 accented" -> "\u00e9".repeat(MappingRules.MAX_DESCRIPTION / 2);
            default -> "Bob's \"game\" server";
        };

        router.add(tcp(8080, CLIENT, 80, description), Progress.NONE);

        assertEquals(description, fake.mapping("TCP", 8080).orElseThrow().description());
        assertEquals(description, router.get(tcpKey(8080), Progress.NONE).orElseThrow().mapping().description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "192.168.1", "nas.local", "", "192.168.1.23.5", "127.0.0.1", "0.0.0.0"})
    void clientTextThatIsNotAUsableIpv4AddressIsRefused(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MappingRules.parseClient(text));
        assertSentence(said(e));
    }

    @Test
    void neverSendsPortZeroAndAlwaysUpperCaseProtocol() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().requireUpperCaseProtocol(true));
        Router router = open(engine, fake);

        router.add(tcp(8080, CLIENT, 80, "a"), Progress.NONE);
        router.add(udp(8080, CLIENT, 80, "b"), Progress.NONE);
        router.edit(tcpKey(8080), tcp(8080, CLIENT, 81, "a2"), Progress.NONE);
        router.edit(udpKey(8080), udp(8080, OTHER_CLIENT, 80, "b2"), Progress.NONE);
        router.setEnabled(tcpKey(8080), false, Progress.NONE);
        router.list(m -> { }, Progress.NONE);
        router.delete(udpKey(8080), Progress.NONE);
        router.freePortNear(tcpKey(8080), Progress.NONE);

        assertFalse(fake.calls().isEmpty());
        for (SoapCall call : fake.calls()) {
            if (call.args().containsKey("NewExternalPort")) {
                assertTrue(call.intArg("NewExternalPort") != null && call.intArg("NewExternalPort") > 0,
                        call.action() + " sent external port " + call.arg("NewExternalPort"));
            }
            if (call.args().containsKey("NewInternalPort")) {
                assertTrue(call.intArg("NewInternalPort") != null && call.intArg("NewInternalPort") > 0,
                        call.action() + " sent internal port " + call.arg("NewInternalPort"));
            }
            if (call.args().containsKey("NewProtocol")) {
                assertTrue(List.of("TCP", "UDP").contains(call.arg("NewProtocol")),
                        call.action() + " sent protocol " + call.arg("NewProtocol"));
            }
        }
    }

    @Test
    void addAnsweredButNotStoredIsAClearError() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().addsNotStored(true));
        Router router = open(engine, fake);

        RouterProtocolException e = assertThrows(RouterProtocolException.class,
                () -> router.add(tcp(8080, CLIENT, 80, "web"), Progress.NONE));

        assertSentence(said(e));
        assertTrue(said(e).contains("TCP 8080") && said(e).contains("does not list it"), said(e));
    }

    // ---- edit ----

    @Test
    void editWithTheSameClientChangesInPlace() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "old")));
        Router router = open(engine, fake);

        MappingEditor.Outcome outcome = router.edit(tcpKey(8080), tcp(8080, CLIENT, 8081, "new"), Progress.NONE);

        assertEquals(0, fake.callCount("DeletePortMapping"), "never deleted: nothing to lose");
        assertEquals(FakeMapping.tcp(8080, CLIENT, 8081, "new"), fake.mapping("TCP", 8080).orElseThrow());
        assertEquals(8081, outcome.mapping().internalPort());
        assertEquals("new", outcome.mapping().description());
    }

    @Test
    void editToAnotherClientDeletesThenAdds() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "old")));
        Router router = open(engine, fake);

        MappingEditor.Outcome outcome = router.edit(tcpKey(8080), tcp(8080, OTHER_CLIENT, 80, "moved"), Progress.NONE);

        List<String> changes = actions(fake).stream().filter(a -> a.equals("DeletePortMapping") || a.equals("AddPortMapping")).toList();
        assertEquals(List.of("DeletePortMapping", "AddPortMapping"), changes);
        assertEquals(FakeMapping.tcp(8080, OTHER_CLIENT, 80, "moved"), fake.mapping("TCP", 8080).orElseThrow());
        assertEquals(ip(OTHER_CLIENT), outcome.mapping().internalClient());
    }

    @Test
    void editWhoseAddFailsPutsTheOldMappingBackExactly() throws Exception {
        FakeMapping original = FakeMapping.tcp(8080, CLIENT, 80, "game server");
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(original)
                .fault(FaultRule.fault("AddPortMapping", 606).when(c -> OTHER_CLIENT.equals(c.arg("NewInternalClient")))));
        Router router = open(engine, fake);

        PortForwardException e = assertThrows(PortForwardException.class,
                () -> router.edit(tcpKey(8080), tcp(8080, OTHER_CLIENT, 80, "moved"), Progress.NONE));

        assertEquals(original, fake.mapping("TCP", 8080).orElseThrow(), "the old mapping is back, unchanged");
        assertEquals(1, fake.mappings().size());
        assertSentence(said(e));
        assertTrue(said(e).contains("606"), "says why: " + said(e));
        assertTrue(said(e).contains("put back") && said(e).contains("192.168.1.23:80"), said(e));
    }

    @Test
    void editInPlaceThatFailsLeavesTheOldMappingAlone() throws Exception {
        FakeMapping original = FakeMapping.tcp(8080, CLIENT, 80, "keep me");
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(original)
                .fault(FaultRule.fault("AddPortMapping", 729)));
        Router router = open(engine, fake);

        UpnpException e = assertThrows(UpnpException.class,
                () -> router.edit(tcpKey(8080), tcp(8080, CLIENT, 81, "changed"), Progress.NONE));

        assertEquals(729, e.code());
        assertEquals(original, fake.mapping("TCP", 8080).orElseThrow());
        assertEquals(0, fake.callCount("DeletePortMapping"));
    }

    @Test
    void whenPuttingTheOldMappingBackFailsTooTheMessageNamesWhatToReAdd() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "game server"))
                .fault(FaultRule.fault("AddPortMapping", 501)));
        Router router = open(engine, fake);

        PortForwardException e = assertThrows(PortForwardException.class,
                () -> router.edit(tcpKey(8080), tcp(8080, OTHER_CLIENT, 80, "moved"), Progress.NONE));

        assertTrue(fake.mappings().isEmpty(), "the router lost it; the user must be told");
        assertSentence(said(e));
        assertTrue(said(e).contains("re-add TCP 8080 \u2192 192.168.1.23:80 \"game server\""), said(e));
        assertFalse(said(e).contains("was put back"), "must not claim it was put back: " + said(e));
        assertEquals(2, fake.callCount("AddPortMapping"), "the new one, then the old one");
        assertEquals(CLIENT, fake.calls("AddPortMapping").get(1).arg("NewInternalClient"));
    }

    @Test
    void editOfAMissingMappingOrOfTheKeyIsRefused() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "x")));
        Router router = open(engine, fake);

        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> router.edit(tcpKey(9090), tcp(9090, CLIENT, 80, "x"), Progress.NONE));
        assertSentence(said(missing));
        InvalidInputException keyChange = assertThrows(InvalidInputException.class,
                () -> router.edit(tcpKey(8080), tcp(8081, CLIENT, 80, "x"), Progress.NONE));
        assertSentence(said(keyChange));

        assertEquals(0, fake.callCount("AddPortMapping"));
        assertEquals(0, fake.callCount("DeletePortMapping"));
    }

    // ---- delete ----

    @Test
    void deleteRemovesAndVerifies() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "x"),
                FakeMapping.udp(8080, CLIENT, 80, "keep")));
        Router router = open(engine, fake);

        router.delete(tcpKey(8080), Progress.NONE);

        assertEquals(List.of("GetSpecificPortMappingEntry", "DeletePortMapping", "GetSpecificPortMappingEntry"),
                actions(fake));
        assertTrue(fake.mapping("TCP", 8080).isEmpty());
        assertTrue(fake.mapping("UDP", 8080).isPresent(), "only the asked protocol");
    }

    @Test
    void deleteOfAMissingMappingIsInvalidInput() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().deleteOfMissingSucceeds(true));
        Router router = open(engine, fake);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> router.delete(tcpKey(8080), Progress.NONE));

        assertSentence(said(e));
        assertTrue(said(e).contains("TCP 8080"), said(e));
        assertEquals(0, fake.callCount("DeletePortMapping"));
    }

    @Test
    void deleteAnsweredButNotDoneIsAClearError() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "sticky")));
        Router router = open(engine, fake);
        fake.respondRaw("DeletePortMapping", FakeResponse.xml("<?xml version=\"1.0\"?>"
                + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>"
                + "<u:DeletePortMappingResponse xmlns:u=\"" + fake.wan().serviceType() + "\"/>"
                + "</s:Body></s:Envelope>"));

        RouterProtocolException e = assertThrows(RouterProtocolException.class,
                () -> router.delete(tcpKey(8080), Progress.NONE));

        assertSentence(said(e));
        assertTrue(said(e).contains("still lists it"), said(e));
    }

    // ---- enable / disable ----

    @Test
    void disableAndEnableOnARouterThatHonoursTheFlag() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web")));
        Router router = open(engine, fake);

        MappingEditor.Outcome off = router.setEnabled(tcpKey(8080), false, Progress.NONE);

        assertFalse(off.mapping().enabled());
        assertTrue(off.notes().isEmpty(), off.notes().toString());
        assertEquals(FakeMapping.tcp(8080, CLIENT, 80, "web").withEnabled(false), fake.mapping("TCP", 8080).orElseThrow());
        assertEquals(0, fake.callCount("DeletePortMapping"));
        ListedMapping listed = router.list(m -> { }, Progress.NONE).mappings().get(0);
        assertFalse(listed.mapping().enabled());
        assertFalse(listed.heldByApp());
        assertTrue(router.setEnabled(tcpKey(8080), false, Progress.NONE).notes().get(0).english().contains("already"));

        MappingEditor.Outcome on = router.setEnabled(tcpKey(8080), true, Progress.NONE);

        assertTrue(on.mapping().enabled());
        assertEquals(FakeMapping.tcp(8080, CLIENT, 80, "web"), fake.mapping("TCP", 8080).orElseThrow());
    }

    @Test
    void disableOnARouterThatIgnoresTheFlagParksTheMappingAndEnablePutsItBack() throws Exception {
        FakeMapping original = FakeMapping.tcp(8080, CLIENT, 80, "game server");
        FakeRouter fake = fake(FakeRouter.Options.igd2().ignoresEnabled(true).mappings(original,
                FakeMapping.udp(9000, CLIENT, 9000, "other")));
        Router router = open(engine, fake);

        MappingEditor.Outcome off = router.setEnabled(tcpKey(8080), false, Progress.NONE);

        assertTrue(fake.mapping("TCP", 8080).isEmpty(), "removed from the router");
        assertFalse(off.mapping().enabled());
        assertTrue(off.notes().stream().anyMatch(n -> n.english().contains("ignores the enabled flag")), off.notes().toString());
        Path record = dataDir.resolve("disabled-mappings.tsv");
        assertTrue(Files.exists(record));
        assertTrue(Files.readString(record, StandardCharsets.UTF_8).contains("game server"));

        List<ListedMapping> sunk = new ArrayList<>();
        Listing listed = router.list(sunk::add, Progress.NONE);
        ListedMapping held = listed.mappings().stream().filter(m -> m.mapping().key().equals(tcpKey(8080)))
                .findFirst().orElseThrow(() -> new AssertionError("the parked mapping is listed"));
        assertTrue(held.heldByApp());
        assertFalse(held.mapping().enabled());
        assertEquals(ip(CLIENT), held.mapping().internalClient());
        assertEquals(80, held.mapping().internalPort());
        assertEquals("game server", held.mapping().description());
        assertEquals(2, listed.mappings().size());
        assertEquals(listed.mappings(), sunk, "the sink saw the held one too");

        // A new engine (the app restarted) still knows it.
        try (PortForwardEngine restarted = engine(dataDir)) {
            Router again = restarted.open(gateways(restarted, fake).get(0));
            assertTrue(again.list(m -> { }, Progress.NONE).mappings().stream()
                    .anyMatch(m -> m.heldByApp() && m.mapping().key().equals(tcpKey(8080))));
            assertTrue(again.setEnabled(tcpKey(8080), false, Progress.NONE).notes().get(0).english().contains("already disabled"));
        }

        MappingEditor.Outcome on = router.setEnabled(tcpKey(8080), true, Progress.NONE);

        assertEquals(original, fake.mapping("TCP", 8080).orElseThrow(), "back with the same values");
        assertTrue(on.mapping().enabled());
        List<ListedMapping> after = router.list(m -> { }, Progress.NONE).mappings();
        assertEquals(1, after.stream().filter(m -> m.mapping().key().equals(tcpKey(8080))).count());
        assertTrue(after.stream().noneMatch(ListedMapping::heldByApp));
        assertFalse(Files.readString(record, StandardCharsets.UTF_8).contains("game server"), "forgotten once back");
    }

    @Test
    void enablingAParkedMappingWhosePortWasTakenKeepsItParked() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().ignoresEnabled(true)
                .mappings(FakeMapping.tcp(8080, CLIENT, 80, "game server")));
        Router router = open(engine, fake);
        router.setEnabled(tcpKey(8080), false, Progress.NONE);
        fake.preload(FakeMapping.tcp(8080, "192.168.1.60", 8080, "someone else")); // taken meanwhile

        List<ListedMapping> whileTaken = router.list(m -> { }, Progress.NONE).mappings();
        assertTrue(whileTaken.stream().anyMatch(m -> m.heldByApp() && m.mapping().description().equals("game server")),
                "the user's disabled mapping must stay visible while another computer holds the port: " + whileTaken);
        PortConflictException e = assertThrows(PortConflictException.class,
                () -> router.setEnabled(tcpKey(8080), true, Progress.NONE),
                "enabling must not report success for another computer's mapping");
        assertEquals(ip("192.168.1.60"), e.holder().mapping().internalClient());
        fake.table().remove("TCP", 8080);

        ListedMapping held = router.list(m -> { }, Progress.NONE).mappings().get(0);
        assertTrue(held.heldByApp(), "still kept for the user");
        assertEquals("game server", held.mapping().description());
        router.setEnabled(tcpKey(8080), true, Progress.NONE);
        assertEquals(FakeMapping.tcp(8080, CLIENT, 80, "game server"), fake.mapping("TCP", 8080).orElseThrow());
    }

    @Test
    void disableWhenTheRecordCannotBeSavedChangesNothingOnTheRouter() throws Exception {
        Path inTheWay = dataDir.resolve("a-file");
        Files.writeString(inTheWay, "not a folder");
        FakeMapping original = FakeMapping.tcp(8080, CLIENT, 80, "game server");
        FakeRouter fake = fake(FakeRouter.Options.igd2().ignoresEnabled(true).mappings(original));
        try (PortForwardEngine broken = engine(inTheWay.resolve("data"))) {
            Router router = open(broken, fake);

            PortForwardException e = assertThrows(PortForwardException.class,
                    () -> router.setEnabled(tcpKey(8080), false, Progress.NONE));

            assertSentence(said(e));
            assertEquals(original, fake.mapping("TCP", 8080).orElseThrow(), "still on the router, unchanged");
            assertEquals(0, fake.callCount("DeletePortMapping"));
        }
    }

    /**
     * A mapping restricted to one remote host must stay restricted when it is disabled and
     * enabled again: dropping the restriction opens the port to the whole internet.
     */
    @ParameterizedTest(name = "router ignores NewEnabled: {0}")
    @ValueSource(booleans = {false, true})
    void disableAndEnableKeepARemoteHostRestriction(boolean ignoresEnabled) throws Exception {
        FakeMapping restricted = FakeMapping.tcp(2222, CLIENT, 22, "ssh from the office").withRemoteHost("25.77.0.99");
        FakeRouter fake = fake(FakeRouter.Options.igd2().ignoresEnabled(ignoresEnabled).mappings(restricted));
        Router router = open(engine, fake);

        router.setEnabled(tcpKey(2222), false, Progress.NONE);
        router.setEnabled(tcpKey(2222), true, Progress.NONE);

        assertEquals("25.77.0.99", fake.mapping("TCP", 2222).orElseThrow().remoteHost(),
                "the remote host restriction is kept; sent " + fake.calls("AddPortMapping").stream()
                        .map(c -> c.arg("NewRemoteHost")).toList());
    }

    @Test
    void aMappingTheCallerListedIsChangedWithoutListingTheTableAgain() throws Exception {
        FakeMapping restricted = FakeMapping.tcp(2222, CLIENT, 22, "ssh from the office").withRemoteHost("25.77.0.99");
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(restricted));
        Router router = open(engine, fake);
        ListedMapping listed = router.list(m -> { }, Progress.NONE).mappings().get(0);
        fake.clearCalls();

        router.setEnabled(listed, false, Progress.NONE);
        router.edit(listed, tcp(2222, CLIENT, 2222, "ssh").withRemoteHost(ip("25.77.0.99")), Progress.NONE);

        assertEquals(0, fake.callCount("GetGenericPortMappingEntry") + fake.callCount("GetListOfPortMappings"),
                "no listing: " + actions(fake));
        assertEquals("25.77.0.99", fake.mapping("TCP", 2222).orElseThrow().remoteHost());
        assertEquals("ssh", fake.mapping("TCP", 2222).orElseThrow().description());
    }

    @Test
    void editOfAParkedMappingChangesItsRecordAndEnableUsesIt() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().ignoresEnabled(true)
                .mappings(FakeMapping.tcp(8080, CLIENT, 80, "game server")));
        Router router = open(engine, fake);
        router.setEnabled(tcpKey(8080), false, Progress.NONE);
        fake.clearCalls();

        MappingEditor.Outcome edited = router.edit(tcpKey(8080), tcp(8080, OTHER_CLIENT, 8081, "moved"), Progress.NONE);

        assertFalse(edited.mapping().enabled());
        assertTrue(edited.notes().stream().anyMatch(n -> n.english().contains("stays disabled")), edited.notes().toString());
        assertEquals(0, fake.callCount("AddPortMapping"), "a held mapping is changed in its record only");
        assertTrue(fake.mappings().isEmpty());
        ListedMapping held = router.list(m -> { }, Progress.NONE).mappings().get(0);
        assertTrue(held.heldByApp());
        assertEquals("moved", held.mapping().description());

        router.setEnabled(tcpKey(8080), true, Progress.NONE);

        assertEquals(FakeMapping.tcp(8080, OTHER_CLIENT, 8081, "moved"), fake.mapping("TCP", 8080).orElseThrow());
    }

    @Test
    void editTheRouterAnswersButDoesNotApplyIsDoneByReplacing() throws Exception {
        // miniupnpd 2.3.1 answers OK to an in-place change of the description alone and keeps the old one.
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "old")));
        Router router = open(engine, fake);
        fake.respondRaw("AddPortMapping", FakeResponse.xml("<?xml version=\"1.0\"?>"
                + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<u:AddPortMappingResponse xmlns:u=\"" + fake.wan().serviceType() + "\"/></s:Body></s:Envelope>"));
        // The first (in-place) add is answered OK and not applied; the rule below never fires, it only
        // drops that raw answer when the delete arrives, so the re-add after it is applied.
        fake.addFault(FaultRule.fault("DeletePortMapping", 0).when(c -> {
            fake.clearRaw();
            return false;
        }));

        MappingEditor.Outcome outcome = router.edit(tcpKey(8080), tcp(8080, CLIENT, 80, "new"), Progress.NONE);

        assertEquals("new", outcome.mapping().description());
        assertEquals(FakeMapping.tcp(8080, CLIENT, 80, "new"), fake.mapping("TCP", 8080).orElseThrow());
        assertEquals(1, fake.callCount("DeletePortMapping"), "replaced after the in-place change did not stick");
    }

    @Test
    void deletingAParkedMappingForgetsIt() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().likeMiniupnpd()
                .mappings(FakeMapping.tcp(8080, CLIENT, 80, "game server")));
        Router router = open(engine, fake);
        router.setEnabled(tcpKey(8080), false, Progress.NONE);

        router.delete(tcpKey(8080), Progress.NONE);

        assertTrue(router.list(m -> { }, Progress.NONE).mappings().isEmpty());
        assertThrows(InvalidInputException.class, () -> router.setEnabled(tcpKey(8080), true, Progress.NONE));
    }

    @Test
    void enableOfAMissingMappingIsInvalidInput() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2());
        Router router = open(engine, fake);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> router.setEnabled(tcpKey(8080), true, Progress.NONE));

        assertSentence(said(e));
        assertEquals(0, fake.callCount("AddPortMapping"));
    }

    /**
     * MikroTik has two WAN connection services in one device, both with serviceId
     * "urn:upnp-org:serviceId:WANIPConn1" (routers/mikrotik-routeros-chr-7.10-rootdesc.xml). A
     * mapping disabled (parked) on one must not show up as held, or be enabled, on the other.
     */
    @Test
    void parkedMappingsBelongToTheirOwnWanService() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.mikrotikTwoWan().ignoresEnabled(true));
        fake.wan(0).table().put(FakeMapping.tcp(8080, CLIENT, 80, "first wan"));
        List<Gateway> gateways = gateways(engine, fake);
        Router first = engine.open(gatewayFor(gateways, fake.wan(0).controlPath()));
        Router second = engine.open(gatewayFor(gateways, fake.wan(1).controlPath()));

        first.setEnabled(tcpKey(8080), false, Progress.NONE);

        assertTrue(first.list(m -> { }, Progress.NONE).mappings().stream().anyMatch(ListedMapping::heldByApp));
        List<ListedMapping> onSecond = second.list(m -> { }, Progress.NONE).mappings();
        assertTrue(onSecond.isEmpty(), "the second WAN has no mappings, held or not: " + onSecond);
        assertThrows(InvalidInputException.class, () -> second.setEnabled(tcpKey(8080), true, Progress.NONE));
        assertTrue(fake.wan(1).table().snapshot().isEmpty(), "nothing was added to the second WAN");
    }

    @Test
    void getReadsOneMapping() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().mappings(
                FakeMapping.udp(3478, CLIENT, 3479, "stun").withLeaseSeconds(600)));
        Router router = open(engine, fake);

        Optional<ListedMapping> got = router.get(udpKey(3478), Progress.NONE);
        Optional<ListedMapping> none = router.get(tcpKey(3478), Progress.NONE);

        assertTrue(got.isPresent());
        assertEquals(Protocol.UDP, got.get().mapping().protocol());
        assertEquals(3479, got.get().mapping().internalPort());
        assertEquals(Duration.ofSeconds(600), got.get().mapping().lease());
        assertTrue(none.isEmpty());
    }

    @Test
    void freePortNearSkipsTakenPorts() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(
                FakeMapping.tcp(5000, CLIENT, 1, "a"), FakeMapping.tcp(5001, CLIENT, 1, "b"),
                FakeMapping.tcp(4999, CLIENT, 1, "c"), FakeMapping.udp(5002, CLIENT, 1, "udp only")));
        Router router = open(engine, fake);

        assertEquals(OptionalInt.of(5002), router.freePortNear(new MappingKey(Protocol.TCP, 5000), Progress.NONE));
        assertEquals(OptionalInt.of(1025), router.freePortNear(new MappingKey(Protocol.TCP, 1024), Progress.NONE));
    }
}
