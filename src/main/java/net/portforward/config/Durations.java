package net.portforward.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times and leases as people write them, the one grammar for the settings file, the settings
 * dialog, the Add/Edit dialog and the command line: one or more parts of a number and a unit,
 * such as {@code 300ms}, {@code 3s}, {@code 2m}, {@code 90 min}, {@code 1h}, {@code 1 day 12 h}
 * or {@code 1.5 h} ({@code 1,5 h} too). Units: ms; s; m, min, minute(s); h, hr(s), hour(s); d,
 * day(s). A bare number alone means the unit of the place it is typed in (seconds in the settings
 * and on the command line, hours in the Add dialog's lease). ISO-8601 ({@code PT3S}) is not
 * accepted on purpose: nobody at home writes that.
 */
public final class Durations {

    /** One part: a number and its unit; a unit must not run on into more letters ("3 parsecs"). */
    private static final Pattern PART = Pattern.compile(
            "(\\d+(?:[.,]\\d+)?)\\s*(ms|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)?(?![a-z])\\s*");

    private static final long[] UNIT_MILLIS = {86_400_000, 3_600_000, 60_000, 1_000, 1};
    private static final String[] UNIT_WORDS = {" days", " h", " min", " s", " ms"};

    private Durations() {}

    /** {@link #parse(String, ChronoUnit)} where a bare number means seconds, as in portforward.ini. */
    public static Optional<Duration> parse(String text) {
        return parse(text, ChronoUnit.SECONDS);
    }

    /**
     * What {@code text} means, to the millisecond (finer is meaningless for networks); empty when
     * it is not a duration, is negative, or does not fit a {@link Duration}.
     *
     * @param bareNumber the unit of a number written alone ("3")
     */
    public static Optional<Duration> parse(String text, ChronoUnit bareNumber) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = PART.matcher(t);
        BigDecimal millis = BigDecimal.ZERO;
        int at = 0;
        while (at < t.length()) {
            m.region(at, t.length());
            // Not a part, or a bare number among parts ("1 h 30": 30 what?).
            if (!m.lookingAt() || m.group(2) == null && !(at == 0 && m.end() == t.length())) {
                return Optional.empty();
            }
            long unit = m.group(2) == null ? bareNumber.getDuration().toMillis() : unitMillis(m.group(2));
            millis = millis.add(new BigDecimal(m.group(1).replace(',', '.')).multiply(BigDecimal.valueOf(unit)));
            at = m.end();
        }
        if (at == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis(millis.setScale(0, RoundingMode.HALF_UP).longValueExact()));
        } catch (ArithmeticException tooLong) {
            return Optional.empty();
        }
    }

    private static long unitMillis(String unit) {
        if (unit.equals("ms")) {
            return 1;
        }
        return switch (unit.charAt(0)) {
            case 's' -> 1_000;
            case 'm' -> 60_000;
            case 'h' -> 3_600_000;
            default -> 86_400_000;
        };
    }

    /** The shortest way to write {@code d} in portforward.ini: "300ms", "3s", "2m", "1h". */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    /** For sentences and the window, every part: "300 ms", "30 s", "2 min", "1 h 30 min", "1 day 2 h". */
    public static String words(Duration d) {
        return words(d, UNIT_MILLIS.length);
    }

    /**
     * {@code d} in the {@code units} largest units from its first, the rest left out, as a
     * countdown shows it: with 2, "1 day 2 h", "1 h 59 min", "59 min 30 s", "1 h" for 1 h 0 min 5 s.
     * Reads back with {@link #parse}. Zero is "0 s".
     */
    public static String words(Duration d, int units) {
        long millis = Math.max(0, d.toMillis());
        StringJoiner text = new StringJoiner(" ");
        int used = 0;
        for (int i = 0; i < UNIT_MILLIS.length && used < units; i++) {
            long n = millis / UNIT_MILLIS[i];
            millis %= UNIT_MILLIS[i];
            if (n > 0) {
                text.add(n + (i > 0 ? UNIT_WORDS[i] : n == 1 ? " day" : " days"));
            }
            if (n > 0 || used > 0) {
                used++;
            }
        }
        return used == 0 ? "0 s" : text.toString();
    }

    /** A lease as the window shows it, to the minute (at least one): "2 h", "1 day 2 h", "59 min". */
    public static String lease(Duration d) {
        return words(Duration.ofMinutes(Math.max(1, (d.toSeconds() + 30) / 60)));
    }
}
