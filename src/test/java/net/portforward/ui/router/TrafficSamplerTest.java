package net.portforward.ui.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.model.ByteCounters;
import net.portforward.ui.TaskRunner;
import org.junit.jupiter.api.Test;

/** The traffic graph's sampling, driven by a hand-stepped ticker and clock: no waiting. */
class TrafficSamplerTest {
    /** A ticker the test fires by hand. */
    static final class HandTicker implements TrafficSampler.Ticker {
        Runnable tick;
        Duration period;
        boolean closed;

        @Override
        public AutoCloseable every(Duration period, Runnable tick) {
            this.period = period;
            this.tick = tick;
            return () -> closed = true;
        }

        void fire() {
            if (!closed) {
                tick.run();
            }
        }
    }

    /** A clock the test moves. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2024-05-01T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandTicker ticker = new HandTicker();
    private final HandClock clock = new HandClock();
    private final Deque<Optional<ByteCounters>> answers = new ArrayDeque<>();
    private int reads;

    private TrafficSampler sampler() {
        return new TrafficSampler(TaskRunner.sameThread(), p -> {
            reads++;
            return answers.poll();
        }, ticker, clock);
    }

    @Test
    void twoReadingsTwoSecondsApartMakeARatePerSecond() {
        answers.add(Optional.of(new ByteCounters(1_000, 10_000)));
        answers.add(Optional.of(new ByteCounters(3_000, 50_000)));
        TrafficSampler s = sampler();

        s.start();
        assertEquals(TrafficSampler.PERIOD, ticker.period);
        assertTrue(s.rates().isEmpty(), "one reading is no rate yet");
        clock.now = clock.now.plusSeconds(2);
        ticker.fire();

        assertEquals(List.of(new TrafficSampler.Rate(clock.now, 20_000, 1_000)), s.rates());
        assertEquals(TrafficSampler.Availability.COUNTING, s.availabilityProperty().get());
    }

    @Test
    void a32BitCounterThatWrapsGivesTheTrafficAcrossTheWrap() {
        answers.add(Optional.of(new ByteCounters(0, ByteCounters.WRAP_32 - 1_000)));
        answers.add(Optional.of(new ByteCounters(0, 3_000)));
        TrafficSampler s = sampler();

        s.start();
        clock.now = clock.now.plusSeconds(2);
        ticker.fire();

        assertEquals(2_000, s.rates().get(0).receivedPerSecond());
    }

    @Test
    void aRouterWithoutCountersIsSaidSoAndNoLongerAsked() {
        answers.add(Optional.empty());
        TrafficSampler s = sampler();

        s.start();
        ticker.fire();

        assertEquals(TrafficSampler.Availability.NONE, s.availabilityProperty().get());
        assertTrue(ticker.closed);
        assertEquals(1, reads);
    }

    @Test
    void stoppingEndsTheTicksAndTheReads() {
        answers.add(Optional.of(new ByteCounters(1, 1)));
        TrafficSampler s = sampler();
        s.start();

        s.stop();
        ticker.fire();

        assertTrue(ticker.closed);
        assertEquals(1, reads);
        assertFalse(s.rates().size() > 0);
    }
}
