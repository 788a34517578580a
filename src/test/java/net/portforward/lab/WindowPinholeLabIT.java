package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real window (GTK under Xvfb in pf-lan) in the dual-stack lab: its router panel says pinholes
 * can be opened for 2001:db8:77::10, one Add opens the port over IPv4 and IPv6 together, and the
 * WAN reaches the LAN's server over both. Screenshot in target/lab-screenshots/window-pinhole.png.
 */
@Tag("lab")
class WindowPinholeLabIT {
    private static final int PORT = 31092;

    @TempDir
    Path work;

    private static boolean wanReaches(LabNetwork lab, String host) {
        LabCommand.Result r = lab.inWan(Duration.ofSeconds(10), "timeout", "3", "bash", "-c",
                "exec 3<>/dev/tcp/" + host + "/" + PORT + " && head -c 20 <&3");
        return r.ok() && r.stdout().contains("lab " + PORT);
    }

    @Test
    void oneAddOpensThePortOverIpv4AndIpv6AndTheWanReachesBoth() throws Exception {
        LabNetwork.assumeAvailable("Xvfb", "import");
        Files.createDirectories(WindowLabIT.SHOTS);
        Path source = work.resolve("LabServers.java");
        Files.writeString(source, PinholeLabIT.SERVER);
        try (LabNetwork lab = LabNetwork.builder().dualStack().start();
                LabBackground server = LabBackground.start(LabNetwork.LAN_NS, List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), source.toString(),
                        String.valueOf(PORT)));
                WindowLabIT.Xvfb x = WindowLabIT.Xvfb.start(work);
                WindowLabIT.Driver driver = WindowLabIT.Driver.start(x.display, work)) {
            server.awaitTcp(lab, LabNetwork.LAN_NS, LabNetwork.LAN_HOST_IP, PORT, Duration.ofSeconds(30));
            String wanAddress = lab.variant().routerWanAddress();
            assertFalse(wanReaches(lab, LabNetwork.LAN_HOST_IP6), "before: the router's IPv6 firewall drops it");
            assertFalse(wanReaches(lab, wanAddress), "before: no forward");

            String table = driver.ask("WAIT_TABLE", WindowLabIT.START_TIMEOUT);
            assertTrue(table.startsWith("TABLE "), table);
            // The router is asked over IPv6 once it is shown: wait for its answer in the panel.
            String line = "";
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!line.contains("pinholes can be opened") && System.nanoTime() < end) {
                String state = driver.ask("STATE", WindowLabIT.ANSWER_TIMEOUT);
                int at = state.indexOf("ipv6Pinholes=");
                line = at < 0 ? "" : state.substring(at + "ipv6Pinholes=".length()).split("\t")[0];
                if (!line.contains("checking")) {
                    break;
                }
            }
            assertEquals("IPv6: pinholes can be opened for this computer (" + LabNetwork.LAN_HOST_IP6 + ").", line);

            assertEquals("ADDED", driver.ask("ADD " + PORT + " TCP " + PORT + " window pinhole",
                    WindowLabIT.ANSWER_TIMEOUT));
            String rows = driver.ask("REFRESH", WindowLabIT.ANSWER_TIMEOUT);
            assertTrue(wanReaches(lab, wanAddress), "the WAN reaches the IPv4 forward; rows: " + rows);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean v6 = wanReaches(lab, LabNetwork.LAN_HOST_IP6);
            while (!v6 && System.nanoTime() < deadline) {
                v6 = wanReaches(lab, LabNetwork.LAN_HOST_IP6); // the pinhole follows the forward in the same add
            }
            assertTrue(v6, "the WAN reaches this computer over IPv6 through the pinhole");
            lab.inLan(Duration.ofSeconds(20), "env", "DISPLAY=:" + x.display, LabNetwork.which("import").orElseThrow(),
                    "-window", "root", WindowLabIT.SHOTS.resolve("window-pinhole.png").toString()).orThrow();
        }
    }
}
