package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big tables on the real miniupnpd 2.3.1 (LAB.md): listing 100 mappings entry by entry takes
 * upnpc about 23 s, one GetListOfPortMappings about 1 s; and that call crashes the daemon once the
 * table holds about 140 mappings. The app must be fast on the first and must not take the router
 * down on the second.
 */
@Tag("lab")
class LargeTableLabIT {
    @TempDir
    static Path work;

    @BeforeAll
    static void needsLab() {
        LabNetwork.assumeAvailable();
    }

    private static String[] leases(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int port = 20000 + i;
            lines.add(LabNetwork.leaseLine("TCP", port, LabNetwork.LAN_HOST_IP, port, 0, "bulk" + i));
        }
        return lines.toArray(String[]::new);
    }

    private static LabNetwork labWith(int mappings) {
        return LabNetwork.builder().variant(LabVariant.IGD2_PUBLIC).withLeaseFile().preloadLeases(leases(mappings))
                .startTimeout(Duration.ofSeconds(90)).start();
    }

    @Test
    void hundredMappingsListedInOneGoAndEqualToUpnpc() {
        try (LabNetwork lab = labWith(100)) {
            AppCli app = new AppCli(lab, work.resolve("hundred"));
            AppCli.Run list = app.ok("list", "--json");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) AppCli.parseJson(list.out());
            assertEquals(100, rows.size());

            long start = System.nanoTime();
            List<UpnpcListing.Row> walked = UpnpcListing.parse(lab.inLan(Duration.ofSeconds(120), "upnpc", "-l").orThrow().stdout());
            long upnpcWalk = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            lab.inLan(Duration.ofSeconds(60), "upnpc", "-L").orThrow();
            long upnpcBulk = (System.nanoTime() - start) / 1_000_000;

            assertEquals(AppCli.mappingsOfUpnpc(walked), AppCli.mappingsOfApp(rows));
            System.out.println("BENCH list 100 mappings: portforward " + list.millis() + " ms (whole process, with"
                    + " discovery), upnpc -l " + upnpcWalk + " ms, upnpc -L " + upnpcBulk + " ms");
            assertTrue(lab.routerRunning());
        }
    }

    @Test
    void hundredFiftyMappingsAreWalkedAndTheRouterSurvives() {
        try (LabNetwork lab = labWith(150)) {
            AppCli app = new AppCli(lab, work.resolve("many"));
            // miniupnpd rereads its rules on every call, so a walk of 150 takes about a minute
            // whoever walks; upnpc -l took 31.8 s for 100.
            AppCli.Run list = app.run(Duration.ofSeconds(240), "list", "--json");
            assertEquals(0, list.exit(), list::toString);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) AppCli.parseJson(list.out());
            assertEquals(150, rows.size());
            assertTrue(lab.routerRunning(), "miniupnpd must still run: " + lab.routerLog());
            assertFalse(lab.routerLog().contains("GetListOfPortMappings"),
                    "the bulk call that crashes miniupnpd at this size was never sent");
            System.out.println("BENCH list 150 mappings (walk): portforward " + list.millis() + " ms");
            // The router still answers after the listing.
            assertEquals(0, lab.upnpcDirect("-s").exitCode());
        }
    }
}
