package net.portforward.cli;

import net.portforward.app.CommandLineParts;
import net.portforward.engine.discovery.DiscoveryPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.portforward.config.SettingsLoader;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.Router;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.Session;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's commands run in-process against a fake router: ranges, presets, export/import, cleanup, restore. */
class LedgerCliTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    private static final String CLIENT = EngineTestSupport.CLIENT;

    @TempDir
    Path home;
    private FakeRouter f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    record Run(int code, String out, String err) {
    }

    private SettingsLoader loader() {
        return new SettingsLoader("Linux", home, Map.of(), SettingsLoader.shippedDefaults());
    }

    private Path dataDir() throws Exception {
        return loader().load(Optional.empty()).dataDir();
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--router");
        all.add(f.location().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                return new Cli(loader(), DiscoveryPolicy.none(), CommandLineParts::open, o, e).run(all.toArray(String[]::new));
            }
        });
        Run r = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse(r.out().contains("\tat ") || r.err().contains("Exception"), r.toString());
        return r;
    }

    private Run ok(String... args) {
        Run r = run(args);
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.err(), r.toString());
        return r;
    }

    private Set<String> table() {
        return f.mappings().stream().map(m -> m.protocol() + " " + m.externalPort() + " " + m.internalClient() + ":"
                + m.internalPort() + " " + m.description()).collect(Collectors.toSet());
    }

    @Test
    void aRangeIsAddedInOneCommandAndKeptByDefault() throws Exception {
        f = FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.udp(27016, "192.168.1.50", 27016, "theirs")));
        Run r = run("add", "27015-27017", "TCP+UDP", "--client", CLIENT, "--description", "game");
        assertEquals(1, r.code(), "one of six failed: " + r);
        assertTrue(r.out().contains("Adding TCP 27015 \u2192 192.168.1.23:27015 (1 of 6)"), r.out());
        assertTrue(r.out().contains("TCP+UDP 27015-27017: 5 added, 1 failed."), r.out());
        assertTrue(r.out().contains("UDP 27016"), r.out());
        assertEquals(6, f.mappings().size());
        Ledger ledger = Ledger.open(dataDir());
        assertEquals(5, ledger.entries().size());
        assertTrue(ledger.entries().stream().allMatch(e -> e.retention() == Retention.KEEP), "kept by default");
    }

    @Test
    void forNowHoldsTheMappingThenRemovesIt() throws Exception {
        f = FakeRouter.start(FakeRouter.Options.igd2());
        Run r = ok("add", "8080", "TCP", "80", "--client", CLIENT, "--for-now", "--hold", "1");
        assertTrue(r.out().contains("Added TCP 8080 \u2192 192.168.1.23:80 for now."), r.out());
        assertTrue(r.out().contains("Holding them for now for 1 s"), r.out());
        assertTrue(r.out().contains("Removed TCP 8080"), r.out());
        assertEquals(List.of(), f.mappings());
        assertEquals(List.of(), Ledger.open(dataDir()).entries());
        assertEquals(2, run("add", "8080", "TCP", "80", "--keep", "--for-now").code());
    }

    @Test
    void leftoversOfAKilledRunAreOfferedThenCleanedUp() throws Exception {
        f = FakeRouter.start(FakeRouter.Options.igd2());
        // A run killed while holding: its marker names a process that no longer exists.
        Session killed = new Session("killed", Long.MAX_VALUE - 1, Instant.EPOCH);
        Ledger old = new Ledger(dataDir(), killed, Clock.systemUTC(), Session.PROCESS_ALIVE);
        try (var engine = new net.portforward.engine.PortForwardEngine(EngineTestSupport.engine(dataDir()).options(), old)) {
            Router router = EngineTestSupport.open(engine, f);
            for (int p = 27015; p <= 27018; p++) {
                router.add(new PortMapping(net.portforward.engine.model.Protocol.TCP, p, EngineTestSupport.ip(CLIENT), p,
                        true, "tmp", null, Duration.ZERO), Retention.FOR_NOW, net.portforward.engine.progress.Progress.NONE);
            }
        }
        assertTrue(Files.exists(dataDir().resolve("sessions/killed")));

        Run list = run("list");
        assertEquals(0, list.code());
        assertTrue(list.err().startsWith("warning: a PortForward that did not end normally left 4 temporary port forwards"
                + " (TCP 27015, TCP 27016, TCP 27017, TCP 27018). Run \"portforward cleanup\""), list.err());

        Run dry = ok("cleanup", "--dry-run");
        assertTrue(dry.out().contains("Nothing was changed"), dry.out());
        assertEquals(4, f.mappings().size());

        Run clean = ok("cleanup");
        assertTrue(clean.out().contains("4 removed."), clean.out());
        assertEquals(List.of(), f.mappings());
        assertEquals("", run("list").err(), "nothing left to offer");
        assertTrue(ok("cleanup").out().startsWith("Nothing to clean up"));
    }

    @Test
    void restorePutsBackWhatARebootLost() throws Exception {
        f = FakeRouter.start(FakeRouter.Options.igd2());
        ok("add", "8080", "TCP", "80", "--client", CLIENT, "--description", "web");
        ok("add", "8081", "UDP", "81", "--client", CLIENT, "--lease", "3600");
        Set<String> before = table();
        f.restart();
        Run r = ok("restore");
        assertTrue(r.out().contains("2 put back."), r.out());
        assertEquals(before, table());
        assertTrue(ok("restore").out().contains("2 already there."));
    }

    @Test
    void exportRemoveEverythingImportGivesTheSameTable() throws Exception {
        f = FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web, \"main\""),
                FakeMapping.udp(9000, "192.168.1.50", 9000, "=other"), FakeMapping.tcp(8443, CLIENT, 443, "tls")));
        Set<String> before = table();
        Path json = home.resolve("table.json");
        Path csv = home.resolve("table.csv");
        assertTrue(ok("export", json.toString()).out().startsWith("Exported 3 port forwards to "));
        ok("export", csv.toString());
        assertTrue(Files.readString(csv).startsWith("protocol,externalPort,"));
        assertTrue(ok("export").out().startsWith("[\n"), "standard output: JSON");
        assertTrue(ok("export", "--csv").out().startsWith("protocol,"));

        for (Path file : List.of(json, csv)) {
            f.restart();
            Run dry = ok("import", file.toString(), "--dry-run");
            assertTrue(dry.out().contains("Preview: 3 to add, 0 already identical, 0 conflicts"), dry.out());
            assertEquals(List.of(), f.mappings(), "a dry run changes nothing");
            Run r = ok("import", file.toString());
            assertTrue(r.out().contains("3 added."), r.out());
            assertEquals(before, table(), file.toString());
        }
        f.restart();
        f.preload(FakeMapping.tcp(8080, "192.168.1.60", 8080, "someone"));
        Run conflict = run("import", json.toString());
        assertEquals(0, conflict.code(), conflict.toString());
        assertTrue(conflict.out().contains("Line 2: TCP 8080 is already used on the router by TCP 8080 \u2192 192.168.1.60"),
                conflict.out());
        assertTrue(conflict.out().contains("2 added, 1 skipped."), conflict.out());
        assertEquals("192.168.1.60", f.mapping("TCP", 8080).orElseThrow().internalClient());
    }

    @Test
    void importOfABrokenFileSaysWhichLines() throws Exception {
        f = FakeRouter.start(FakeRouter.Options.igd2());
        Path bad = home.resolve("bad.csv");
        Files.writeString(bad, "protocol,externalPort,internalClient,internalPort\nTCP,8080,192.168.1.23,80\nTCP,x,y,z\n");
        Run r = run("import", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("Line 3: \"externalPort\" x is not a port number"), r.out());
        assertTrue(f.mapping("TCP", 8080).isPresent(), "the good line still went in");
        Run missing = run("import", home.resolve("nope.json").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("PortForward could not read "), missing.err());
    }

    @Test
    void presetsAreListedAppliedRemovedAndSaved() throws Exception {
        f = FakeRouter.start(FakeRouter.Options.igd2());
        Run list = ok("preset", "list");
        assertTrue(list.out().contains("Steam game server  [TCP+UDP 27015]"), list.out());
        assertTrue(list.out().contains("Remote Desktop  [TCP 3389]"), list.out());
        Run apply = ok("preset", "apply", "steam game server", "--client", CLIENT);
        assertTrue(apply.out().contains("Steam game server: 2 added."), apply.out());
        assertEquals(Set.of("TCP 27015 192.168.1.23:27015 Steam game server", "UDP 27015 192.168.1.23:27015 Steam game server"),
                table());
        ok("preset", "save", "My game", "TCP+UDP 7777-7778", "TCP 8080->80");
        assertTrue(ok("preset", "list").out().contains("My game  [TCP+UDP 7777-7778, TCP 8080->80]  (yours)"));
        ok("preset", "apply", "my game", "--client", CLIENT);
        assertEquals(7, f.mappings().size());
        Run remove = ok("preset", "remove", "Steam game server", "--client", CLIENT);
        assertTrue(remove.out().contains("2 removed."), remove.out());
        assertEquals(5, f.mappings().size());
        assertEquals(2, run("preset", "apply", "nothing like it").code());
    }

    @Test
    void helpNamesTheNewCommands() {
        f = FakeRouter.start(FakeRouter.Options.igd2());
        // Long descriptions wrap: read them as one line.
        String help = ok("--help").out().replaceAll("\\s+", " ");
        for (String c : List.of("export [--csv] [FILE]", "import FILE [--dry-run]", "preset apply NAME", "cleanup",
                "restore", "--for-now", "add 27015-27030 TCP+UDP")) {
            assertTrue(help.contains(c), c);
        }
    }
}
