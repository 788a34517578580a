package net.portforward.ui.common;

import java.time.Duration;
import java.util.StringJoiner;

/**
 * A time span as the window shows it, in the window's language: "1 day 2 h", "1 Tag 2 h",
 * "1 日 2 時間". Only for showing; what the user types is read by config.Durations, whose own
 * words ("1 day 2 h") stay the ones a lease field is filled with, so the field reads back.
 */
public final class DurationWords {
    private static final long[] UNIT_MILLIS = {86_400_000, 3_600_000, 60_000, 1_000, 1};
    private static final String[] UNIT_KEYS = {"duration.days", "duration.hours", "duration.minutes",
        "duration.seconds", "duration.millis"};

    private DurationWords() {
    }

    /**
     * {@code d} in the {@code units} largest units from its first, the rest left out, as a
     * countdown shows it: with 2, "1 day 2 h", "1 h 59 min", "59 min 30 s". Zero is "0 s".
     */
    public static String words(Duration d, int units) {
        long millis = Math.max(0, d.toMillis());
        StringJoiner text = new StringJoiner(" ");
        int used = 0;
        for (int i = 0; i < UNIT_MILLIS.length && used < units; i++) {
            long n = millis / UNIT_MILLIS[i];
            millis %= UNIT_MILLIS[i];
            if (n > 0) {
                text.add(UiText.format(UNIT_KEYS[i], n));
            }
            if (n > 0 || used > 0) {
                used++;
            }
        }
        return used == 0 ? UiText.format(UNIT_KEYS[3], 0) : text.toString();
    }

    /** Every part of {@code d}: "300 ms", "2 min", "1 h 30 min". */
    public static String words(Duration d) {
        return words(d, UNIT_MILLIS.length);
    }
}
