package net.portforward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.portforward.testing.JsonText;
import net.portforward.app.CommandLineParts;
import net.portforward.config.SettingsLoader;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.discovery.DiscoveryPolicy;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.QuirkProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report}: what a user attaches to a bug report, also (and above all) when the router does not work. */
class ReportCommandTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    @TempDir
    Path home;
    private final List<FakeRouter> fakes = new ArrayList<>();

    @AfterEach
    void stop() {
        fakes.forEach(FakeRouter::close);
    }

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                return new Cli(new SettingsLoader("Linux", home, Map.of(), SettingsLoader.shippedDefaults()),
                        DiscoveryPolicy.none(), CommandLineParts::open, o, e).run(args);
            }
        });
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private FakeRouter fake(FakeRouter.Options options) {
        FakeRouter f = FakeRouter.start(options);
        fakes.add(f);
        return f;
    }

    @Test
    void aReportOnAWorkingRouterHasItsServicesAndExchangesMasked() {
        FakeRouter f = fake(FakeRouter.Options.igd2());

        Run r = run("report", "--router", f.location().toString());

        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("PortForward router report, "), r.out());
        assertTrue(r.out().contains("service: WANIPConnection:2"), r.out());
        assertTrue(r.out().contains("AddAnyPortMapping(in NewRemoteHost"), r.out());
        assertTrue(r.out().contains("#GetExternalIPAddress to " + f.baseUri() + "/ctl/IPConn"), r.out());
        assertFalse(r.out().contains("25.77.0.2"), "the internet address is masked");
        assertFalse(r.out().contains("fa4e0000-0000-4000-8000-000000000001"), "UDNs are masked");
    }

    @Test
    void jsonHasTheDocumentedKeys() {
        FakeRouter f = fake(FakeRouter.Options.igd1());

        Run r = run("report", "--json", "--router", f.location().toString());

        assertEquals(0, r.code(), r::toString);
        Map<String, Object> o = JsonText.object(r.out().trim());
        assertEquals(List.of("created", "version", "location", "gateway", "description", "services", "searchAnswers",
                "soapExchanges", "problems"), List.copyOf(o.keySet()));
        assertEquals(f.location().toString(), o.get("location"));
    }

    @Test
    void aRouterPortForwardCannotUseStillGivesAReportWithWhy() {
        FakeRouter f = fake(QuirkProfile.NO_MAPPING_SERVICE.options());

        Run r = run("report", "--router", f.location().toString());

        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("== Problems ==\n- \"HG531 V1\" by Huawei Technologies Co., Ltd. at 127.0.0.1 answers"
                + " UPnP but has no port-forwarding service"), r.out());
        assertTrue(r.out().contains("urn:dslforum-org:service:WANDSLLinkConfig:1"), "every service it has: " + r.out());
        assertTrue(r.out().contains("<serialNumber>[serial number]</serialNumber>"), r.out());
    }

    @Test
    void withNoRouterAtAllTheReportSaysSo() {
        Run r = run("report");

        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("Description URL: (none found)"), r.out());
        assertTrue(r.out().contains("== Problems ==\n- "), r.out());
    }
}
