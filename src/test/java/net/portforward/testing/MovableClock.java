package net.portforward.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves on: from a fixed instant, or from the real time (for code that also waits
 * on real timers, such as a watch's polls), plus whatever the test added.
 */
public final class MovableClock extends Clock {
    private final Instant fixed; // null: the real time
    private volatile Duration offset = Duration.ZERO;

    private MovableClock(Instant fixed) {
        this.fixed = fixed;
    }

    public static MovableClock at(Instant start) {
        return new MovableClock(start);
    }

    public static MovableClock fromNow() {
        return new MovableClock(null);
    }

    public void advance(Duration d) {
        offset = offset.plus(d);
    }

    @Override
    public Instant instant() {
        return (fixed == null ? Instant.now() : fixed).plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
