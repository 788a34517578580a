package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's command line against a router with UPnP turned off (miniupnpd with
 * {@code enable_upnp=no}: NAT-PMP and PCP only), as a new user meets it: it finds the router,
 * shows its external address as natpmpc does, forwards ports the WAN namespace reaches, renews
 * them, and after a router restart ({@code system_uptime=no}: the epoch starts again) puts the
 * kept one back. Timings are whole processes, printed as FIGURE lines.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliPortControlLabIT {
    private static final String WAN = "25.77.0.2";

    private LabNetwork lab;
    private AppCli app;

    @BeforeAll
    void startLab(@TempDir Path work) {
        LabNetwork.assumeAvailable("natpmpc");
        lab = LabNetwork.builder().variant(LabVariant.IGD2_PUBLIC)
                .option("enable_upnp", "no").option("system_uptime", "no").start();
        app = new AppCli(lab, work);
    }

    @AfterAll
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static void figure(String what, long millis) {
        System.out.println("FIGURE " + what + ": " + millis + " ms");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(AppCli.Run r) {
        return (Map<String, Object>) AppCli.parseJson(r.out());
    }

    private boolean wanReaches(int port) {
        return lab.inWan(Duration.ofSeconds(3), "bash", "-c", "exec 3<>/dev/tcp/" + WAN + "/" + port).ok();
    }

    @Test
    @Order(1)
    void infoFindsTheRouterOverPcpAndShowsTheAddressNatpmpcShows() {
        Matcher m = PortControlLabIT.NATPMPC_ADDRESS.matcher(lab.natpmpc().orThrow().stdout());
        assertTrue(m.find());
        List<Long> times = new ArrayList<>();
        Map<String, Object> info = null;
        for (int i = 0; i < 3; i++) {
            AppCli.Run r = app.ok("info", "--json");
            times.add(r.millis());
            info = json(r);
        }
        assertEquals("pcp", info.get("protocol"));
        assertEquals(LabNetwork.ROUTER_LAN_IP, info.get("address"));
        assertEquals(true, info.get("defaultGateway"));
        assertEquals(m.group(1), info.get("externalIp"), "as natpmpc says");
        assertEquals("PUBLIC", info.get("natVerdict"));
        figure("info over PCP, UPnP off (median of 3)", times.stream().sorted().toList().get(1));
        Map<String, Object> pmp = json(app.ok("--protocol", "natpmp", "info", "--json"));
        assertEquals("natpmp", pmp.get("protocol"));
        assertEquals(m.group(1), pmp.get("externalIp"));
    }

    @Test
    @Order(2)
    void aForwardOverPcpIsReachedFromTheWanUntilItIsDeleted() {
        try (LabBackground serve = LabBackground.start(LabNetwork.LAN_NS, app.javaCommand("serve", "31060"))) {
            serve.awaitTcp(lab, LabNetwork.LAN_NS, LabNetwork.LAN_HOST_IP, 31060, Duration.ofSeconds(30));
            assertFalse(wanReaches(31060), "nothing forwarded yet");

            AppCli.Run add = app.ok("add", "31060", "TCP", "31060", "--description", "lab web");
            figure("add over PCP, UPnP off", add.millis());
            assertTrue(add.out().contains("Added TCP 31060"), add::toString);
            assertTrue(wanReaches(31060), "the WAN reaches the forwarded port");
            assertTrue(app.listJson().stream().anyMatch(o -> ((Number) o.get("externalPort")).intValue() == 31060));

            app.ok("delete", "31060", "TCP");
            assertFalse(wanReaches(31060), "deleted: the WAN no longer reaches it");
            assertTrue(app.listJson().isEmpty());
        }
    }

    @Test
    @Order(3)
    void aForwardOverNatPmpToo() {
        try (LabBackground serve = LabBackground.start(LabNetwork.LAN_NS, app.javaCommand("serve", "31061"))) {
            serve.awaitTcp(lab, LabNetwork.LAN_NS, LabNetwork.LAN_HOST_IP, 31061, Duration.ofSeconds(30));
            AppCli.Run add = app.ok("--protocol", "natpmp", "add", "31061", "TCP", "31061");
            figure("add over NAT-PMP, UPnP off", add.millis());
            assertTrue(wanReaches(31061));
            app.ok("--protocol", "natpmp", "delete", "31061", "TCP");
            assertFalse(wanReaches(31061));
        }
    }

    @Test
    @Order(4)
    void aForwardForNowIsRenewedWhileItIsHeld() {
        // NAT-PMP: miniupnpd gives PCP mappings at least 120 s, NAT-PMP ones the lease asked for.
        AppCli.Run held = app.run(Duration.ofSeconds(60), "--protocol", "natpmp", "add", "31062", "TCP", "31062",
                "--lease", "8", "--for-now", "--hold", "14");
        assertEquals(0, held.exit(), held::toString);
        long renewals = held.out().lines().filter(l -> l.startsWith("Renewed TCP 31062")).count();
        assertTrue(renewals >= 2, "renewed at half of the 8 s lease while held 14 s: " + held);
        assertTrue(app.listJson("--protocol", "natpmp").isEmpty(), "removed when the hold ended");
    }

    @Test
    @Order(5)
    void afterARouterRestartTheWatchSaysSoAndTheKeptForwardComesBack() throws Exception {
        app.ok("add", "31063", "TCP", "31063", "--lease", "600");
        Path settings = app.settingsWithEvents("watch", "listen = true\npoll-interval = 2s\nrestore-kept = true");
        try (LabBackground serve = LabBackground.start(LabNetwork.LAN_NS, app.javaCommand("serve", "31063"));
                AppProcess watch = app.start(settings, "watch", "--json")) {
            serve.awaitTcp(lab, LabNetwork.LAN_NS, LabNetwork.LAN_HOST_IP, 31063, Duration.ofSeconds(30));
            assertTrue(wanReaches(31063));
            assertTrue(watch.awaitStderr("Watching", Duration.ofSeconds(30)), watch::stderr);

            // The restart wipes miniupnpd's rules; the watch may put the forward back before the next
            // line runs (the router's PCP announcement arrives at once), so the loss is read from the
            // watch's own report below, not from the WAN side here.
            lab.restartRouter();
            long restarted = System.nanoTime();

            List<String> seen = new ArrayList<>();
            while (seen.stream().noneMatch(l -> l.contains("keptMappingsRestored"))) {
                AppProcess.Line line = watch.nextLine(Duration.ofSeconds(30));
                assertTrue(line != null, "no restart told within 30 s; lines: " + seen + "\n" + watch.stderr());
                seen.add(line.text());
            }
            figure("restart told and the kept forward put back, after the router answered again (poll 2 s)",
                    (System.nanoTime() - restarted) / 1_000_000);
            assertTrue(seen.stream().anyMatch(l -> l.contains("routerRestarted")), seen.toString());
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!wanReaches(31063) && System.nanoTime() < end) {
                Thread.sleep(200); // polling the network from outside, not synchronising with the app
            }
            assertTrue(wanReaches(31063), "the kept forward is back: " + seen);
        }
        app.ok("delete", "31063", "TCP");
    }
}
