package net.portforward.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one grammar for times and leases: the settings, the Add dialog's lease and the command line read it. */
class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "300ms, 300", "3s, 3000", "2m, 120000", "1h, 3600000", "7, 7000", "0, 0",
        "1.5s, 1500", "3 s, 3000", "' 10S ', 10000", "0.5, 500", "2M, 120000"})
    void parses(String text, long millis) {
        assertEquals(Optional.of(Duration.ofMillis(millis)), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3 parsecs", "-1s", "s", "3x", "PT3S", "1.s", "3s 2", "99999999999999999999h"})
    void rejects(String text) {
        assertEquals(Optional.empty(), Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"300, 300ms", "3000, 3s", "120000, 2m", "3600000, 1h", "0, 0s", "1500, 1500ms", "90000, 90s"})
    void formatsShortest(long millis, String text) {
        assertEquals(text, Durations.format(Duration.ofMillis(millis)));
        assertEquals(Optional.of(Duration.ofMillis(millis)), Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource({
        "1 h 30 min, 5400000", "1h30m, 5400000", "1 day 12 h, 129600000", "1 d, 86400000", "2 hours, 7200000",
        "90 min, 5400000", "'1,5s', 1500", "7 days, 604800000", "2 hrs, 7200000", "1 minute, 60000"})
    void readsEveryFormTheWindowAndTheCommandLineWrite(String text, long millis) {
        assertEquals(Optional.of(Duration.ofMillis(millis)), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 h 30", "2 months", "3 seconds", "3 ms x", "1 h h"})
    void rejectsWhatIsNotOneOfItsParts(String text) {
        assertEquals(Optional.empty(), Durations.parse(text));
    }

    @Test
    void aBareNumberMeansTheUnitOfThePlaceItIsTypedIn() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), Durations.parse("3"));
        assertEquals(Optional.of(Duration.ofHours(3)), Durations.parse("3", ChronoUnit.HOURS));
        assertEquals(Optional.of(Duration.ofMinutes(90)), Durations.parse("1.5", ChronoUnit.HOURS));
        assertEquals(Optional.of(Duration.ofMinutes(90)), Durations.parse("90 min", ChronoUnit.HOURS), "a unit still counts");
    }

    @ParameterizedTest
    @CsvSource({"300, 300 ms", "30000, 30 s", "120000, 2 min", "5400000, 1 h 30 min", "93600000, 1 day 2 h",
        "3605000, 1 h 5 s", "1209600000, 14 days", "0, 0 s"})
    void wordsWriteEveryPartAndReadBack(long millis, String text) {
        assertEquals(text, Durations.words(Duration.ofMillis(millis)));
        assertEquals(Optional.of(Duration.ofMillis(millis)), Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"3605000, 1 h", "3570000, 59 min 30 s", "97440000, 1 day 3 h", "45000, 45 s", "7199000, 1 h 59 min"})
    void aCountdownShowsTwoUnits(long millis, String text) {
        assertEquals(text, Durations.words(Duration.ofMillis(millis), 2));
    }

    @ParameterizedTest
    @CsvSource({"3587, 1 h", "5400, 1 h 30 min", "93600, 1 day 2 h", "604800, 7 days", "20, 1 min"})
    void leasesAreShownToTheMinute(long seconds, String text) {
        assertEquals(text, Durations.lease(Duration.ofSeconds(seconds)));
    }
}
