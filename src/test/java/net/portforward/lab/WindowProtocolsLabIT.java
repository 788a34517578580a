package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real window (GTK under Xvfb in pf-lan) where the router has UPnP off, and where a second
 * UPnP gateway sits on the LAN: it finds the router over PCP, says it can show only its own
 * forwards, adds one the WAN reaches; and with an impostor beside the router it shows the real
 * router. Screenshots in target/lab-screenshots/.
 */
@Tag("lab")
class WindowProtocolsLabIT {
    @TempDir
    Path work;

    private static Map<String, String> state(String answer) {
        assertTrue(answer.startsWith("STATE "), answer);
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : answer.substring("STATE ".length()).split("\t")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    private static void screenshot(LabNetwork lab, WindowLabIT.Xvfb x, String name) {
        Path file = WindowLabIT.SHOTS.resolve(name);
        lab.inLan(Duration.ofSeconds(20), "env", "DISPLAY=:" + x.display, LabNetwork.which("import").orElseThrow(),
                "-window", "root", file.toString()).orThrow();
    }

    @Test
    void withUpnpOffTheWindowUsesPcpAndItsForwardIsReachedFromTheWan() throws Exception {
        LabNetwork.assumeAvailable("natpmpc", "Xvfb", "import");
        Files.createDirectories(WindowLabIT.SHOTS);
        try (LabNetwork lab = LabNetwork.builder().variant(LabVariant.IGD2_PUBLIC).option("enable_upnp", "no").start();
                WindowLabIT.Xvfb x = WindowLabIT.Xvfb.start(work);
                WindowLabIT.Driver driver = WindowLabIT.Driver.start(x.display, work);
                LabBackground serve = LabBackground.start(LabNetwork.LAN_NS,
                        new AppCli(lab, work.resolve("serve")).javaCommand("serve", "31070"))) {
            String table = driver.ask("WAIT_TABLE", WindowLabIT.START_TIMEOUT);
            assertTrue(table.startsWith("TABLE 0 "), table);
            Map<String, String> s = state(driver.ask("STATE", WindowLabIT.ANSWER_TIMEOUT));
            assertEquals(LabNetwork.ROUTER_LAN_IP, s.get("routerName"), s::toString);
            assertTrue(s.get("routerModel").contains("PCP"), s::toString);
            assertEquals("Internet address 25.77.0.2", s.get("externalAddress"), s::toString);
            assertTrue(s.get("ownForwardsOnly").contains("PCP"), s::toString);

            serve.awaitTcp(lab, LabNetwork.LAN_NS, LabNetwork.LAN_HOST_IP, 31070, Duration.ofSeconds(30));
            assertFalse(lab.inWan(Duration.ofSeconds(3), "bash", "-c", "exec 3<>/dev/tcp/25.77.0.2/31070").ok());
            assertEquals("ADDED", driver.ask("ADD 31070 TCP 31070 window over PCP", WindowLabIT.ANSWER_TIMEOUT));
            assertTrue(lab.inWan(Duration.ofSeconds(3), "bash", "-c", "exec 3<>/dev/tcp/25.77.0.2/31070").ok(),
                    "the WAN reaches the forward the window made over PCP");
            screenshot(lab, x, "window-pcp.png");
        }
    }

    @Test
    void withAnImpostorOnTheLanTheWindowShowsTheRealRouter() throws Exception {
        LabNetwork.assumeAvailable("Xvfb", "import");
        Files.createDirectories(WindowLabIT.SHOTS);
        try (LabNetwork lab = LabNetwork.builder().variant(LabVariant.IGD2_PUBLIC).bridgedLan().start();
                LabImpostor impostor = LabImpostor.start(lab)) {
            lab.upnpcDirect("-e", "real", "-a", LabNetwork.LAN_HOST_IP, "40001", "40001", "TCP").orThrow();
            impostor.upnpc("-e", "impostor", "-a", LabNetwork.LAN_HOST_IP, "40002", "40002", "TCP").orThrow();
            try (WindowLabIT.Xvfb x = WindowLabIT.Xvfb.start(work);
                    WindowLabIT.Driver driver = WindowLabIT.Driver.start(x.display, work)) {
                String table = driver.ask("WAIT_TABLE", WindowLabIT.START_TIMEOUT);
                assertTrue(table.startsWith("TABLE 1 "), table);
                Map<String, String> s = state(driver.ask("STATE", WindowLabIT.ANSWER_TIMEOUT));
                assertEquals(LabNetwork.FRIENDLY_NAME, s.get("routerName"), s::toString);
                String rows = driver.ask("REFRESH", WindowLabIT.ANSWER_TIMEOUT);
                assertTrue(rows.contains("40001/TCP") && !rows.contains("40002"), rows);
                screenshot(lab, x, "window-impostor-on-lan.png");
            }
        }
    }
}
