package net.portforward.engine;

import static net.portforward.engine.EngineTestSupport.CLIENT;
import static net.portforward.engine.EngineTestSupport.assertSentence;
import static net.portforward.engine.EngineTestSupport.engine;
import static net.portforward.engine.EngineTestSupport.gateways;
import static net.portforward.engine.EngineTestSupport.open;
import static net.portforward.engine.EngineTestSupport.tcpKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterUnreachableException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.net.RouterXmlException;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeResponse;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.HostileXml;
import org.junit.jupiter.api.Test;

/**
 * Routers (or any LAN host pretending to be one) that attack or break the client: entities,
 * redirects, huge, endless and dripped bodies, URLs to other hosts, crashes. Every canary is on
 * the fake itself, on 127.0.0.1.
 */
class HostileRouterTest extends EngineAgainstFake {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @Override
    protected Duration httpTimeout() {
        return ONE_SECOND;
    }

    /** A healthy IGD:1 fake whose description is then replaced by {@code description}. */
    private FakeRouter withDescription(String description) {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        f.serveRaw("/rootDesc.xml", FakeResponse.xml(description));
        return f;
    }

    private static String text(FakeRouter f) {
        return new String(f.descriptionBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Refused for its DOCTYPE, said in words with the typed reason, and none of the XML parser's
     * own text ("DOCTYPE is disallowed when the feature http://apache.org/xml/features/...").
     */
    private static void assertRefusedForDoctype(RouterProtocolException e) {
        assertSentence(e.getMessage());
        RouterXmlException xml = assertInstanceOf(RouterXmlException.class, e, e::getMessage);
        assertEquals(RouterXmlException.Reason.DOCTYPE, xml.reason());
        assertTrue(e.getMessage().contains("holds a DOCTYPE, which PortForward refuses because it can hide attacks"),
                e.getMessage());
        assertParserTextHidden(e);
    }

    private static void assertParserTextHidden(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            assertFalse(m.contains("apache.org") || m.contains("feature") || m.contains("disallow"),
                    "no parser text: " + m);
        }
    }

    private <T extends PortForwardException> T refusedQuickly(Class<T> type, FakeRouter f) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(type, () -> gateways(engine, f)));
    }

    // ---- XML attacks ----

    @Test
    void descriptionWithExternalEntityIsRefusedAndTheCanaryNeverCalled() {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        f.serveRaw("/rootDesc.xml", FakeResponse.xml(HostileXml.descriptionWithExternalEntity(f.canaryUri("xxe"))));

        RouterProtocolException e = refusedQuickly(RouterProtocolException.class, f);

        assertRefusedForDoctype(e);
        assertTrue(f.canaryHits().isEmpty(), "entity fetched: " + f.canaryHits());
    }

    @Test
    void descriptionWithExternalDtdIsRefusedAndTheCanaryNeverCalled() {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        f.serveRaw("/rootDesc.xml", FakeResponse.xml(HostileXml.descriptionWithExternalDtd(f.canaryUri("dtd"))));

        RouterProtocolException e = refusedQuickly(RouterProtocolException.class, f);

        assertRefusedForDoctype(e);
        assertTrue(f.canaryHits().isEmpty(), "DTD fetched: " + f.canaryHits());
    }

    @Test
    void descriptionWithParameterEntityIsRefusedAndTheCanaryNeverCalled() {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        f.serveRaw("/rootDesc.xml", FakeResponse.xml(HostileXml.descriptionWithParameterEntity(f.canaryUri("pe"))));

        RouterProtocolException e = refusedQuickly(RouterProtocolException.class, f);

        assertRefusedForDoctype(e);
        assertTrue(f.canaryHits().isEmpty(), "parameter entity fetched: " + f.canaryHits());
    }

    @Test
    void descriptionReadingALocalFileIsRefused() {
        FakeRouter f = withDescription(HostileXml.descriptionReadingFile("/etc/hostname"));

        RouterProtocolException e = refusedQuickly(RouterProtocolException.class, f);

        assertRefusedForDoctype(e);
    }

    @Test
    void billionLaughsIsRefusedFast() {
        FakeRouter f = withDescription(HostileXml.billionLaughs());

        long start = System.nanoTime();
        RouterProtocolException e = refusedQuickly(RouterProtocolException.class, f);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertRefusedForDoctype(e);
        assertTrue(took.toMillis() < 1500, "took " + took);
    }

    @Test
    void soapAnswerWithExternalEntityIsRefusedAndTheCanaryNeverCalled() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Router router = open(engine, f);
        f.respondRaw("GetSpecificPortMappingEntry", FakeResponse.xml(HostileXml.soapResponseWithExternalEntity(
                f.wan().serviceType(), "GetSpecificPortMappingEntry", "NewInternalClient", f.canaryUri("soap-xxe"))));

        RouterProtocolException e = assertThrows(RouterProtocolException.class,
                () -> router.get(tcpKey(8080), Progress.NONE));

        assertRefusedForDoctype(e);
        assertTrue(f.canaryHits().isEmpty(), "entity fetched: " + f.canaryHits());
    }

    @Test
    void soapStatusAnswerWithExternalEntityLeavesTheStatusUnknown() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        f.respondRaw("GetExternalIPAddress", FakeResponse.xml(HostileXml.soapResponseWithExternalEntity(
                f.wan().serviceType(), "GetExternalIPAddress", "NewExternalIPAddress", f.canaryUri("ip-xxe"))));

        Gateway g = gateways(engine, f).get(0);

        assertEquals(null, g.status().externalIp());
        assertEquals("", g.status().externalIpText());
        assertTrue(f.canaryHits().isEmpty(), "entity fetched: " + f.canaryHits());
    }

    @Test
    void soapAnswerWithBillionLaughsIsRefusedFast() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Router router = open(engine, f);
        f.respondRaw("GetSpecificPortMappingEntry", FakeResponse.xml(HostileXml.soapResponseWithBillionLaughs(
                f.wan().serviceType(), "GetSpecificPortMappingEntry", "NewInternalClient")));

        RouterProtocolException e = assertTimeoutPreemptively(Duration.ofMillis(1500),
                () -> assertThrows(RouterProtocolException.class, () -> router.get(tcpKey(8080), Progress.NONE)));

        assertRefusedForDoctype(e);
    }

    /**
     * Elements nested tens of thousands deep (well under the 512 KB body limit) must be refused
     * as a bad answer, not crash the caller with a StackOverflowError (an Error escapes every
     * PortForwardException handler: the CLI prints a stack trace, a UI task dies).
     */
    @Test
    void deeplyNestedSoapAnswerIsABadAnswerNotACrash() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Router router = open(engine, f);
        int depth = 60_000;
        String deep = "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<u:GetSpecificPortMappingEntryResponse xmlns:u=\"" + f.wan().serviceType() + "\">"
                + "<x>".repeat(depth) + "</x>".repeat(depth)
                + "</u:GetSpecificPortMappingEntryResponse></s:Body></s:Envelope>";
        assertTrue(deep.length() < SafeHttp.MAX_BODY_BYTES);
        f.respondRaw("GetSpecificPortMappingEntry", FakeResponse.xml(deep));

        Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                router.get(tcpKey(8080), Progress.NONE);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });

        assertInstanceOf(RouterProtocolException.class, thrown, "refused as a bad answer, not " + thrown);
        assertTrue(thrown.getMessage().contains("nested"), thrown.getMessage());
    }

    @Test
    void deeplyNestedDescriptionIsABadAnswerNotACrash() {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        int depth = 60_000;
        String description = text(f).replaceFirst("<friendlyName>[^<]*</friendlyName>",
                "<friendlyName>" + "<x>".repeat(depth) + "deep" + "</x>".repeat(depth) + "</friendlyName>");
        assertTrue(description.length() < SafeHttp.MAX_BODY_BYTES);
        f.serveRaw("/rootDesc.xml", FakeResponse.xml(description));

        Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                gateways(engine, f);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });

        assertInstanceOf(PortForwardException.class, thrown, "refused as a bad answer, not " + thrown);
    }

    @Test
    void soapAnswerThatIsNotXmlIsABadAnswer() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Router router = open(engine, f);
        f.respondRaw("GetSpecificPortMappingEntry",
                FakeResponse.of(200, "text/html", "<html><body>Login required<br></body>"));

        RouterProtocolException e = assertThrows(RouterProtocolException.class,
                () -> router.get(tcpKey(8080), Progress.NONE));

        assertSentence(e.getMessage());
        assertEquals(RouterXmlException.Reason.NOT_WELL_FORMED,
                assertInstanceOf(RouterXmlException.class, e, e::getMessage).reason());
        assertParserTextHidden(e);
    }

    // ---- HTTP attacks ----

    @Test
    void redirectOfTheDescriptionIsNotFollowed() {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        f.serveRaw("/rootDesc.xml", FakeResponse.redirect(f.canaryUri("redirect").toString()));

        RouterProtocolException e = refusedQuickly(RouterProtocolException.class, f);

        assertSentence(e.getMessage());
        assertTrue(e.getMessage().contains("302"), e.getMessage());
        assertTrue(f.canaryHits().isEmpty(), "redirect followed: " + f.canaryHits());
    }

    @Test
    void redirectOfASoapCallIsNotFollowed() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Router router = open(engine, f);
        String okBody = "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<s:Body><u:DeletePortMappingResponse xmlns:u=\"" + f.wan().serviceType() + "\"/></s:Body></s:Envelope>";
        f.respondRaw("GetSpecificPortMappingEntry", FakeResponse.redirect(f.canaryUri("soap-redirect").toString()));
        f.respondRaw("DeletePortMapping", FakeResponse.of(307, "text/xml", okBody)
                .withHeader("Location", f.canaryUri("delete-redirect").toString()));

        assertThrows(RouterProtocolException.class, () -> router.get(tcpKey(8080), Progress.NONE));
        f.clearRaw();
        f.preload(FakeMapping.tcp(8080, CLIENT, 80, "x"));
        f.respondRaw("DeletePortMapping", FakeResponse.of(307, "text/xml", okBody)
                .withHeader("Location", f.canaryUri("delete-redirect").toString()));
        RouterProtocolException e = assertThrows(RouterProtocolException.class,
                () -> router.delete(tcpKey(8080), Progress.NONE));

        assertSentence(e.getMessage());
        assertTrue(f.canaryHits().isEmpty(), "redirect followed: " + f.canaryHits());
    }

    @Test
    void hugeDescriptionIsRefusedAtTheLimit() {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        f.serveRaw("/rootDesc.xml", FakeResponse.xml("<!-- padding padding padding -->")
                .repeatedTo(4L * SafeHttp.MAX_BODY_BYTES));

        RouterProtocolException e = refusedQuickly(RouterProtocolException.class, f);

        assertSentence(e.getMessage());
        assertTrue(e.getMessage().contains(SafeHttp.MAX_BODY_BYTES / 1024 + " KB"), e.getMessage());
    }

    @Test
    void endlessDescriptionIsRefusedAtTheLimit() {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        f.serveRaw("/rootDesc.xml", FakeResponse.xml("<root>").endless());

        RouterProtocolException e = refusedQuickly(RouterProtocolException.class, f);

        assertSentence(e.getMessage());
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void endlessSoapAnswerIsRefusedAtTheLimit() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd1().mappings(FakeMapping.tcp(8080, CLIENT, 80, "x")));
        Router router = open(engine, f);
        f.respondRaw("GetGenericPortMappingEntry", FakeResponse.xml("<s:Envelope>").endless());

        RouterProtocolException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(RouterProtocolException.class, () -> router.list(m -> { }, Progress.NONE)));

        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void drippedDescriptionTimesOutWithinTheHttpTimeout() {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        f.serveRaw("/rootDesc.xml", FakeResponse.xml(text(f)).drippedEvery(Duration.ofMillis(20)));

        long start = System.nanoTime();
        RouterUnreachableException e = refusedQuickly(RouterUnreachableException.class, f);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertSentence(e.getMessage());
        assertTrue(e.getMessage().contains("did not answer in time"), e.getMessage());
        assertTrue(took.toMillis() >= 900 && took.toMillis() < 2000, "one deadline for headers and body: took " + took);
    }

    @Test
    void drippedSoapAnswerTimesOutWithinTheHttpTimeout() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Router router = open(engine, f);
        f.respondRaw("GetSpecificPortMappingEntry", FakeResponse.xml(
                "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                        + "<u:GetSpecificPortMappingEntryResponse xmlns:u=\"" + f.wan().serviceType() + "\">"
                        + "<NewInternalPort>80</NewInternalPort></u:GetSpecificPortMappingEntryResponse></s:Body></s:Envelope>")
                .drippedEvery(Duration.ofMillis(50)));

        long start = System.nanoTime();
        RouterUnreachableException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(RouterUnreachableException.class, () -> router.get(tcpKey(8080), Progress.NONE)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertSentence(e.getMessage());
        assertTrue(took.toMillis() >= 900 && took.toMillis() < 2000, "took " + took);
    }

    @Test
    void routerThatNeverSendsHeadersTimesOut() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Router router = open(engine, f);
        f.setActionDelay("GetSpecificPortMappingEntry", Duration.ofSeconds(30));

        long start = System.nanoTime();
        RouterUnreachableException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(RouterUnreachableException.class, () -> router.get(tcpKey(8080), Progress.NONE)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertSentence(e.getMessage());
        assertTrue(took.toMillis() < 2000, "took " + took);
    }

    // ---- URLs to other hosts ----

    @Test
    void controlUrlOnAnotherHostIsRefused() {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        String elsewhere = text(f).replace("<controlURL>/ctl/IPConn</controlURL>",
                "<controlURL>http://127.0.0.2:" + f.port() + "/ctl/IPConn</controlURL>");
        f.serveRaw("/rootDesc.xml", FakeResponse.xml(elsewhere));

        RouterProtocolException e = refusedQuickly(RouterProtocolException.class, f);

        assertSentence(e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.2"), "says which URL was ignored: " + e.getMessage());
    }

    @Test
    void controlUrlNamingAHostIsRefusedAndNeverCalled() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        String named = text(f).replace("<controlURL>/ctl/IPConn</controlURL>",
                "<controlURL>http://localhost:" + f.port() + "/canary/control</controlURL>");
        f.serveRaw("/rootDesc.xml", FakeResponse.xml(named));

        RouterProtocolException e = refusedQuickly(RouterProtocolException.class, f);

        assertTrue(e.getMessage().contains("names a host"), e.getMessage());
        assertTrue(f.canaryHits().isEmpty(), "control URL called: " + f.canaryHits());
        assertEquals(0, f.callCount(), "no SOAP at all");
    }

    @Test
    void httpsControlUrlIsRefused() {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        String https = text(f).replace("<controlURL>/ctl/IPConn</controlURL>",
                "<controlURL>https://127.0.0.1:" + f.port() + "/ctl/IPConn</controlURL>");
        f.serveRaw("/rootDesc.xml", FakeResponse.xml(https));

        RouterProtocolException e = refusedQuickly(RouterProtocolException.class, f);

        assertTrue(e.getMessage().contains("plain http"), e.getMessage());
    }

    @Test
    void urlBaseOnAnotherHostIsIgnoredAndTheRouterStillWorks() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        f.preload(FakeMapping.tcp(8080, CLIENT, 80, "web"));
        String withBase = text(f).replaceFirst("</specVersion>",
                "</specVersion><URLBase>http://127.0.0.2:" + f.port() + "/</URLBase>");
        f.serveRaw("/rootDesc.xml", FakeResponse.xml(withBase));

        Gateway g = gateways(engine, f).get(0);
        Router router = engine.open(g);

        assertEquals("127.0.0.1", g.upnp().orElseThrow().service().controlUrl().getHost(), "resolved against the description's own address");
        assertEquals(1, router.list(m -> { }, Progress.NONE).mappings().size());
    }

    @Test
    void urlBaseNamingAHostIsIgnored() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        String withBase = text(f).replaceFirst("</specVersion>",
                "</specVersion><URLBase>http://localhost:" + f.port() + "/canary/base/</URLBase>");
        f.serveRaw("/rootDesc.xml", FakeResponse.xml(withBase));

        Gateway g = gateways(engine, f).get(0);

        assertEquals(URI.create(f.baseUri() + "/ctl/IPConn"), g.upnp().orElseThrow().service().controlUrl());
        assertTrue(f.canaryHits().isEmpty(), f.canaryHits().toString());
    }

    // ---- crashes and closed ports ----

    @Test
    void routerCrashingMidListIsUnreachableWithASentenceAndNothingHangs() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        for (int i = 0; i < 30; i++) {
            f.preload(FakeMapping.tcp(40000 + i, CLIENT, 40000 + i, "m" + i));
        }
        Router router = open(engine, f);
        AtomicInteger seen = new AtomicInteger();

        RouterUnreachableException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(RouterUnreachableException.class, () -> router.list(m -> {
                    if (seen.incrementAndGet() == 5) {
                        f.crash();
                    }
                }, Progress.NONE)));

        assertEquals(5, seen.get());
        assertSentence(e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());

        f.restart();
        assertTrue(router.list(m -> { }, Progress.NONE).mappings().isEmpty(), "usable again after the reboot");
    }

    @Test
    void connectionDroppedMidCallIsUnreachable() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Router router = open(engine, f);
        f.addFault(net.portforward.testing.FaultRule.dropConnection("AddPortMapping"));

        RouterUnreachableException e = assertThrows(RouterUnreachableException.class,
                () -> router.add(EngineTestSupport.tcp(8080, CLIENT, 80, "x"), Progress.NONE));

        assertSentence(e.getMessage());
    }

    @Test
    void closedPortIsRefusedWithAClearSentence() throws Exception {
        int port;
        port = net.portforward.TestPorts.unused();
        URI nobody = URI.create("http://127.0.0.1:" + port + "/rootDesc.xml");

        RouterUnreachableException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(RouterUnreachableException.class, () -> engine.connect(nobody, Progress.NONE)));

        assertSentence(e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port) && e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void routerGoneAfterConnectIsRefusedWithAClearSentence() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Router router = open(engine, f);
        f.close();

        RouterUnreachableException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(RouterUnreachableException.class, () -> router.list(m -> { }, Progress.NONE)));

        assertSentence(e.getMessage());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void descriptionAnswered404IsABadAnswer() {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        f.serveRaw("/rootDesc.xml", FakeResponse.status(404));

        RouterProtocolException e = refusedQuickly(RouterProtocolException.class, f);

        assertSentence(e.getMessage());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }

    @Test
    void statusActionsThatFailLeaveAGatewayRankedLastNotAnError() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        f.addFault(net.portforward.testing.FaultRule.emptyHttp500("GetStatusInfo"));
        f.addFault(net.portforward.testing.FaultRule.dropConnection("GetExternalIPAddress"));

        Gateway g = gateways(engine, f).get(0);

        assertEquals(2, g.status().rank());
        assertTrue(!g.status().lastConnectionError().isEmpty());
        assertSentence(g.status().lastConnectionError());
    }
}
