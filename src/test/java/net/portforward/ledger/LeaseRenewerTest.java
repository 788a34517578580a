package net.portforward.ledger;

import static net.portforward.engine.EngineTestSupport.CLIENT;
import static net.portforward.engine.EngineTestSupport.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.Router;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.Test;

/** Renewal at half the lease, on a fake clock that moves the fake router's lease clock with it. */
class LeaseRenewerTest extends LedgerFixture {
    private final List<MappingResult> reported = new ArrayList<>();

    private LeaseRenewer renewer(Ledger ledger, Router r, FakeRouter f) {
        LeaseRenewer renewer = new LeaseRenewer(ledger, () -> Optional.of(r), time, reported::addAll);
        closing.add(renewer);
        return renewer;
    }

    /** Moves our clock and the router's together, one second at a time. */
    private void pass(FakeRouter f, int seconds) {
        for (int i = 0; i < seconds; i++) {
            f.advanceClock(Duration.ofSeconds(1));
            time.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void aLeasedMappingIsRenewedAtHalfItsLeaseAndNeverExpires() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Ledger ledger = ledger("s1");
        Router r = open(engine(ledger), f);
        r.add(tcp(8080, CLIENT, 80, "leased").withLease(Duration.ofSeconds(60)), Retention.KEEP, Progress.NONE);
        f.clearCalls();
        renewer(ledger, r, f).start();

        pass(f, 29);
        assertEquals(0, f.callCount("AddPortMapping"), "not before half the lease");
        assertEquals(31, f.mapping("TCP", 8080).orElseThrow().leaseSeconds());
        pass(f, 1);
        assertEquals(1, f.callCount("AddPortMapping"), "at 30 s of 60");
        assertEquals(60, f.mapping("TCP", 8080).orElseThrow().leaseSeconds(), "the lease went back up");
        assertEquals(List.of(MappingResult.Kind.RENEWED), reported.stream().map(MappingResult::kind).toList());

        pass(f, 29);
        assertEquals(1, f.callCount("AddPortMapping"));
        pass(f, 1);
        assertEquals(2, f.callCount("AddPortMapping"), "again 30 s after the renewal");
        pass(f, 300);
        assertEquals(12, f.callCount("AddPortMapping"), "every 30 s, no more");
        assertTrue(f.mapping("TCP", 8080).isPresent(), "never expired");
        assertEquals(time.instant().plusSeconds(60), ledger.entries().get(0).leaseEnd().orElseThrow());
    }

    @Test
    void permanentOnesAndACrashedSessionsTemporaryOnesAreNotRenewed() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        Ledger old = ledger("old");
        Router rOld = open(engine(old), f);
        rOld.add(tcp(8081, CLIENT, 81, "old tmp").withLease(Duration.ofSeconds(40)), Retention.FOR_NOW, Progress.NONE);
        dead.add("old");
        Ledger ledger = ledger("s1");
        Router r = open(engine(ledger), f);
        r.add(tcp(8080, CLIENT, 80, "permanent"), Retention.KEEP, Progress.NONE);
        r.add(tcp(8082, CLIENT, 82, "mine tmp").withLease(Duration.ofSeconds(40)), Retention.FOR_NOW, Progress.NONE);
        f.clearCalls();
        renewer(ledger, r, f).start();

        pass(f, 45);
        assertEquals(List.of("TCP 8082", "TCP 8082"), f.calls("AddPortMapping").stream()
                .map(c -> "TCP " + c.arg("NewExternalPort")).toList(), "at 20 s and 40 s: this session's only");
        assertTrue(f.mapping("TCP", 8081).isEmpty(), "the crashed session's temporary one expired by itself");
        assertTrue(f.mapping("TCP", 8082).isPresent());
    }

    @Test
    void aRenewalThatFindsThePortTakenStopsAndSaysSo() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Ledger ledger = ledger("s1");
        Router r = open(engine(ledger), f);
        r.add(tcp(8080, CLIENT, 80, "leased").withLease(Duration.ofSeconds(20)), Retention.KEEP, Progress.NONE);
        f.restart();
        f.preload(FakeMapping.tcp(8080, "192.168.1.50", 80, "someone else"));
        renewer(ledger, r, f).start();
        pass(f, 10);
        assertEquals(List.of(MappingResult.Kind.TAKEN), reported.stream().map(MappingResult::kind).toList());
        assertEquals(List.of(), ledger.entries(), "ours is gone; the record goes");
        assertEquals("192.168.1.50", f.mapping("TCP", 8080).orElseThrow().internalClient());
    }

    @Test
    void aFailedRenewalIsRetriedNotHammered() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        Ledger ledger = ledger("s1");
        Router r = open(engine(ledger), f);
        r.add(tcp(8080, CLIENT, 80, "leased").withLease(Duration.ofSeconds(120)), Retention.KEEP, Progress.NONE);
        f.failNext("AddPortMapping", 1, 501);
        f.clearCalls();
        renewer(ledger, r, f).start();
        pass(f, 60);
        assertEquals(1, f.callCount("AddPortMapping"));
        assertEquals(MappingResult.Kind.FAILED, reported.get(0).kind());
        pass(f, 14);
        assertEquals(1, f.callCount("AddPortMapping"), "not again within " + LeaseRenewer.RETRY);
        pass(f, 1);
        assertEquals(2, f.callCount("AddPortMapping"));
        assertEquals(MappingResult.Kind.RENEWED, reported.get(1).kind());
    }
}
