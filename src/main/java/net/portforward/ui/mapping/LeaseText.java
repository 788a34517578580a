package net.portforward.ui.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.mapping.MappingRules;

/** A lease as the Add/Edit dialog shows and reads it: "2 h", "90 min", "1 day 12 h"; a bare number is hours. */
final class LeaseText {
    /** One "number unit" part of a lease; the unit words are the ones {@link #format} writes. */
    private static final Pattern LEASE_PART = Pattern.compile(
            "(\\d{1,6}(?:[.,]\\d{1,3})?)\\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m)?\\s*", Pattern.CASE_INSENSITIVE);

    private LeaseText() {
    }

    /** Reads a typed lease: parts like "2 h", "90 min", "1 day"; a bare number is hours. */
    static Optional<Duration> parse(String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = LEASE_PART.matcher(t);
        BigDecimal seconds = BigDecimal.ZERO;
        int at = 0;
        while (at < t.length()) {
            m.region(at, t.length());
            if (!m.lookingAt() || (m.group(2) == null && !(at == 0 && m.end() == t.length()))) {
                return Optional.empty(); // not a part, or a bare number among parts ("1 h 30")
            }
            seconds = seconds.add(new BigDecimal(m.group(1).replace(',', '.')).multiply(unitSeconds(m.group(2))));
            at = m.end();
        }
        if (at == 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(seconds.setScale(0, RoundingMode.HALF_UP).longValueExact()));
    }

    private static BigDecimal unitSeconds(String unit) {
        char first = unit == null ? 'h' : Character.toLowerCase(unit.charAt(0));
        return BigDecimal.valueOf(first == 'd' ? 86_400 : first == 'm' ? 60 : 3_600);
    }

    /** "1 day 2 h", "59 min": to the nearest minute, which is all a lease left needs. */
    static String format(Duration d) {
        long minutes = Math.max(1, (d.toSeconds() + 30) / 60);
        long days = minutes / 1_440;
        long hours = minutes % 1_440 / 60;
        long mins = minutes % 60;
        StringJoiner text = new StringJoiner(" ");
        if (days > 0) {
            text.add(days + (days == 1 ? " day" : " days"));
        }
        if (hours > 0) {
            text.add(hours + " h");
        }
        if (mins > 0) {
            text.add(mins + " min");
        }
        return text.toString();
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
