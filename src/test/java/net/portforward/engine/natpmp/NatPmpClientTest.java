package net.portforward.engine.natpmp;

import static net.portforward.engine.portcontrol.PortControlTestSupport.LOOPBACK;
import static net.portforward.engine.portcontrol.PortControlTestSupport.cancelWhen;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.portcontrol.DropReason;
import net.portforward.engine.portcontrol.EpochCheck;
import net.portforward.engine.portcontrol.EpochTracker;
import net.portforward.engine.portcontrol.NoAnswerException;
import net.portforward.engine.portcontrol.PortControlTestSupport;
import net.portforward.engine.portcontrol.RetransmitSchedule;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakePcpServer;
import net.portforward.testing.FakePcpServer.Forgery;
import net.portforward.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The NAT-PMP client against the in-process fake gateway on 127.0.0.1. */
class NatPmpClientTest {
    static final Duration OPERATION = Duration.ofSeconds(5);
    /** RFC 6886's doubling with 20 ms instead of 250 ms, for tests that lose requests on purpose. */
    static final RetransmitSchedule FAST = RetransmitSchedule.doubling(Duration.ofMillis(20), 9);

    private FakePcpServer fake;
    private MovableClock clock;

    @BeforeEach
    void start() {
        fake = FakePcpServer.start();
        clock = MovableClock.at(Instant.parse("2024-05-01T10:00:00Z"));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private NatPmpClient client(RetransmitSchedule schedule) {
        return new NatPmpClient(fake.address(), LOOPBACK, clock, schedule);
    }

    @Test
    void externalAddress() throws Exception {
        fake.epoch(2102);
        NatPmpExternalAddress a = client(NatPmpClient.RFC_SCHEDULE).externalAddress(OPERATION, Progress.NONE);
        assertEquals(new NatPmpExternalAddress(InetAddress.getByName("203.0.113.9"), 2102, clock.instant()), a);
        assertArrayEquals(new byte[] {0, 0}, fake.requests().get(0).data());
    }

    @Test
    void theGatewayMayGrantAnotherPortThanSuggested() throws Exception {
        fake.assignPort(40000);
        NatPmpMapping m = client(NatPmpClient.RFC_SCHEDULE).map(Protocol.TCP, 31050, 31050, Duration.ofHours(2),
                OPERATION, Progress.NONE);
        assertEquals(new NatPmpMapping(Protocol.TCP, 31050, 40000, Duration.ofHours(2), 1000, clock.instant()), m);
        assertEquals(40000, fake.mapping(6, 31050).orElseThrow().externalPort());
    }

    @Test
    void unmapSendsLifetimeAndPortZeroAndTheGatewayForgets() throws Exception {
        NatPmpClient c = client(NatPmpClient.RFC_SCHEDULE);
        c.map(Protocol.UDP, 27015, 0, Duration.ofMinutes(10), OPERATION, Progress.NONE);
        assertEquals(27015, fake.mapping(17, 27015).orElseThrow().externalPort(), "suggested 0: the internal port");
        NatPmpMapping removed = c.unmap(Protocol.UDP, 27015, OPERATION, Progress.NONE);
        assertTrue(removed.removed());
        assertEquals(0, removed.externalPort());
        assertEquals(List.of(), fake.mappings());
        byte[] last = fake.requests().get(1).data();
        assertArrayEquals(new byte[] {0, 1, 0, 0, 0x69, (byte) 0x87, 0, 0, 0, 0, 0, 0}, last);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 0xFFFF})
    void everyErrorCodeIsTyped(int code) {
        fake.answerWith(code).epoch(77);
        NatPmpClient c = client(NatPmpClient.RFC_SCHEDULE);
        NatPmpException a = assertThrows(NatPmpException.class, () -> c.externalAddress(OPERATION, Progress.NONE));
        NatPmpException m = assertThrows(NatPmpException.class,
                () -> c.map(Protocol.TCP, 8080, 8080, Duration.ofHours(1), OPERATION, Progress.NONE));
        for (NatPmpException e : List.of(a, m)) {
            assertEquals(code, e.code());
            assertEquals(NatPmpResultCode.of(code), e.known());
            assertEquals(77, e.epoch(), "an error answer still carries the epoch");
        }
        assertEquals(code == 2, m.is(NatPmpResultCode.NOT_AUTHORIZED));
        assertEquals(List.of(), fake.mappings());
    }

    @Test
    void lostRequestsAreSentAgainUntilOneIsAnswered() throws Exception {
        fake.loseNext(3);
        NatPmpMapping m = client(FAST).map(Protocol.TCP, 8080, 8080, Duration.ofHours(1), OPERATION, Progress.NONE);
        assertEquals(8080, m.externalPort());
        assertEquals(4, fake.requestCount());
        byte[] first = fake.requests().get(0).data();
        fake.requests().forEach(r -> assertArrayEquals(first, r.data(), "a retransmission is the same request"));
    }

    @Test
    void retransmissionsFollowTheRfcScheduleWithinTheDeadline() throws Exception {
        // Tries at 0, 250 and 750 ms; the fourth would go at 1750 ms, after the 1.2 s deadline.
        fake.loseNext(Integer.MAX_VALUE);
        long start = System.nanoTime();
        NoAnswerException e = assertThrows(NoAnswerException.class,
                () -> client(NatPmpClient.RFC_SCHEDULE).externalAddress(Duration.ofMillis(1200), Progress.NONE));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        // Never the fourth; on a loaded machine the third may miss the deadline too.
        int sent = e.requestsSent();
        assertTrue(sent == 2 || sent == 3, "tries sent: " + sent);
        assertTrue(fake.awaitRequests(sent, Duration.ofSeconds(2)));
        assertEquals(sent, fake.requestCount());
        assertTrue(tookMs >= 1150, "gave up after " + tookMs + " ms of a 1200 ms budget");
        assertEquals("NAT-PMP", e.protocol());
        assertEquals(Duration.ofMillis(1200), e.deadline());
    }

    @Test
    void aProbesShortBudgetSendsOnceAndEndsOnTime() throws Exception {
        fake.loseNext(Integer.MAX_VALUE);
        long start = System.nanoTime();
        NoAnswerException e = assertThrows(NoAnswerException.class,
                () -> client(NatPmpClient.RFC_SCHEDULE).externalAddress(Duration.ofMillis(200), Progress.NONE));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, e.requestsSent());
        assertTrue(tookMs >= 190, "gave up after " + tookMs + " ms of a 200 ms budget");
    }

    @Test
    void atMostNineTriesEvenWithTimeLeft() throws Exception {
        fake.loseNext(Integer.MAX_VALUE);
        RetransmitSchedule quick = RetransmitSchedule.doubling(Duration.ofMillis(1), 9); // 511 ms in all
        NoAnswerException e = assertThrows(NoAnswerException.class,
                () -> client(quick).externalAddress(Duration.ofSeconds(20), Progress.NONE));
        assertEquals(9, e.requestsSent());
        assertTrue(fake.awaitRequests(9, Duration.ofSeconds(2)));
        assertEquals(9, fake.requestCount());
    }

    @Test
    void forgeriesAndJunkAreDroppedCountedAndTheGenuineAnswerWins() throws Exception {
        fake.assignPort(40001).forgeFirst(Forgery.FROM_OTHER_ADDRESS, Forgery.FROM_OTHER_PORT, Forgery.TRUNCATED,
                Forgery.NO_RESPONSE_BIT, Forgery.WRONG_OPCODE, Forgery.WRONG_PROTOCOL, Forgery.WRONG_INTERNAL_PORT);
        NatPmpClient c = client(NatPmpClient.RFC_SCHEDULE);
        NatPmpMapping m = c.map(Protocol.TCP, 31050, 31050, Duration.ofHours(1), OPERATION, Progress.NONE);
        assertEquals(40001, m.externalPort());
        assertEquals(1, fake.requestCount(), "the forgeries did not end the wait early nor cause a retry");
        assertEquals(Map.of(DropReason.FOREIGN_SOURCE, 2L, DropReason.MALFORMED, 2L, DropReason.NOT_OURS, 3L),
                c.dropped().snapshot());
    }

    @Test
    void aForgedErrorForAnotherPortDoesNotFailTheRequest() throws Exception {
        // An error answer still carries the internal port; one for another port is not ours.
        NatPmpClient c = client(NatPmpClient.RFC_SCHEDULE);
        fake.forgeFirst(Forgery.WRONG_INTERNAL_PORT).answerWith(2);
        assertThrows(NatPmpException.class, () -> c.map(Protocol.TCP, 31050, 0, Duration.ofHours(1), OPERATION,
                Progress.NONE));
        assertEquals(1, c.dropped().count(DropReason.NOT_OURS));
    }

    @Test
    void anAnswerAfterTheDeadlineIsTooLateAndDoesNotConfuseTheNextRequest() throws Exception {
        fake.delayAnswers(Duration.ofMillis(700)).epoch(5);
        NatPmpClient c = client(NatPmpClient.RFC_SCHEDULE);
        // The answer comes at 700 ms: a client that waited for it would have returned it.
        assertThrows(NoAnswerException.class, () -> c.externalAddress(Duration.ofMillis(300), Progress.NONE));
        fake.delayAnswers(Duration.ZERO).epoch(6);
        // The late answer (epoch 5) arrives meanwhile, at a socket that is closed.
        assertEquals(6, c.externalAddress(OPERATION, Progress.NONE).epoch());
        assertEquals(0, c.dropped().total());
    }

    @Test
    void duplicatedAnswersAreHarmless() throws Exception {
        fake.duplicateAnswers(true);
        NatPmpClient c = client(NatPmpClient.RFC_SCHEDULE);
        assertEquals(8080, c.map(Protocol.TCP, 8080, 0, Duration.ofHours(1), OPERATION, Progress.NONE).externalPort());
        assertTrue(c.unmap(Protocol.TCP, 8080, OPERATION, Progress.NONE).removed());
        assertEquals(List.of(), fake.mappings());
    }

    @Test
    void anEpochGoingBackSaysTheGatewayRestarted() throws Exception {
        EpochTracker tracker = new EpochTracker(clock);
        NatPmpClient c = client(NatPmpClient.RFC_SCHEDULE);
        fake.epoch(5000);
        NatPmpExternalAddress first = c.externalAddress(OPERATION, Progress.NONE);
        assertEquals(EpochCheck.Verdict.FIRST_SIGHT, tracker.observe(first.epoch(), first.receivedAt()).verdict());
        clock.advance(Duration.ofSeconds(60));
        fake.epoch(5060);
        NatPmpExternalAddress second = c.externalAddress(OPERATION, Progress.NONE);
        assertEquals(EpochCheck.Verdict.CONSISTENT, tracker.observe(second.epoch(), second.receivedAt()).verdict());
        clock.advance(Duration.ofSeconds(60));
        fake.epoch(4);
        NatPmpExternalAddress third = c.externalAddress(OPERATION, Progress.NONE);
        EpochCheck check = tracker.observe(third.epoch(), third.receivedAt());
        assertEquals(EpochCheck.Verdict.WENT_BACK, check.verdict());
        assertTrue(check.gatewayLostState());
    }

    @Test
    void cancelStopsTheWaitBetweenTries() throws Exception {
        fake.loseNext(Integer.MAX_VALUE);
        Progress cancelAfterFirst = cancelWhen(() -> fake.requestCount() >= 1);
        long start = System.nanoTime();
        assertThrows(CancelledException.class, () -> client(NatPmpClient.RFC_SCHEDULE)
                .externalAddress(Duration.ofSeconds(30), cancelAfterFirst));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2000, "Cancel took too long");
        assertEquals(1, fake.requestCount());
    }

    @Test
    void socketsAreClosedOnEveryPath() throws Exception {
        long before = PortControlTestSupport.openFileDescriptors();
        NatPmpClient c = client(FAST);
        for (int i = 0; i < 20; i++) {
            c.externalAddress(OPERATION, Progress.NONE);
            fake.answerWith(3);
            assertThrows(NatPmpException.class, () -> c.externalAddress(OPERATION, Progress.NONE));
            fake.answerWith(null).loseNext(Integer.MAX_VALUE);
            assertThrows(NoAnswerException.class, () -> c.externalAddress(Duration.ofMillis(5), Progress.NONE));
            fake.loseNext(0);
            assertThrows(CancelledException.class, () -> c.externalAddress(OPERATION, cancelWhen(() -> true)));
        }
        long after = PortControlTestSupport.openFileDescriptors();
        assertTrue(before < 0 || after - before < 10, "file descriptors " + before + " -> " + after);
    }

    @Test
    void natPmpIsIpv4Only() throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> new NatPmpClient(InetAddress.getByName("::1"), InetAddress.getByName("::1")));
        assertThrows(IllegalArgumentException.class, () -> client(FAST).map(Protocol.TCP, 80, 80, Duration.ZERO,
                OPERATION, Progress.NONE));
    }
}
