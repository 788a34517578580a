package net.portforward.lab;

import static net.portforward.lab.LabNetwork.LAN_HOST_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.portforward.lab.AppCli.Mapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger against the real miniupnpd, cross-checked with upnpc: a run killed with SIGKILL in
 * the middle of adding a range is offered for cleanup by the next run; a router restart (its
 * nftables chains emptied: a reboot) is undone by restore; a leased mapping is renewed while the
 * app holds it; export, remove everything, import gives the same table. Prints its figures.
 */
class LedgerLabIT extends LabCliTest {
    static final String OTHER_LAN_HOST = "192.168.77.20";
    private Path work;

    @Override
    LabVariant variant() {
        return LabVariant.IGD2_PUBLIC;
    }

    @BeforeAll
    void remember(@TempDir Path dir) {
        // AppCli keeps its own folder private; a second one here, for runs in the background.
        work = dir;
        app = new AppCli(lab, dir);
    }

    @AfterEach
    void cleanUp() {
        app.reset();
    }

    /** The app's CLI in pf-lan, started in the background like AppCli would run it (same settings, same data). */
    private Process background(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", LabNetwork.LAN_NS, "env", "LC_ALL=C.UTF-8",
                "HOME=" + work.resolve("home"), "XDG_CONFIG_HOME=" + work.resolve("home/.config"),
                "XDG_DATA_HOME=" + work.resolve("home/.local/share"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of(System.getProperty("portforward.jar", "target/portforward.jar")).toAbsolutePath().toString(),
                "--config", work.resolve("portforward-lab.ini").toString()));
        cmd.addAll(List.of(args));
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(work.resolve("background.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL to the app and anything it started: no shutdown hook runs. */
    private static void kill9(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    }

    private String backgroundLog() throws IOException {
        return Files.readString(work.resolve("background.log"));
    }

    @Test
    void aRunKilledInTheMiddleOfARangeIsOfferedForCleanupByTheNextOne() throws Exception {
        long start = System.nanoTime();
        Process p = background("add", "27015-27078", "TCP+UDP", "--for-now", "--description", "range");
        int seen = 0;
        while (seen < 12 && p.isAlive() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
            Thread.sleep(200);
            seen = lab.listMappings().size();
        }
        kill9(p);
        long killedAtMs = (System.nanoTime() - start) / 1_000_000;
        int onRouter = lab.listMappings().size();
        System.out.println("LEDGER kill -9: " + onRouter + " of 128 range mappings on the router when the app was killed"
                + " after " + killedAtMs + " ms");
        assertTrue(onRouter > 0 && onRouter < 128, () -> "killed in the middle: " + onRouter + "\n" + logOrEmpty());

        AppCli.Run next = app.run("list");
        assertEquals(0, next.exit(), next::toString);
        Matcher offered = Pattern.compile("left (\\d+) temporary port forwards").matcher(next.err());
        assertTrue(offered.find(), next::toString);
        int offeredCount = Integer.parseInt(offered.group(1));
        // The one being added when the kill came may be pending: on the router or not.
        assertTrue(offeredCount == onRouter || offeredCount == onRouter + 1,
                () -> "offered " + offeredCount + " with " + onRouter + " on the router");
        assertTrue(next.err().contains("portforward cleanup"), next::toString);

        AppCli.Run cleanup = app.ok("cleanup");
        System.out.println("LEDGER cleanup: offered " + offeredCount + ", " + lastLine(cleanup.out()) + " in "
                + cleanup.millis() + " ms; upnpc lists " + lab.listMappings().size() + " afterwards");
        assertEquals(List.of(), lab.listMappings(), "upnpc: nothing left behind");
        AppCli.Run after = app.ok("list");
        assertTrue(after.err().isBlank(), "nothing more to offer");
    }

    @Test
    void keptMappingsComeBackAfterTheRouterRestarts() throws Exception {
        app.ok("add", "7100", "TCP", "7100", "--description", "kept web");
        app.ok("add", "7101-7102", "UDP", "--description", "kept game");
        app.ok("add", "7103", "TCP", "7103", "--description", "leased", "--lease", "3600");
        lab.upnpcDirect("-e", "upnpc own", "-a", OTHER_LAN_HOST, "7200", "7200", "TCP", "0").orThrow();
        Set<Mapping> ours = Set.of(new Mapping("TCP", 7100, LAN_HOST_IP, 7100, "kept web"),
                new Mapping("UDP", 7101, LAN_HOST_IP, 7101, "kept game"),
                new Mapping("UDP", 7102, LAN_HOST_IP, 7102, "kept game"),
                new Mapping("TCP", 7103, LAN_HOST_IP, 7103, "leased"));

        lab.stopRouter(); // empties miniupnpd's nftables chains: a reboot
        lab.startRouter();
        assertEquals(List.of(), lab.listMappings(), "the reboot lost everything");

        AppCli.Run restore = app.ok("restore");
        System.out.println("LEDGER restore after miniupnpd restart: " + lastLine(restore.out()) + " in "
                + restore.millis() + " ms (whole process)");
        assertEquals(ours, app.upnpcMappings(), "upnpc: the kept ones are back; upnpc's own is not ours to restore");
        long lease = UpnpcListing.find(lab.listMappings(), "TCP", 7103).orElseThrow().leaseSeconds();
        assertTrue(lease > 3500 && lease <= 3600, () -> "lease " + lease);
        assertTrue(app.ok("restore").out().contains("4 already there."));
    }

    @Test
    void aLeasedMappingIsRenewedWhileTheAppHoldsIt() throws Exception {
        Process p = background("add", "7300", "TCP", "7300", "--for-now", "--lease", "20", "--hold", "32");
        List<Long> samples = new ArrayList<>();
        long start = System.nanoTime();
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(28)) {
            UpnpcListing.find(lab.listMappings(), "TCP", 7300).ifPresent(r -> samples.add(r.leaseSeconds()));
            Thread.sleep(2000);
        }
        System.out.println("LEDGER renewal: lease left seen by upnpc every 2 s with a 20 s lease: " + samples);
        int rises = 0;
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i) > samples.get(i - 1)) {
                rises++;
            }
        }
        assertTrue(samples.size() >= 10, () -> "listed for longer than its lease: " + samples);
        assertTrue(rises >= 2, () -> "the lease went back up at least twice in 28 s: " + samples);
        assertTrue(samples.stream().allMatch(s -> s > 0 && s <= 20), samples::toString);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the hold ends by itself");
        assertEquals(0, p.exitValue(), backgroundLog());
        assertEquals(List.of(), lab.listMappings(), "and removes it: " + backgroundLog());
    }

    @Test
    void exportRemoveEverythingImportGivesTheSameTable() throws Exception {
        app.ok("add", "8080", "TCP", "80", "--description", "web, \"main\"");
        app.ok("add", "8443", "TCP", "443", "--description", "=SUM(1)");
        app.ok("add", "27015-27016", "TCP+UDP", "--description", "game's server");
        lab.upnpcDirect("-e", "other host", "-a", OTHER_LAN_HOST, "9000", "9000", "UDP", "0").orThrow();
        Set<Mapping> before = app.upnpcMappings();
        assertEquals(7, before.size());
        Path json = work.resolve("table.json");
        Path csv = work.resolve("table.csv");
        AppCli.Run exported = app.ok("export", json.toString());
        app.ok("export", csv.toString());
        for (Path file : List.of(json, csv)) {
            for (UpnpcListing.Row row : lab.listMappings()) {
                lab.upnpcDirect("-d", String.valueOf(row.externalPort()), row.protocol()).orThrow();
            }
            assertEquals(List.of(), lab.listMappings());
            AppCli.Run preview = app.ok("import", file.toString(), "--dry-run");
            assertTrue(preview.out().contains("Preview: 7 to add"), preview::toString);
            assertEquals(List.of(), lab.listMappings(), "a dry run sends nothing");
            AppCli.Run imported = app.ok("import", file.toString());
            System.out.println("LEDGER export/import " + file.getFileName() + ": " + before.size() + " mappings, export "
                    + exported.millis() + " ms, import " + imported.millis() + " ms; " + lastLine(imported.out()));
            assertEquals(before, app.upnpcMappings(), "upnpc: the same table after " + file.getFileName());
        }
        AppCli.Run again = app.ok("import", json.toString(), "--dry-run");
        assertTrue(again.out().contains("0 to add, 7 already identical"), again::toString);
    }

    private static String lastLine(String out) {
        List<String> lines = out.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private String logOrEmpty() {
        try {
            return backgroundLog();
        } catch (IOException e) {
            return "";
        }
    }
}
