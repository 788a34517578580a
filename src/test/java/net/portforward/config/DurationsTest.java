package net.portforward.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
}
