package net.portforward.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in a settings file: {@code 300ms}, {@code 3s}, {@code 2m},
 * {@code 1h}, {@code 1.5s}, or a bare number meaning seconds. ISO-8601 ({@code PT3S}) is not
 * accepted on purpose: nobody at home writes that.
 */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {}

    /** Empty when {@code text} is not a duration, is negative, or does not fit a {@link Duration}. */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long unitMillis = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        try {
            // Sub-millisecond precision is meaningless for network timeouts; round it away.
            long millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitMillis))
                    .setScale(0, RoundingMode.HALF_UP).longValueExact();
            return Optional.of(Duration.ofMillis(millis));
        } catch (ArithmeticException tooLong) {
            return Optional.empty();
        }
    }

    /** The shortest way to write {@code d} in the same notation, e.g. "300ms", "3s", "2m". */
    /** For sentences: "300 ms", "30 s", "2 min". */
    public static String words(Duration d) {
        long s = d.toSeconds();
        if (d.toMillis() < 1000 || d.toMillis() % 1000 != 0) {
            return d.toMillis() + " ms";
        }
        return s % 60 == 0 ? s / 60 + " min" : s + " s";
    }

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
}
