package net.portforward.engine.mapping;

import net.portforward.engine.EngineAgainstFake;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.Router;
import static net.portforward.engine.EngineTestSupport.CLIENT;
import static net.portforward.engine.EngineTestSupport.engine;
import static net.portforward.engine.EngineTestSupport.gatewayFor;
import static net.portforward.engine.EngineTestSupport.gateways;
import static net.portforward.engine.EngineTestSupport.ip;
import static net.portforward.engine.EngineTestSupport.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.FakeRouter.ListEnd;
import net.portforward.testing.JunkMappings;
import net.portforward.testing.SoapCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How the engine reads a router's whole table: bulk or walk, every way a list can end, junk. */
class ListingTest extends EngineAgainstFake {
    private static List<FakeMapping> numbered(int count, int firstPort) {
        return IntStream.range(0, count)
                .mapToObj(i -> FakeMapping.tcp(firstPort + i, CLIENT, 10000 + i, "m" + i))
                .toList();
    }

    private static List<Integer> ports(Listing result) {
        return result.mappings().stream().map(m -> m.mapping().externalPort()).toList();
    }

    private static List<Integer> genericIndexes(FakeRouter fake) {
        return fake.calls("GetGenericPortMappingEntry").stream()
                .map(c -> c.intArg("NewPortMappingIndex")).toList();
    }

    /** How a listing was read, from what the fake saw: bulk calls only (after the probe at 128), or a walk. */
    enum Method { BULK, WALK }

    private static Method method(FakeRouter fake) {
        boolean walked = genericIndexes(fake).stream().anyMatch(i -> i != 128);
        return fake.callCount("GetListOfPortMappings") > 0 && !walked ? Method.BULK : Method.WALK;
    }

    // ---- walk or bulk ----

    @Test
    void igd2WithSmallTableProbesIndex128ThenUsesBulk() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(numbered(5, 4000))
                .mappings(FakeMapping.udp(5000, CLIENT, 5000, "voice")));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(Method.BULK, method(fake));
        assertEquals(List.of(4000, 4001, 4002, 4003, 4004, 5000), ports(result));
        assertEquals(Protocol.UDP, result.mappings().get(5).mapping().protocol());
        assertEquals("voice", result.mappings().get(5).mapping().description());
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
        List<SoapCall> calls = fake.calls();
        assertEquals("GetGenericPortMappingEntry", calls.get(0).action(), "the probe comes first");
        assertEquals(List.of(128), genericIndexes(fake), "only the probe at index 128, no walk");
        assertEquals(2, fake.callCount("GetListOfPortMappings"), "one bulk call per protocol");
        assertEquals(Set.of("TCP", "UDP"),
                Set.copyOf(fake.calls("GetListOfPortMappings").stream().map(c -> c.arg("NewProtocol")).toList()));
    }

    @Test
    void exactly128MappingsIsStillSmallEnoughForBulk() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(numbered(128, 20000))
                .listOfPortMappingsCrashesAbove(140));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(Method.BULK, method(fake));
        assertEquals(128, result.mappings().size());
        assertEquals(IntStream.range(20000, 20128).boxed().toList(), ports(result));
        assertFalse(fake.isDown());
    }

    @Test
    void igd2WithMoreThan128MappingsWalksAndNeverCallsTheBulkActionThatCrashesMiniupnpd() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(numbered(150, 30000))
                .listOfPortMappingsCrashesAbove(140));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(0, fake.callCount("GetListOfPortMappings"), "the bulk call would have killed the router");
        assertFalse(fake.isDown(), "the router must stay up");
        assertEquals(Method.WALK, method(fake));
        assertEquals(IntStream.range(30000, 30150).boxed().toList(), ports(result));
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
        // still answering after the listing
        assertTrue(router.get(EngineTestSupport.tcpKey(30149), Progress.NONE).isPresent());
    }

    @Test
    void igd2With129MappingsWalks() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(numbered(129, 30000)));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(Method.WALK, method(fake));
        assertEquals(129, result.mappings().size());
        assertEquals(0, fake.callCount("GetListOfPortMappings"));
    }

    @Test
    void igd1AlwaysWalksFromIndexZero() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().mappings(numbered(3, 7000)));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(Method.WALK, method(fake));
        assertEquals(List.of(7000, 7001, 7002), ports(result));
        assertEquals(List.of(0, 1, 2, 3), genericIndexes(fake), "a plain walk to the 713 at index 3");
        assertEquals(0, fake.callCount("GetListOfPortMappings"));
    }

    @Test
    void emptyTableListsNothing() throws Exception {
        for (FakeRouter.Options options : List.of(FakeRouter.Options.igd1(), FakeRouter.Options.igd2())) {
            FakeRouter fake = fake(options);
            Router router = open(engine, fake);
            Listing result = router.list(m -> { }, Progress.NONE);
            assertTrue(result.mappings().isEmpty());
            assertTrue(result.warnings().isEmpty(), result.warnings().toString());
        }
    }

    @Test
    void bulkUnsupportedFallsBackToTheWalk() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(numbered(4, 8000))
                .listOfPortMappingsUnsupported(true));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(Method.WALK, method(fake));
        assertEquals(List.of(8000, 8001, 8002, 8003), ports(result));
        assertEquals(1, fake.callCount("GetListOfPortMappings"), "tried once, then walked");
        assertTrue(result.warnings().isEmpty(), "nothing was shown before the fallback: " + result.warnings());
        assertEquals(List.of(128, 0, 1, 2, 3, 4), genericIndexes(fake));
    }

    @Test
    void bulkFailingPartWayIsReadAgainByWalkingWithAWarning() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(numbered(3, 8000))
                .mappings(FakeMapping.udp(9000, CLIENT, 9000, "voice"))
                .fault(net.portforward.testing.FaultRule.fault("GetListOfPortMappings", 501)
                        .when(c -> "UDP".equals(c.arg("NewProtocol")))));
        Router router = open(engine, fake);
        List<Integer> sunk = new ArrayList<>();

        Listing result = router.list(m -> sunk.add(m.mapping().externalPort()), Progress.NONE);

        assertEquals(Method.WALK, method(fake));
        assertEquals(List.of(8000, 8001, 8002, 9000), ports(result), "the whole table, once");
        assertTrue(result.warnings().stream().anyMatch(w -> w.english().contains("part way")), result.warnings().toString());
        assertEquals(List.of(8000, 8001, 8002, 8000, 8001, 8002, 9000), sunk,
                "rows shown before the failure are shown again: the warning tells the caller to replace them");
    }

    @Test
    void miniupnpdStyleCdataListingWithoutFaultForEmptyRange() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().likeMiniupnpd().mappings(numbered(3, 9000)));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(Method.BULK, method(fake));
        assertEquals(List.of(9000, 9001, 9002), ports(result));
        assertEquals("m1", result.mappings().get(1).mapping().description());
        assertEquals(ip(CLIENT), result.mappings().get(1).mapping().internalClient());
        assertEquals(10001, result.mappings().get(1).mapping().internalPort());
    }

    @Test
    void bulkReadsMoreThanOneChunkOfOneProtocol() throws Exception {
        // 128 TCP mappings: the probe at index 128 finds none, and the first answer is full, so
        // the range is split and read in parts.
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(numbered(128, 40000)));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(Method.BULK, method(fake));
        assertEquals(IntStream.range(40000, 40128).boxed().toList(), ports(result));
        assertTrue(fake.callCount("GetListOfPortMappings") >= 3, "a full answer is split: several TCP calls");
    }

    /**
     * miniupnpd answers GetListOfPortMappings in rule order, not sorted by port (its
     * get_portmappings_in_range appends ports as it walks its rules; the fake does the same). A
     * table whose rules were added from high ports to low must still be read whole.
     */
    @Test
    void bulkReadsAllMappingsWhenTheRouterDoesNotSortByPort() throws Exception {
        List<FakeMapping> descending = IntStream.range(0, 128)
                .mapToObj(i -> FakeMapping.tcp(30128 - i, CLIENT, 30128 - i, "d" + i)).toList();
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(descending));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(Method.BULK, method(fake));
        assertEquals(128, result.mappings().size(),
                "every mapping of the router; missing: " + IntStream.rangeClosed(30001, 30128).boxed()
                        .filter(p -> !ports(result).contains(p)).toList());
    }

    // ---- how a walk ends ----

    @ParameterizedTest
    @EnumSource(value = ListEnd.class, names = {"FAULT_713", "FAULT_714", "FAULT_402", "FAULT_899"})
    void everyKnownEndOfListEndsTheWalkCleanly(ListEnd end) throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().listEnd(end).mappings(numbered(3, 6000)));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(List.of(6000, 6001, 6002), ports(result));
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
        assertEquals(List.of(0, 1, 2, 3), genericIndexes(fake));
    }

    @ParameterizedTest
    @EnumSource(value = ListEnd.class, names = {"FAULT_713", "FAULT_714", "FAULT_402", "FAULT_899"})
    void igd2ProbeAcceptsEveryKnownEndOfList(ListEnd end) throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().listEnd(end).mappings(numbered(3, 6000)));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(Method.BULK, method(fake));
        assertEquals(List.of(6000, 6001, 6002), ports(result));
    }

    /**
     * FaultRule documents HTTP 500 with no body as a way some routers end their list. The walk
     * only treats UPnP faults as an end; an empty 500 is a RouterProtocolException, which makes
     * the whole listing fail and loses the entries already read.
     */
    @Test
    void emptyHttp500AtTheEndOfTheWalkEndsTheList() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().listEnd(ListEnd.HTTP_500_EMPTY).mappings(numbered(3, 6000)));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(List.of(6000, 6001, 6002), ports(result));
    }

    @Test
    void listThatStartsAtOneIsReadWhole() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().listStartsAtOne(true).mappings(numbered(4, 5100)));
        Router router = open(engine, fake);
        List<Integer> sunk = new ArrayList<>();

        Listing result = router.list(m -> sunk.add(m.mapping().externalPort()), Progress.NONE);

        assertEquals(List.of(5100, 5101, 5102, 5103), ports(result));
        assertEquals(ports(result), sunk, "each entry delivered once");
        assertTrue(result.warnings().stream().anyMatch(w -> w.english().contains("from 1")), result.warnings().toString());
    }

    @Test
    void emptyListThatStartsAtOneIsEmpty() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().listStartsAtOne(true));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertTrue(result.mappings().isEmpty());
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
    }

    @Test
    void routerRepeatingTheLastEntryIsStoppedWithAWarning() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().listEnd(ListEnd.REPEAT_LAST).mappings(numbered(3, 6100)));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(List.of(6100, 6101, 6102), ports(result), "each shown once");
        assertTrue(result.warnings().stream().anyMatch(w -> w.english().contains("repeated") && w.english().contains("TCP 6102")),
                result.warnings().toString());
        assertTrue(fake.callCount("GetGenericPortMappingEntry") <= 10, "stopped soon after the repeats began");
    }

    @Test
    void routerIgnoringTheIndexIsStoppedWithAWarning() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().listIgnoresIndex(true).mappings(numbered(3, 6200)));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(List.of(6200), ports(result));
        assertTrue(result.warnings().stream().anyMatch(w -> w.english().contains("repeated")), result.warnings().toString());
        assertTrue(fake.callCount("GetGenericPortMappingEntry") <= 10);
    }

    // ---- delivery ----

    @Test
    void walkDeliversEachEntryToTheSinkAsItArrives() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().mappings(numbered(6, 6300)));
        Router router = open(engine, fake);
        List<Integer> sunk = new ArrayList<>();
        List<Integer> callsSoFar = new ArrayList<>();

        Listing result = router.list(m -> {
            sunk.add(m.mapping().externalPort());
            callsSoFar.add(fake.callCount("GetGenericPortMappingEntry"));
        }, Progress.NONE);

        assertEquals(List.of(6300, 6301, 6302, 6303, 6304, 6305), sunk, "in table order");
        assertEquals(ports(result), sunk);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), callsSoFar, "each entry is handed on before the next is asked for");
    }

    @Test
    void bulkDeliversEntriesInOrderToo() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(numbered(70, 6400)));
        Router router = open(engine, fake);
        List<Integer> sunk = new ArrayList<>();
        List<Integer> bulkCallsSoFar = new ArrayList<>();

        Listing result = router.list(m -> {
            sunk.add(m.mapping().externalPort());
            bulkCallsSoFar.add(fake.callCount("GetListOfPortMappings"));
        }, Progress.NONE);

        assertEquals(ports(result), sunk);
        assertEquals(IntStream.range(6400, 6470).boxed().toList(), sunk);
        assertEquals(1, bulkCallsSoFar.get(0), "the first chunk is shown before the second is read");
    }

    // ---- junk ----

    @Test
    void junkEntriesAreSanitizedFlaggedAndNeverCrashTheWalk() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().mappings(JunkMappings.all()));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertJunkHandled(result, true);
    }

    @Test
    void junkEntriesAreSanitizedInTheBulkListingToo() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(JunkMappings.all()));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(Method.BULK, method(fake));
        assertJunkHandled(result, false);
    }

    @Test
    void junkEntriesWithUnescapedMarkupDoNotCrashTheListing() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().escapeValues(false)
                .mappings(FakeMapping.tcp(6500, CLIENT, 6500, "fine"), JunkMappings.controlCharacters()));
        Router router = open(engine, fake);

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(List.of(6500, 61002), ports(result));
        assertNoControlCharacters(result.mappings().get(1).mapping().description());
    }

    /** Every entry the router sent is either listed or named in a warning; nothing crashes. */
    private static void assertJunkHandled(Listing result, boolean walk) {
        Map<Integer, ListedMapping> byPort = new java.util.HashMap<>();
        result.mappings().forEach(m -> byPort.put(m.mapping().externalPort(), m));

        ListedMapping huge = byPort.get(61001);
        assertTrue(huge.mapping().description().length() <= 200, "cut for display");
        assertTrue(huge.warnings().stream().anyMatch(w -> w.english().contains("cut")), huge.warnings().toString());

        ListedMapping control = byPort.get(61002);
        assertNoControlCharacters(control.mapping().description());
        assertTrue(control.mapping().description().startsWith("bell"));

        ListedMapping markup = byPort.get(61003);
        assertEquals("a & b <script>alert(1)</script> \"q\" 'q'", markup.mapping().description(), "kept as text");

        ListedMapping port70000 = byPort.get(70000);
        assertTrue(port70000 != null, "the entry reported as port 70000 is listed, flagged: " + byPort.keySet());
        assertTrue(port70000.warnings().stream().anyMatch(w -> w.english().contains("70000")), port70000.warnings().toString());

        ListedMapping negative = byPort.get(61005);
        assertEquals(-1, negative.mapping().internalPort());
        assertTrue(negative.warnings().stream().anyMatch(w -> w.english().contains("internal port")), negative.warnings().toString());

        ListedMapping nonNumeric = byPort.get(-1);
        assertTrue(nonNumeric != null, "the entry with external port \"abc\" is listed (as -1), flagged; listed "
                + byPort.keySet() + ", warnings " + result.warnings());
        assertTrue(nonNumeric.warnings().stream().anyMatch(w -> w.english().contains("abc")), nonNumeric.warnings().toString());

        ListedMapping hostName = byPort.get(61007);
        assertNull(hostName.mapping().internalClient(), "a host name is never resolved");
        assertTrue(hostName.warnings().stream().anyMatch(w -> w.english().contains("nas.local")), hostName.warnings().toString());

        ListedMapping lower = byPort.get(61008);
        assertEquals(Protocol.TCP, lower.mapping().protocol());
        assertTrue(lower.warnings().isEmpty(), "lower-case tcp is fine: " + lower.warnings());

        assertFalse(byPort.containsKey(61009), "junk protocol cannot be addressed, so it is not listed");
        if (walk) {
            assertTrue(result.warnings().stream().anyMatch(w -> w.english().contains("XYZ") && w.english().contains("skipped")),
                    result.warnings().toString());
        }

        ListedMapping flags = byPort.get(61010);
        assertEquals(Protocol.UDP, flags.mapping().protocol());
        assertEquals(Duration.ZERO, flags.mapping().lease());
        assertTrue(flags.warnings().stream().anyMatch(w -> w.english().contains("forever")), flags.warnings().toString());

        for (ListedMapping m : result.mappings()) {
            assertNoControlCharacters(m.mapping().description());
        }
    }

    private static void assertNoControlCharacters(String s) {
        assertTrue(s.chars().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT),
                "no control characters in " + s.replaceAll("\\p{Cntrl}", "?"));
    }

    // ---- captured routers ----

    @ParameterizedTest
    @ValueSource(strings = {
            "netgear-r7500v2-rootdesc.xml", "dlink-dir890l-rootdesc.xml", "linksys-wag200g-rootdesc.xml",
            "actiontec-gt784wn-rootdesc.xml", "cisco-cga4131com-rootdesc.xml", "pfsense-2.5.0-rootdesc.xml",
            "ddwrt-tplink-tl-wr841nd-v9-rootdesc.xml", "avm-fritzbox-7590-rootdesc.xml",
            "google-wifi-onhub-rootdesc.xml", "mobileap-9x45-miniupnpd-1.8-rootdesc.xml",
            "sagemcom-orange-livebox-rootdesc.xml", "ddwrt-v24-generic-x86-rootdesc.xml"})
    void capturedRoutersListTheirTables(String capture) throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.captured(capture));
        fake.preload(FakeMapping.tcp(8080, CLIENT, 80, "web"), FakeMapping.udp(3478, CLIENT, 3478, "stun"));
        List<Gateway> gateways = gateways(engine, fake);
        Gateway best = gatewayFor(gateways, fake.wan().controlPath());
        Router router = engine.open(best);
        fake.clearCalls();

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(List.of(8080, 3478), ports(result), capture);
        PortMapping web = result.mappings().get(0).mapping();
        assertEquals(ip(CLIENT), web.internalClient());
        assertEquals(80, web.internalPort());
        assertEquals("web", web.description());
        int version = best.upnp().orElseThrow().service().version();
        assertEquals(version >= 2 ? Method.BULK : Method.WALK, method(fake), capture);
        assertTrue(fake.calls().stream().allMatch(c -> c.path().equals(fake.wan().controlPath())),
                "every call went to the WAN service's own control URL");
    }

    @Test
    void liveboxWanPppConnection2IsTreatedAsIgd2() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.captured("sagemcom-orange-livebox-rootdesc.xml"));
        fake.preload(FakeMapping.tcp(51413, CLIENT, 51413, "torrent"));
        Gateway g = gateways(engine, fake).get(0);
        assertTrue(g.upnp().orElseThrow().service().serviceType().endsWith("WANPPPConnection:2"), g.upnp().orElseThrow().service().serviceType());
        Router router = engine.open(g);
        fake.clearCalls();

        Listing result = router.list(m -> { }, Progress.NONE);

        assertEquals(Method.BULK, method(fake));
        assertEquals(List.of(51413), ports(result));
        assertTrue(fake.callCount("GetListOfPortMappings") >= 1);
    }

    @Test
    void mikrotikTwoWanServicesEachListTheirOwnTable() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.captured("mikrotik-routeros-chr-7.10-rootdesc.xml"));
        assertEquals(2, fake.wans().size());
        fake.wan(0).table().put(FakeMapping.tcp(1111, CLIENT, 1111, "first wan"));
        fake.wan(1).table().put(FakeMapping.tcp(2222, CLIENT, 2222, "second wan"));
        fake.wan(1).table().put(FakeMapping.udp(2223, CLIENT, 2223, "second wan udp"));

        List<Gateway> gateways = gateways(engine, fake);
        assertEquals(2, gateways.size(), "one gateway per WAN connection service");
        Router first = engine.open(gatewayFor(gateways, fake.wan(0).controlPath()));
        Router second = engine.open(gatewayFor(gateways, fake.wan(1).controlPath()));

        assertEquals(List.of(1111), ports(first.list(m -> { }, Progress.NONE)));
        assertEquals(List.of(2222, 2223), ports(second.list(m -> { }, Progress.NONE)));
    }

    @Test
    void mikrotikTemplateListsPerWanAsWell() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.mikrotikTwoWan());
        fake.wan(1).table().put(FakeMapping.tcp(2222, CLIENT, 2222, "second"));
        List<Gateway> gateways = gateways(engine, fake);

        Router first = engine.open(gatewayFor(gateways, fake.wan(0).controlPath()));
        Router second = engine.open(gatewayFor(gateways, fake.wan(1).controlPath()));

        assertTrue(first.list(m -> { }, Progress.NONE).mappings().isEmpty());
        assertEquals(List.of(2222), ports(second.list(m -> { }, Progress.NONE)));
    }

    @Test
    void capturedDescriptionWithoutPortMappingServiceIsRefusedWithASentence() {
        FakeRouter fake = fake(net.portforward.testing.QuirkProfile.NO_MAPPING_SERVICE.options());
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                net.portforward.engine.error.RouterProtocolException.class, () -> gateways(engine, fake));
        EngineTestSupport.assertSentence(e.getMessage());
        assertTrue(e.getMessage().contains("port-forwarding service"), e.getMessage());
    }
}
