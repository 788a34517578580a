package net.portforward.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {
    /** Scheduled tasks, run by hand, with the delay each was asked for. */
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final LeaseRenewer.Scheduler byHand = (task, delay) -> {
        tasks.add(task);
        delays.add(delay);
        return () -> tasks.remove(task);
    };

    private void runNext() {
        tasks.remove(0).run();
    }

    @Test
    void eachRoundSaysWhenTheNextComes() {
        List<Duration> answers = new ArrayList<>(List.of(Duration.ofSeconds(30), Duration.ofSeconds(1)));
        Rounds rounds = new Rounds(byHand, () -> answers.remove(0));
        rounds.start();
        rounds.start(); // already running: no second chain of rounds
        assertEquals(List.of(Duration.ZERO), delays);
        runNext();
        runNext();
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(1)), delays);
        assertEquals(1, tasks.size());
    }

    @Test
    void closingCancelsTheNextRoundAndARunningOneSchedulesNoMore() {
        Rounds[] rounds = new Rounds[1];
        rounds[0] = new Rounds(byHand, () -> {
            rounds[0].close(); // closed while this round runs, as at exit
            return Duration.ofSeconds(5);
        });
        rounds[0].start();
        runNext();
        assertEquals(0, tasks.size());

        Rounds waiting = new Rounds(byHand, () -> Duration.ofSeconds(5));
        waiting.start();
        waiting.close();
        assertEquals(0, tasks.size(), "the scheduled first round is cancelled");
    }
}
