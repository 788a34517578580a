package net.portforward.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.discovery.GatewayProbe;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.net.TrafficLog;
import net.portforward.engine.progress.Progress;
import net.portforward.json.Json;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.RouterData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The router report: complete, and with nothing in it that identifies the user or the router.
 * The capture is the Huawei HG531 V1's description with every sensitive field a router puts in
 * one: its serial number (in every device), four UDNs, a MAC address in three spellings, a public
 * address; the search answer is a real Huawei's (its USN ends in a MAC-like group), and the
 * router's internet address comes in a SOAP answer.
 */
class RouterReportTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    private static final String SERIAL = "G6J8W15326003974";
    private static final List<String> UDNS = List.of("00e0fc37-2626-2828-2600-587f668bdd9a",
            "00e0fc37-2626-2828-2601-587f668bdd9a", "00e0fc37-2626-2828-2602-587f668bdd9a",
            "00e0fc37-2626-2828-2603-587f668bdd9a");
    private static final String USN_UUID = "00e0fc37-2525-2828-2500-0C31DCD93368";
    private static final List<String> MACS = List.of("00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e", "001A2B3C4D5E",
            "0C31DCD93368");
    private static final String EXTERNAL = "81.2.69.160";
    private static final String OTHER_PUBLIC = "8.8.4.4";

    private final SafeHttp http = new SafeHttp(Duration.ofSeconds(5));
    private FakeRouter fake;

    @AfterEach
    void close() {
        http.close();
        if (fake != null) {
            fake.close();
        }
    }

    private static String sensitiveCapture() {
        String hg531 = new String(RouterData.bytes("huawei-hg531v1-rootdesc.xml"), StandardCharsets.ISO_8859_1);
        return hg531.replace("<friendlyName>HG531 V1</friendlyName>",
                        "<friendlyName>HG531 V1 00:1A:2B:3C:4D:5E</friendlyName>")
                .replace("<modelNumber>Huawei Model</modelNumber>", "<modelNumber>Huawei Model 00-1a-2b-3c-4d-5e</modelNumber>")
                .replaceFirst("<UPC>000000000001</UPC>", "<UPC>001A2B3C4D5E</UPC>")
                .replace("<presentationURL>http://127.0.0.1</presentationURL>",
                        "<presentationURL>http://127.0.0.1/?wan=" + OTHER_PUBLIC + "&amp;sn=" + SERIAL + "</presentationURL>");
    }

    private RouterReport report() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.description(sensitiveCapture()).externalIp(EXTERNAL));
        InetAddress here = InetAddress.getByName("127.0.0.1");
        String answer = new String(RouterData.bytes("huawei-unnamed-model-ssdp.txt"), StandardCharsets.ISO_8859_1)
                .replace("http://192.168.1.1:49652/49652gatedesc.xml", fake.location().toString());
        http.traffic().searchAnswer(here, answer);
        Gateway g = new GatewayProbe(http).probe(fake.location(), here, Progress.NONE).get(0); // status: SOAP logged
        return RouterReports.collect(http, fake.location(), here, g, List.of("The router at " + EXTERNAL + " said "
                + SERIAL + "."), Progress.NONE);
    }

    @Test
    void nothingSensitiveIsLeftInTheTextOrTheJson() throws Exception {
        RouterReport r = report();

        for (String shown : List.of(r.text(), Json.write(r.json()))) {
            String lower = shown.toLowerCase(Locale.ROOT);
            assertFalse(shown.contains(SERIAL), "serial number");
            for (String udn : UDNS) {
                assertFalse(lower.contains(udn.toLowerCase(Locale.ROOT)), udn);
            }
            assertFalse(lower.contains(USN_UUID.toLowerCase(Locale.ROOT)), "the search answer's UUID");
            for (String mac : MACS) {
                assertFalse(lower.contains(mac.toLowerCase(Locale.ROOT)), mac);
            }
            assertFalse(shown.contains(EXTERNAL), "the internet address");
            assertFalse(shown.contains(OTHER_PUBLIC), "another public address");
            assertTrue(shown.contains(ReportMask.SERIAL) && shown.contains(ReportMask.MAC)
                    && shown.contains(ReportMask.EXTERNAL) && shown.contains(ReportMask.PUBLIC), "stand-ins shown");
        }
    }

    @Test
    void theReportHoldsWhatABugReportNeeds() throws Exception {
        RouterReport r = report();

        assertEquals(fake.location().toString(), r.location());
        assertTrue(r.description().contains("<modelName>HG531 V1</modelName>"), "the description, masked only where needed");
        assertTrue(r.description().contains("<UDN>uuid:[masked-1]</UDN>"), r.description());
        RouterReport.Service ppp = r.services().stream()
                .filter(s -> s.type().equals("urn:dslforum-org:service:WANPPPConnection:1")).findFirst().orElseThrow();
        assertTrue(ppp.actions().stream().anyMatch(a -> a.startsWith("AddPortMapping(in NewRemoteHost, in NewExternalPort")),
                ppp.actions().toString());
        assertEquals(13, r.services().size(), "every service of every device");
        assertTrue(r.searchAnswers().get(0).text().contains("USN: uuid:[masked-"), r.searchAnswers().get(0).text());
        assertTrue(r.soapExchanges().stream().anyMatch(e -> e.action().endsWith("#GetExternalIPAddress")
                && e.status() == 200 && e.response().contains(ReportMask.EXTERNAL)));
        assertEquals("The router at " + ReportMask.EXTERNAL + " said " + ReportMask.SERIAL + ".", r.problems().get(0));
        assertEquals("HG531 V1 " + ReportMask.MAC, r.gateway().get("name"));
        assertEquals(List.of("created", "version", "location", "gateway", "description", "services", "searchAnswers",
                "soapExchanges", "problems"), List.copyOf(r.json().keySet()));
        String text = r.text();
        for (String section : List.of("== Router ==", "== Problems ==", "== Services and their actions ==",
                "== Search answers ==", "== Last SOAP exchanges ==", "== Root description ==")) {
            assertTrue(text.contains(section), section);
        }
    }

    /** The same UUID gets the same stand-in wherever it appears, with or without "uuid:". */
    @Test
    void aUuidKeepsItsStandInEverywhere() {
        ReportMask mask = new ReportMask(List.of(), List.of("uuid:11111111-2222-3333-4444-555555555555"), List.of());

        assertEquals("<UDN>uuid:[masked-1]</UDN> USN: uuid:[masked-1]::urn:x /ctl/[masked-1]/a uuid:[masked-2]",
                mask.apply("<UDN>uuid:11111111-2222-3333-4444-555555555555</UDN> USN: uuid:11111111-2222-3333-4444-"
                        + "555555555555::urn:x /ctl/11111111-2222-3333-4444-555555555555/a uuid:UUID-MIKROTIK-WAN"));
        assertEquals("LAN 192.168.1.1, CGNAT 100.64.0.1, firmware SG30_sip-fr-4.28.35.1, " + ReportMask.PUBLIC,
                mask.apply("LAN 192.168.1.1, CGNAT 100.64.0.1, firmware SG30_sip-fr-4.28.35.1, 93.184.216.34"),
                "LAN addresses and version numbers stay");
    }

    @Test
    void controlCharactersFromTheLanNeverReachTheTerminal() {
        ReportMask mask = new ReportMask(List.of(), List.of(), List.of());

        assertEquals("SERVER: \uFFFD[2J\uFFFD]0;x\uFFFD\r\nST: a\tb\n",
                mask.apply("SERVER: \u001b[2J\u001b]0;x\u0007\r\nST: a\tb\n"));
    }

    @Test
    void theTrafficLogIsBounded() {
        TrafficLog log = new TrafficLog();
        String huge = "x".repeat(TrafficLog.MAX_TEXT * 3);
        for (int i = 0; i < 100; i++) {
            log.soap(URI.create("http://127.0.0.1/ctl"), "a#" + i, huge, 200, huge.getBytes(StandardCharsets.UTF_8), null);
            log.searchAnswer(InetAddress.getLoopbackAddress(), i + huge);
        }

        assertEquals(TrafficLog.MAX_EXCHANGES, log.exchanges().size());
        assertEquals(TrafficLog.MAX_ANSWERS, log.answers().size());
        assertEquals("a#" + (100 - TrafficLog.MAX_EXCHANGES), log.exchanges().get(0).action(), "the oldest went first");
        assertEquals("a#99", log.exchanges().get(TrafficLog.MAX_EXCHANGES - 1).action());
        assertTrue(log.exchanges().stream().allMatch(e -> e.request().length() <= TrafficLog.MAX_TEXT + 1
                && e.response().length() <= TrafficLog.MAX_TEXT + 1));
        assertTrue(log.answers().stream().allMatch(a -> a.text().length() <= TrafficLog.MAX_TEXT + 1));
    }
}
