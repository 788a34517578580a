package net.portforward.engine.portcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import net.portforward.engine.portcontrol.EpochCheck.Verdict;
import net.portforward.testing.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 6887 section 8.5's epoch check, on a clock the test moves. */
class EpochTrackerTest {
    private MovableClock clock;
    private EpochTracker tracker;

    @BeforeEach
    void setUp() {
        clock = MovableClock.at(Instant.parse("2024-05-01T10:00:00Z"));
        tracker = new EpochTracker(clock);
    }

    @Test
    void firstSightIsValid() {
        EpochCheck c = tracker.observe(2102);
        assertEquals(new EpochCheck(Verdict.FIRST_SIGHT, -1, 2102, Duration.ZERO), c);
        assertFalse(c.gatewayLostState());
    }

    @Test
    void normalAdvance() {
        tracker.observe(2102);
        clock.advance(Duration.ofSeconds(3600));
        EpochCheck c = tracker.observe(2102 + 3600);
        assertEquals(new EpochCheck(Verdict.CONSISTENT, 2102, 5702, Duration.ofSeconds(3600)), c);
        assertFalse(c.gatewayLostState());
    }

    @Test
    void goingBackAfterARestart() {
        tracker.observe(5000);
        clock.advance(Duration.ofSeconds(30));
        EpochCheck c = tracker.observe(12);
        assertEquals(Verdict.WENT_BACK, c.verdict());
        assertTrue(c.gatewayLostState());
        // The restarted gateway's epoch is the new baseline.
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Verdict.CONSISTENT, tracker.observe(22).verdict());
    }

    @Test
    void oneSecondBackIsReorderingNotARestart() {
        tracker.observe(5000);
        assertEquals(Verdict.CONSISTENT, tracker.observe(4999).verdict());
        tracker.observe(5000);
        assertEquals(Verdict.WENT_BACK, tracker.observe(4998).verdict());
    }

    @Test
    void advancingMuchSlowerThanOurClock() {
        // It restarted within the gap and its epoch has not yet caught up with the old one.
        tracker.observe(1000);
        clock.advance(Duration.ofSeconds(1600));
        EpochCheck c = tracker.observe(1200);
        assertEquals(Verdict.TOO_SLOW, c.verdict());
        assertEquals(Duration.ofSeconds(1600), c.ourElapsed());
        assertTrue(c.gatewayLostState());
    }

    @Test
    void advancingMuchFasterThanOurClock() {
        tracker.observe(1000);
        clock.advance(Duration.ofSeconds(60));
        assertEquals(Verdict.TOO_FAST, tracker.observe(1000 + 3600).verdict());
    }

    @Test
    void boundsAreASixteenthPlusTwoSecondsEitherWay() {
        // Client 160 s: the server may show 160 - 10 - 2 = 148 s at the least.
        tracker.observe(0);
        clock.advance(Duration.ofSeconds(160));
        assertEquals(Verdict.CONSISTENT, tracker.observe(148).verdict());
        clock.advance(Duration.ofSeconds(160));
        assertEquals(Verdict.TOO_SLOW, tracker.observe(148 + 147).verdict());
        // Client 162 s: the server may show 162 + 2 + 10 = 174 s at the most (174 - 174/16 = 164).
        clock.advance(Duration.ofSeconds(162));
        assertEquals(Verdict.CONSISTENT, tracker.observe(295 + 174).verdict());
        clock.advance(Duration.ofSeconds(162));
        assertEquals(Verdict.TOO_FAST, tracker.observe(469 + 175).verdict());
    }

    @Test
    void answersStampedWithTheirArrivalCount() {
        Instant t0 = clock.instant();
        tracker.observe(100, t0);
        assertEquals(Verdict.CONSISTENT, tracker.observe(160, t0.plusSeconds(60)).verdict());
        // Fed late, stamped before the last one: none of our time passed, so +2 s at most.
        assertEquals(Verdict.CONSISTENT, tracker.observe(161, t0.plusSeconds(30)).verdict());
    }

    @Test
    void resetMakesTheNextAFirstSight() {
        tracker.observe(5000);
        tracker.reset();
        assertEquals(Verdict.FIRST_SIGHT, tracker.observe(3).verdict());
    }

    @Test
    void epochsAreThirtyTwoBitUnsigned() {
        assertEquals(Verdict.FIRST_SIGHT, tracker.observe(0xFFFF_FFFFL).verdict());
        assertThrows(IllegalArgumentException.class, () -> tracker.observe(-1));
        assertThrows(IllegalArgumentException.class, () -> tracker.observe(0x1_0000_0000L));
    }
}
