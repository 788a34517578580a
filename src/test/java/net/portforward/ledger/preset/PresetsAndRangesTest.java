package net.portforward.ledger.preset;

import static net.portforward.engine.EngineTestSupport.CLIENT;
import static net.portforward.engine.EngineTestSupport.OTHER_CLIENT;
import static net.portforward.engine.EngineTestSupport.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.MappingBatch;
import net.portforward.ledger.MappingResult;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Port ranges and presets: many mappings in one step, each reported, with progress. */
class PresetsAndRangesTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    @TempDir
    Path data;
    private FakeRouter f;
    private PortForwardEngine engine;
    private Ledger ledger;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        if (f != null) {
            f.close();
        }
    }

    private Router router(FakeRouter.Options options) throws Exception {
        f = FakeRouter.start(options);
        ledger = Ledger.open(data);
        engine = new PortForwardEngine(EngineTestSupport.engine(data).options(), ledger);
        return EngineTestSupport.open(engine, f);
    }

    @Test
    void portSpecsReadTheWayPeopleWriteThem() throws Exception {
        PortSpec range = PortSpec.parse("TCP+UDP 27015-27030");
        assertEquals(32, range.size());
        assertEquals("TCP+UDP 27015-27030", range.toString());
        PortSpec moved = PortSpec.parse("udp 7000-7002 -> 8000");
        assertEquals(List.of(8000, 8001, 8002), moved.ports().stream().map(p -> p[2]).toList());
        assertEquals("TCP 8080->80", PortSpec.parse("tcp 8080->80").toString());
        assertEquals(List.of(Protocol.TCP, Protocol.UDP), PortSpec.protocols("both"));
        for (String bad : List.of("TCP", "SCTP 80", "TCP 30-20", "TCP 0", "TCP 65535-65536", "TCP 1-200",
                "TCP 65530-65535->65534")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> PortSpec.parse(bad), bad);
            EngineTestSupport.assertSentence(e.getMessage());
        }
    }

    @Test
    void aRangeIsAddedInOneStepWithProgressAndASummaryThatNamesWhatFailed() throws Exception {
        Router r = router(FakeRouter.Options.igd2().mappings(FakeMapping.udp(27020, OTHER_CLIENT, 27020, "theirs")));
        PortSpec spec = PortSpec.parse("TCP+UDP 27015-27030");
        List<PortMapping> mappings = new Preset("range", "", List.of(spec), false).mappings(ip(CLIENT), Duration.ZERO);
        EngineTestSupport.RecordingProgress p = new EngineTestSupport.RecordingProgress();

        List<MappingResult> results = MappingBatch.add(r, mappings, Retention.KEEP, p);

        assertEquals(32, results.size());
        assertEquals(31, results.stream().filter(x -> x.kind() == MappingResult.Kind.ADDED).count());
        assertEquals(31 + 1, f.mappings().size(), "31 added next to the other device's one");
        String summary = MappingResult.summary(results).english();
        assertTrue(summary.startsWith("31 added, 1 failed."), summary);
        assertTrue(summary.contains("UDP 27020"), summary);
        assertEquals(1.0, p.fractions().get(p.fractions().size() - 1));
        assertTrue(p.fractions().size() >= 33, "a report per mapping");
        assertTrue(p.messages().contains("Adding TCP 27016 \u2192 192.168.1.23:27016 (2 of 32)\u2026"), p.messages().toString());
        assertEquals(31, ledger.entries().size(), "each one is in the ledger");
    }

    @Test
    void aCancelOrAVanishedRouterStopsTheRangeAndSaysWhatWasNotTried() throws Exception {
        Router r = router(FakeRouter.Options.igd2());
        List<PortMapping> mappings = new Preset("r", "", List.of(PortSpec.parse("TCP 9000-9009")), false)
                .mappings(ip(CLIENT), Duration.ZERO);
        boolean[] cancelled = {false};
        Progress p = new Progress() {
            @Override
            public void report(double fraction, net.portforward.engine.error.Fact step) {
                if (step.english().contains("(4 of")) {
                    cancelled[0] = true;
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled[0];
            }
        };
        List<MappingResult> results = MappingBatch.add(r, mappings, Retention.KEEP, p);
        assertEquals(10, results.size());
        assertEquals(3, f.mappings().size());
        assertEquals(7, results.stream().filter(x -> x.kind() == MappingResult.Kind.NOT_TRIED).count());
    }

    @Test
    void builtInPresetsAreAppliedAndRemovedInOneActionLeavingOthersAlone() throws Exception {
        Presets presets = new Presets(data);
        Router r = router(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(3389, OTHER_CLIENT, 3389, "theirs")));
        Preset steam = presets.get("steam game server");
        List<MappingResult> added = MappingBatch.add(r, steam.mappings(ip(CLIENT), Duration.ZERO), Retention.KEEP,
                Progress.NONE);
        assertEquals(2, added.size());
        assertEquals("Steam game server", f.mapping("UDP", 27015).orElseThrow().description());
        assertTrue(f.mapping("TCP", 27015).isPresent());

        Preset rdp = presets.get("Remote Desktop");
        List<MappingResult> removed = MappingBatch.remove(r, rdp.mappings(ip(CLIENT), Duration.ZERO), ip(CLIENT),
                Progress.NONE);
        assertEquals(MappingResult.Kind.TAKEN, removed.get(0).kind(), "another device's 3389 is not ours to remove");
        assertTrue(f.mapping("TCP", 3389).isPresent());

        removed = MappingBatch.remove(r, steam.mappings(ip(CLIENT), Duration.ZERO), ip(CLIENT), Progress.NONE);
        assertEquals(List.of(MappingResult.Kind.REMOVED, MappingResult.Kind.REMOVED),
                removed.stream().map(MappingResult::kind).toList());
        assertEquals(1, f.mappings().size());
        assertEquals(List.of(), ledger.entries());
        for (Preset p : Presets.BUILT_IN) {
            assertTrue(p.about().contains("(") && p.size() > 0, "says where its ports come from: " + p);
        }
    }

    @Test
    void theUsersOwnPresetsAreSavedReadBackAndReportedByLine() throws Exception {
        Presets presets = new Presets(data);
        presets.save(new Preset("My game", "the server in the basement", List.of(PortSpec.parse("TCP+UDP 7777-7778"),
                PortSpec.parse("TCP 8080->80")), false));
        presets.save(new Preset("Remote Desktop", "", List.of(PortSpec.parse("TCP 3390->3389")), false));
        Presets again = new Presets(data);
        assertEquals(5, again.get("my game").size());
        assertEquals("TCP 3390->3389", again.get("remote desktop").portsText(), "the user's replaces the built-in");
        assertEquals(Presets.BUILT_IN.size() + 1, again.all().size());
        again.delete("Remote Desktop");
        assertEquals("TCP 3389", again.get("Remote Desktop").portsText(), "the built-in is back");
        assertThrows(InvalidInputException.class, () -> again.delete("Web server"));

        Files.writeString(again.file(), "[ok]\nTCP 1000\n[bad]\nTCP 70000\nhello\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, again::all);
        assertTrue(e.getMessage().contains("line 4") && e.getMessage().contains("line 5"), e.getMessage());
        EngineTestSupport.assertSentence(e.getMessage());
    }

    @Test
    void theWindowAndACommandLineSavingPresetsAtOnceLoseNone() throws Exception {
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> writers = new java.util.ArrayList<>();
        for (String who : List.of("window", "cli")) {
            Presets own = new Presets(data); // each has its own, as the two programs do
            Thread t = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    try {
                        own.save(new Preset(who + " " + i, "", List.of(PortSpec.parse("TCP " + (10_000 + i))), false));
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            });
            writers.add(t);
            t.start();
        }
        for (Thread t : writers) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(50, new Presets(data).own().size(), "every preset of both writers was kept");
    }

    @Test
    void aPresetsNameBecomesADescriptionRoutersKeep() {
        assertEquals("Tom  Jerry", Preset.description("Tom & Jerry"));
        assertEquals(64, Preset.description("é".repeat(40)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
}
