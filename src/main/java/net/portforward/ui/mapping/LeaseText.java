package net.portforward.ui.mapping;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import net.portforward.config.Durations;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.mapping.MappingRules;

/**
 * A lease as the Add/Edit dialog shows and reads it: "2 h", "90 min", "1 day 12 h", in the grammar
 * of {@link Durations}, where a bare number typed here means hours.
 */
final class LeaseText {
    private LeaseText() {
    }

    /** Reads a typed lease: parts like "2 h", "90 min", "1 day"; a bare number is hours. */
    static Optional<Duration> parse(String text) {
        // Routers count leases in whole seconds.
        return Durations.parse(text, ChronoUnit.HOURS).map(d -> Duration.ofSeconds(Math.round(d.toMillis() / 1000.0)));
    }

    /** "1 day 2 h", "59 min": to the nearest minute, which is all a lease left needs. */
    static String format(Duration d) {
        return Durations.lease(d);
    }

    /** The typed lease with the reason when it cannot be used; the upper bound is the engine's. */
    static Duration parseChecked(String text) throws InvalidInputException {
        Duration d = parse(text).orElseThrow(() -> new InvalidInputException(MappingForm.text("lease.unreadable")));
        if (d.isZero()) {
            throw new InvalidInputException(MappingForm.text("lease.zero"));
        }
        if (d.compareTo(MappingRules.MAX_LEASE) > 0) {
            throw new InvalidInputException(MappingForm.text("lease.tooLong", Long.toString(MappingRules.MAX_LEASE.toDays())));
        }
        return d;
    }

}
