package net.portforward.ledger;

import static net.portforward.engine.EngineTestSupport.CLIENT;
import static net.portforward.engine.EngineTestSupport.OTHER_CLIENT;
import static net.portforward.engine.EngineTestSupport.tcp;
import static net.portforward.engine.EngineTestSupport.tcpKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.UpnpException;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.Test;

/** The ledger: written before the router is asked, crash-safe, shared by threads and processes. */
class LedgerTest extends LedgerFixture {

    @Test
    void anAddIsRecordedPendingBeforeTheRouterIsAskedAndConfirmedAfter() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Ledger ledger = ledger("s1");
        Router r = open(engine(ledger), f);
        f.setActionDelay("AddPortMapping", Duration.ofMillis(400));
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<?> add = ex.submit(() -> r.add(tcp(8080, CLIENT, 80, "web").withLease(Duration.ofSeconds(3600)),
                    Retention.FOR_NOW, Progress.NONE));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (f.callCount("AddPortMapping") == 0 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            LedgerEntry during = ledger.find(r.recordId(), tcpKey(8080)).orElseThrow();
            assertEquals(LedgerEntry.State.PENDING, during.state(), "on disk while the router is still answering");
            assertEquals(Retention.FOR_NOW, during.retention());
            assertTrue(f.mapping("TCP", 8080).isEmpty(), "the router had not made it yet");
            add.get(10, TimeUnit.SECONDS);
        } finally {
            ex.shutdownNow();
        }
        LedgerEntry after = ledger.find(r.recordId(), tcpKey(8080)).orElseThrow();
        assertEquals(LedgerEntry.State.CONFIRMED, after.state());
        assertEquals(Duration.ofSeconds(3600), after.granted());
        assertEquals(Duration.ofSeconds(3600), after.mapping().lease(), "the lease asked for");
        assertEquals(time.instant().plusSeconds(3600), after.leaseEnd().orElseThrow());
        assertEquals(time.instant().plusSeconds(1800), after.renewAt().orElseThrow(), "renewed at half the lease");
        assertTrue(Files.exists(dataDir.resolve("sessions/s1")), "the session's marker is written with its first record");
    }

    /** AddAnyPortMapping: the router picks the port, and the record follows it. */
    @Test
    void aForwardOnAnyFreePortIsRecordedUnderThePortTheRouterGranted() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, OTHER_CLIENT, 8080, "theirs")));
        Ledger ledger = ledger("s1");
        Router r = open(engine(ledger), f);

        int granted = r.addAnyPort(tcp(8080, CLIENT, 8080, "web"), Retention.KEEP, Progress.NONE).mapping().externalPort();

        assertTrue(granted != 8080, "8080 is another computer's");
        LedgerEntry entry = ledger.find(r.recordId(), tcpKey(granted)).orElseThrow();
        assertEquals(LedgerEntry.State.CONFIRMED, entry.state());
        assertEquals(CLIENT, entry.mapping().internalClient().getHostAddress());
        assertTrue(ledger.find(r.recordId(), tcpKey(8080)).isEmpty(), "nothing left under the port suggested");
    }

    @Test
    void heldListsConfirmedMappingsWithTheLeaseLeftAndDropsRunOutOnes() throws Exception {
        Ledger ledger = ledger("s1");
        PortMapping web = tcp(8080, CLIENT, 80, "web").withLease(Duration.ofSeconds(600));
        PortMapping game = tcp(27015, CLIENT, 27015, "game").withLease(Duration.ofSeconds(3600));
        PortMapping forever = tcp(22, CLIENT, 22, "ssh");
        ledger.adding("pcp|10.0.0.1", web, Retention.KEEP);
        ledger.added("pcp|10.0.0.1", web, web, Retention.KEEP);
        ledger.adding("pcp|10.0.0.1", game, Retention.KEEP);
        ledger.added("pcp|10.0.0.1", game, game, Retention.FOR_NOW);
        ledger.adding("pcp|10.0.0.1", forever, Retention.KEEP);
        ledger.added("pcp|10.0.0.1", forever, forever, Retention.KEEP);
        ledger.adding("pcp|10.0.0.1", tcp(9000, CLIENT, 9000, "asked, never answered"), Retention.KEEP);
        ledger.adding("natpmp|10.0.0.1", tcp(7000, CLIENT, 7000, "other router"), Retention.KEEP);

        time.advance(Duration.ofSeconds(900));
        List<PortMapping> held = ledger.held("pcp|10.0.0.1");

        assertEquals(List.of(27015, 22), held.stream().map(PortMapping::externalPort).toList(),
                "8080's lease ran out, 9000 was never confirmed, 7000 is another router's");
        assertEquals(Duration.ofSeconds(2700), held.get(0).lease(), "the time left");
        assertTrue(held.get(1).permanent());
    }

    @Test
    void aRouterThatGrantsAnotherExternalPortIsRecordedUnderThatPort() throws Exception {
        Ledger ledger = ledger("s1");
        PortMapping wanted = tcp(8080, CLIENT, 80, "web").withLease(Duration.ofSeconds(3600));
        ledger.adding("pcp|10.0.0.1", wanted, Retention.KEEP);
        ledger.added("pcp|10.0.0.1", wanted, wanted.withExternalPort(8081), Retention.KEEP);

        assertTrue(ledger.find("pcp|10.0.0.1", tcpKey(8080)).isEmpty(), "no pending record left behind");
        LedgerEntry e = ledger.find("pcp|10.0.0.1", tcpKey(8081)).orElseThrow();
        assertEquals(LedgerEntry.State.CONFIRMED, e.state());
        assertEquals(80, e.mapping().internalPort());
        assertEquals("web", e.mapping().description());
    }

    @Test
    void anAddTheRouterRefusesLeavesNoRecordAndOneThatTimesOutStaysPending() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Ledger ledger = ledger("s1");
        Router r = open(engine(ledger), f);
        f.failNext("AddPortMapping", 1, 606);
        assertThrows(UpnpException.class, () -> r.add(tcp(8080, CLIENT, 80, "web"), Progress.NONE));
        assertEquals(List.of(), ledger.entries(), "606: the router said no, nothing to remember");

        f.addFault(net.portforward.testing.FaultRule.dropConnection("AddPortMapping").times(1));
        assertThrows(PortForwardException.class, () -> r.add(tcp(8081, CLIENT, 81, "web"), Progress.NONE));
        assertEquals(LedgerEntry.State.PENDING, ledger.find(r.recordId(), tcpKey(8081)).orElseThrow().state(),
                "no answer: the router may have made it, so the record stays for the next launch to check");
    }

    @Test
    void deleteEditAndDisableKeepTheRecordTrue() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Ledger ledger = ledger("s1");
        Router r = open(engine(ledger), f);
        r.add(tcp(8080, CLIENT, 80, "web"), Progress.NONE);
        r.edit(tcpKey(8080), tcp(8080, CLIENT, 81, "web 2"), Progress.NONE);
        assertEquals(81, ledger.find(r.recordId(), tcpKey(8080)).orElseThrow().mapping().internalPort());
        r.setEnabled(tcpKey(8080), false, Progress.NONE);
        assertEquals(false, ledger.find(r.recordId(), tcpKey(8080)).orElseThrow().mapping().enabled());
        r.delete(tcpKey(8080), Progress.NONE);
        assertEquals(List.of(), ledger.entries());
    }

    @Test
    void concurrentChangesFromThreadsAndTwoProcessesLoseNothing() throws Exception {
        // Two ledgers on one folder stand for the window and a command line running at once.
        Ledger a = ledger("a");
        Ledger b = ledger("b");
        ExecutorService ex = Executors.newFixedThreadPool(8);
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Ledger l = t % 2 == 0 ? a : b;
            int base = 10000 + t * 100;
            jobs.add(ex.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    PortMapping m = tcp(base + i, CLIENT, base + i, "t");
                    l.adding("router", m, Retention.KEEP);
                    l.added("router", m, m, Retention.KEEP);
                    if (i % 5 == 4) {
                        l.forget("router", m.key());
                    }
                }
                return null;
            }));
        }
        for (Future<?> j : jobs) {
            j.get(60, TimeUnit.SECONDS);
        }
        ex.shutdown();
        Set<MappingKey> keys = new HashSet<>();
        a.entries().forEach(e -> keys.add(e.key()));
        assertEquals(8 * 12, keys.size(), "every change of every thread survived");
        assertEquals(8 * 12, a.entries().size(), "and none twice");
        assertTrue(a.entries().stream().allMatch(e -> e.state() == LedgerEntry.State.CONFIRMED));
    }

    @Test
    void aTornTemporaryFileOrLineDoesNotLoseTheRecord() throws Exception {
        Ledger l = ledger("s1");
        for (int p = 9000; p < 9003; p++) {
            l.adding("router", tcp(p, CLIENT, p, "x"), Retention.KEEP);
            l.added("router", tcp(p, CLIENT, p, "x"), tcp(p, CLIENT, p, "x"), Retention.KEEP);
        }
        Path file = dataDir.resolve(Ledger.FILE);
        String whole = Files.readString(file);
        // A crash in the middle of a write: the temporary file holds half the new text.
        Files.writeString(dataDir.resolve(Ledger.FILE + ".tmp"), whole.substring(0, whole.length() / 2));
        assertEquals(3, ledger("s2").entries().size(), "the half-written temporary file is not read");
        // A file system that tore the last line: the whole lines still count.
        int lastLine = whole.lastIndexOf('\n', whole.length() - 2) + 1;
        Files.writeString(file, whole.substring(0, lastLine + 30), StandardCharsets.UTF_8);
        assertEquals(2, ledger("s2").entries().size());
        // And the next write works over the torn temporary file.
        l.adding("router", tcp(9005, CLIENT, 9005, "y"), Retention.KEEP);
        assertEquals(3, ledger("s3").entries().size());
        assertTrue(Files.notExists(dataDir.resolve(Ledger.FILE + ".tmp")));
    }

    @Test
    void temporaryMappingsOfACrashedSessionAreOfferedAndRemoved() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Ledger crashed = ledger("crashed");
        Router r1 = open(engine(crashed), f);
        r1.add(tcp(8080, CLIENT, 80, "tmp"), Retention.FOR_NOW, Progress.NONE);
        r1.add(tcp(8081, CLIENT, 81, "tmp"), Retention.FOR_NOW, Progress.NONE);
        r1.add(tcp(8082, CLIENT, 82, "keep"), Retention.KEEP, Progress.NONE);
        r1.add(tcp(8083, CLIENT, 83, "tmp, taken since"), Retention.FOR_NOW, Progress.NONE);
        f.preload(FakeMapping.tcp(8083, OTHER_CLIENT, 83, "someone else's"));

        Ledger next = ledger("next");
        assertEquals(List.of(), next.leftovers(), "the first session still runs: nothing is left over");
        dead.add("crashed");
        List<LedgerEntry> left = next.leftovers(r1.recordId());
        assertEquals(Set.of(8080, 8081, 8083), ports(left), "its temporary ones, not the kept one");

        Router r2 = open(engine(next), f);
        List<MappingResult> results = new Leftovers(next).remove(r2, left, Progress.NONE);
        assertEquals(List.of(MappingResult.Kind.REMOVED, MappingResult.Kind.REMOVED, MappingResult.Kind.TAKEN),
                results.stream().map(MappingResult::kind).toList());
        assertTrue(f.mapping("TCP", 8080).isEmpty() && f.mapping("TCP", 8081).isEmpty());
        assertEquals(OTHER_CLIENT, f.mapping("TCP", 8083).orElseThrow().internalClient(), "another device's: left alone");
        assertTrue(f.mapping("TCP", 8082).isPresent(), "kept");
        assertEquals(List.of(), next.leftovers());
        assertEquals(Set.of(8082), ports(next.entries()));
        assertTrue(Files.notExists(dataDir.resolve("sessions/crashed")), "nothing left of it: its marker goes too");
    }

    @Test
    void leftoversTheUserKeepsBecomeKeptMappings() throws Exception {
        Ledger crashed = ledger("crashed");
        PortMapping m = tcp(8080, CLIENT, 80, "tmp");
        crashed.adding("router", m, Retention.FOR_NOW);
        crashed.added("router", m, m, Retention.FOR_NOW);
        dead.add("crashed");
        Ledger next = ledger("next");
        new Leftovers(next).keep(next.leftovers());
        assertEquals(List.of(), next.leftovers());
        assertEquals(Retention.KEEP, next.entries().get(0).retention());
    }

    @Test
    void aCleanEndRemovesThisSessionsTemporaryMappingsOnly() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Ledger ledger = ledger("s1");
        Router r = open(engine(ledger), f);
        r.add(tcp(8080, CLIENT, 80, "tmp"), Retention.FOR_NOW, Progress.NONE);
        r.add(tcp(8082, CLIENT, 82, "keep"), Retention.KEEP, Progress.NONE);
        List<MappingResult> results = new Leftovers(ledger).removeMine(r, Progress.NONE);
        ledger.close();
        assertEquals(1, results.size());
        assertTrue(f.mapping("TCP", 8080).isEmpty());
        assertTrue(f.mapping("TCP", 8082).isPresent());
        assertTrue(Files.notExists(dataDir.resolve("sessions/s1")));
    }

    @Test
    void keptMappingsComeBackAfterARouterRebootWithoutOverwritingAnyone() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Ledger ledger = ledger("s1");
        Router r = open(engine(ledger), f);
        r.add(tcp(8080, CLIENT, 80, "kept"), Progress.NONE);
        r.add(tcp(8081, CLIENT, 81, "kept too"), Progress.NONE);
        r.add(tcp(8082, CLIENT, 82, "for now"), Retention.FOR_NOW, Progress.NONE);
        r.setEnabled(tcpKey(8081), false, Progress.NONE); // switched off: not to be put back
        f.restart(); // a reboot: empty table
        f.preload(FakeMapping.tcp(8090, CLIENT, 90, "unrelated"));
        r.add(tcp(8083, CLIENT, 83, "kept, taken after reboot"), Progress.NONE);
        f.restart();
        f.preload(FakeMapping.tcp(8083, OTHER_CLIENT, 83, "someone else's"));

        List<MappingResult> results = new KeptMappings(ledger).restoreMissing(r);

        assertEquals(List.of(MappingResult.Kind.RESTORED, MappingResult.Kind.TAKEN),
                results.stream().map(MappingResult::kind).toList(), results.toString());
        assertEquals("kept", f.mapping("TCP", 8080).orElseThrow().description());
        assertEquals(OTHER_CLIENT, f.mapping("TCP", 8083).orElseThrow().internalClient());
        assertTrue(f.mapping("TCP", 8082).isEmpty(), "a temporary one is not put back");
        assertTrue(f.mapping("TCP", 8081).isEmpty(), "a switched-off one is not put back");
        assertEquals(List.of(MappingResult.Kind.PRESENT, MappingResult.Kind.TAKEN),
                new KeptMappings(ledger).restoreMissing(r).stream().map(MappingResult::kind).toList(),
                "a second check finds it there");
    }

    @Test
    void aRouterThatTakesOnlyPermanentMappingsIsRecordedAsPermanent() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd1().fault(net.portforward.testing.FaultRule.onlyPermanentLeases()));
        Ledger ledger = ledger("s1");
        Router r = open(engine(ledger), f);
        var outcome = r.add(tcp(8080, CLIENT, 80, "x").withLease(Duration.ofSeconds(600)), Progress.NONE);
        assertTrue(outcome.notes().stream().anyMatch(n -> n.english().contains("permanent")), outcome.notes().toString());
        LedgerEntry e = ledger.entries().get(0);
        assertTrue(e.mapping().permanent());
        assertTrue(e.renewAt().isEmpty(), "nothing to renew");
    }

    private static Set<Integer> ports(List<LedgerEntry> entries) {
        Set<Integer> out = new HashSet<>();
        entries.forEach(e -> out.add(e.mapping().externalPort()));
        return out;
    }
}
