package net.portforward.engine.portcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetransmitScheduleTest {

    @Test
    void natPmpsScheduleIs250MsDoublingNineTimes() {
        List<Long> waits = new ArrayList<>();
        RetransmitSchedule.doubling(Duration.ofMillis(250), 9).waits().forEachRemaining(d -> waits.add(d.toMillis()));
        // RFC 6886 section 3.1: the ninth try waits 64 s.
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 8000L, 16000L, 32000L, 64000L), waits);
    }

    @Test
    void eachExchangeStartsAfresh() {
        RetransmitSchedule s = RetransmitSchedule.doubling(Duration.ofMillis(10), 2);
        s.waits().next();
        assertEquals(Duration.ofMillis(10), s.waits().next());
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RetransmitSchedule.doubling(Duration.ZERO, 9));
        assertThrows(IllegalArgumentException.class, () -> RetransmitSchedule.doubling(Duration.ofMillis(1), 0));
    }
}
