package net.portforward.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.discovery.DiscoveryPolicy;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.engine.pinhole.Ipv6Network;
import net.portforward.engine.pinhole.PinholeKey;
import net.portforward.engine.pinhole.Pinholes;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.EngineFixture;
import net.portforward.testing.FakeFirewall;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.Test;

/**
 * The record of PortForward's pinholes (pinholes.tsv): kept and for now, renewed at half their
 * lease, opened again after a router restart, closed at the session's end, offered after a crash;
 * and ledger files from before pinholes still load.
 */
class PinholeLedgerTest extends LedgerFixture {
    private static final PinholeKey TCP_8080 = new PinholeKey(Protocol.TCP, 8080);

    private FakeRouter router;

    private Pinholes pinholes(PinholeLedger ledger) throws Exception {
        router = fake(FakeRouter.Options.igd2().ipv6Firewall());
        return pinholes(ledger, router);
    }

    private Pinholes pinholes(PinholeLedger ledger, FakeRouter f) throws Exception {
        Ipv6Network net = Ipv6Network.loopback(f.firewall().ssdpAddress(), 9);
        PortForwardEngine e = new PortForwardEngine(EngineFixture.withIpv6(dataDir, net), ledger.ledger());
        closing.add(e);
        return e.pinholes(e.connect(f.location(), Progress.NONE).get(0), ledger, Progress.NONE);
    }

    private FakeFirewall firewall() {
        return router.firewall();
    }

    /** Moves our clock and the router's pinhole leases together, one second at a time. */
    private void pass(int seconds) {
        for (int i = 0; i < seconds; i++) {
            firewall().advance(Duration.ofSeconds(1));
            time.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void anOpenedPinholeIsRecordedWithItsIdAddressAndLeaseBesideTheLedger() throws Exception {
        Files.writeString(dataDir.resolve(Ledger.FILE), "# PortForward ledger 1: router protocol externalPort client"
                + " internalPort enabled leaseSeconds description remoteHost retention state session createdAt"
                + " grantedSeconds confirmedAt\nuuid:r|WANIPConn1|/ctl/IPConn\tTCP\t25565\t192.168.1.23\t25565\ttrue"
                + "\t0\tMinecraft\t\tKEEP\tCONFIRMED\told\t1700000000000\t0\t1700000000000\n");
        String ledgerBefore = Files.readString(dataDir.resolve(Ledger.FILE));
        PinholeLedger ledger = new PinholeLedger(ledger("s1"));
        Pinholes p = pinholes(ledger);

        p.open(Protocol.TCP, 8080, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE);

        PinholeEntry e = ledger.entry(p.recordId(), TCP_8080).orElseThrow();
        assertEquals(InetAddress.getByName("::1"), e.address());
        assertEquals(String.valueOf(firewall().pinhole(8080, 6).orElseThrow().id()), e.id().orElseThrow().text());
        assertEquals(Duration.ofHours(1), e.lease());
        assertEquals(LedgerEntry.State.CONFIRMED, e.state());
        assertEquals(time.instant().plus(Duration.ofHours(1)), e.leaseEnd().orElseThrow());
        assertTrue(Files.readString(ledger.file()).contains("\tTCP\t8080\t::1\t"), Files.readString(ledger.file()));
        // ledger.tsv is left as it was, and still loads
        assertEquals(ledgerBefore, Files.readString(dataDir.resolve(Ledger.FILE)));
        assertEquals(List.of(25565), ledger.ledger().entries().stream().map(x -> x.key().externalPort()).toList());
    }

    @Test
    void linesThatDoNotReadWholeAreSkippedTheOthersCount() throws Exception {
        PinholeLedger ledger = new PinholeLedger(ledger("s1"));
        Files.writeString(ledger.file(), "# PortForward pinholes 1\n"
                + "r\tTCP\t8080\t2001:db8:77::10\t7\t3600\tKEEP\tCONFIRMED\ts1\t1\t3600\t1\t0\n"
                + "r\tTCP\t8081\tnot-an-address\t8\t3600\tKEEP\tCONFIRMED\ts1\t1\t3600\t1\t0\n"
                + "r\tUDP\t27015\t2001:db8:77::10\tpcp:0102030405060708090a0b0c\t3600\tFOR_NOW\tCONFIRMED\ts1\t1\t3600\t1"
                + "\t27015\n"
                + "torn line\n");
        List<PinholeEntry> entries = ledger.entries();
        assertEquals(2, entries.size());
        assertEquals("pcp:0102030405060708090a0b0c", entries.get(1).id().orElseThrow().text());
        assertEquals(27015, entries.get(1).forwardPort());
        assertEquals(entries.get(0), PinholeLedger.parse(PinholeLedger.format(entries.get(0))).orElseThrow());
    }

    @Test
    void renewedAtHalfItsLeaseNeverExpires() throws Exception {
        PinholeLedger ledger = new PinholeLedger(ledger("s1"));
        Pinholes p = pinholes(ledger);
        p.open(Protocol.TCP, 8080, Duration.ofSeconds(60), Retention.KEEP, 0, Progress.NONE);
        router.clearCalls();
        List<PinholeResult> reported = new ArrayList<>();
        PinholeRenewer renewer = new PinholeRenewer(ledger, () -> Optional.of(p), time, reported::addAll);
        closing.add(renewer);
        renewer.start();

        pass(29);
        assertEquals(0, router.callCount("UpdatePinhole"), "not before half the lease");
        pass(1);
        assertEquals(1, router.callCount("UpdatePinhole"), "at 30 s of 60");
        assertEquals(60, firewall().pinhole(8080, 6).orElseThrow().leaseSeconds());
        pass(300);
        assertEquals(11, router.callCount("UpdatePinhole"), "every 30 s, no more");
        assertTrue(firewall().pinhole(8080, 6).isPresent(), "never expired");
        assertTrue(reported.stream().allMatch(r -> r.kind() == MappingResult.Kind.RENEWED), reported.toString());
    }

    @Test
    void keptPinholesAreOpenedAgainAfterARouterRestart() throws Exception {
        PinholeLedger ledger = new PinholeLedger(ledger("s1"));
        Pinholes p = pinholes(ledger);
        p.open(Protocol.TCP, 8080, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE);
        p.open(Protocol.UDP, 27015, Duration.ofHours(1), Retention.FOR_NOW, 0, Progress.NONE);
        router.restart();

        List<PinholeResult> results = new PinholeKeeper(ledger).restoreKept(p, Progress.NONE);

        assertEquals(List.of(MappingResult.Kind.RESTORED), results.stream().map(PinholeResult::kind).toList());
        assertTrue(firewall().pinhole(8080, 6).isPresent());
        assertTrue(firewall().pinhole(27015, 17).isEmpty(), "a temporary one is not put back by a restore");
        assertEquals(String.valueOf(firewall().pinhole(8080, 6).orElseThrow().id()),
                ledger.entry(p.recordId(), TCP_8080).orElseThrow().id().orElseThrow().text());
    }

    @Test
    void temporaryPinholesCloseWithTheSessionAndACrashedOnesAreOffered() throws Exception {
        PinholeLedger first = new PinholeLedger(ledger("s1"));
        Pinholes p = pinholes(first);
        p.open(Protocol.TCP, 8080, Duration.ofHours(1), Retention.FOR_NOW, 0, Progress.NONE);
        p.open(Protocol.TCP, 8081, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE);
        assertEquals(1, first.mine(p.recordId()).size());
        assertTrue(first.leftovers().isEmpty(), "a running session's pinholes are not leftovers");

        dead.add("s1"); // the process was killed
        PinholeLedger second = new PinholeLedger(ledger("s2"));
        List<PinholeEntry> left = second.leftovers();
        assertEquals(List.of(TCP_8080), left.stream().map(PinholeEntry::key).toList());
        List<PinholeResult> closed = new PinholeKeeper(second).close(pinholes(second, router), left, Progress.NONE);
        assertEquals(List.of(MappingResult.Kind.REMOVED), closed.stream().map(PinholeResult::kind).toList());
        assertTrue(firewall().pinhole(8080, 6).isEmpty());
        assertTrue(firewall().pinhole(8081, 6).isPresent(), "kept ones stay");
        assertTrue(second.leftovers().isEmpty());
    }

    @Test
    void aCleanEndClosesThisSessionsTemporaryPinholesOnly() throws Exception {
        PinholeLedger ledger = new PinholeLedger(ledger("s1"));
        Pinholes p = pinholes(ledger);
        p.open(Protocol.TCP, 8080, Duration.ofHours(1), Retention.FOR_NOW, 0, Progress.NONE);
        p.open(Protocol.TCP, 8081, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE);
        List<PinholeResult> results = new PinholeKeeper(ledger).closeMine(p, Progress.NONE);
        assertEquals(1, results.size());
        assertFalse(firewall().pinhole(8080, 6).isPresent());
        assertTrue(firewall().pinhole(8081, 6).isPresent());
        assertEquals(List.of(new PinholeKey(Protocol.TCP, 8081)),
                ledger.forRouter(p.recordId()).stream().map(PinholeEntry::key).toList());
    }

    @Test
    void aRefusedPinholeLeavesNoRecordAnUnansweredOneStaysPending() throws Exception {
        PinholeLedger ledger = new PinholeLedger(ledger("s1"));
        Pinholes p = pinholes(ledger);
        router.failNext("AddPinhole", 1, 701);
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> p.open(Protocol.TCP, 8080, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE));
        assertTrue(ledger.entries().isEmpty());
        router.addFault(net.portforward.testing.FaultRule.dropConnection("AddPinhole").times(1));
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> p.open(Protocol.TCP, 8080, Duration.ofHours(1), Retention.KEEP, 0, Progress.NONE));
        assertEquals(LedgerEntry.State.PENDING, ledger.entry(p.recordId(), TCP_8080).orElseThrow().state());
    }
}
