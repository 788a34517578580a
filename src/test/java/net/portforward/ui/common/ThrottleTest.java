package net.portforward.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.portforward.ui.FxTestSupport;
import org.junit.jupiter.api.Test;

class ThrottleTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    @Test
    void aFloodOfAsksFromManyThreadsRunsAFewUpdatesAndTheLastSeesEverything() throws Exception {
        AtomicLong state = new AtomicLong();
        AtomicLong lastSeen = new AtomicLong(-1);
        AtomicInteger runs = new AtomicInteger();
        try (Throttle t = new Throttle(INTERVAL, () -> {
            runs.incrementAndGet();
            lastSeen.set(state.get());
        })) {
            long start = System.nanoTime();
            List<Thread> askers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread a = new Thread(() -> {
                    for (int n = 0; n < 500; n++) {
                        state.incrementAndGet();
                        t.request();
                    }
                });
                askers.add(a);
                a.start();
            }
            for (Thread a : askers) {
                a.join();
            }
            FxTestSupport.waitFor(() -> lastSeen.get() == 2000);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(runs.get() <= 1 + elapsedMs / INTERVAL.toMillis() + 1,
                    runs.get() + " updates in " + elapsedMs + " ms");
        }
    }

    @Test
    void aLoneAskRunsAtOnceAndAskAfterTheIntervalRunsAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (Throttle t = new Throttle(INTERVAL, runs::incrementAndGet)) {
            t.request();
            awaitRuns(runs, 1);
            t.request();
            awaitRuns(runs, 2);
        }
    }

    private static void awaitRuns(AtomicInteger runs, int wanted) throws InterruptedException {
        FxTestSupport.waitFor(() -> runs.get() >= wanted);
        assertEquals(wanted, runs.get());
    }
}
