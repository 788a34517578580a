package net.portforward.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock that moves only when told, and a scheduler that runs what is due when it does. */
final class FakeTime extends Clock implements LeaseRenewer.Scheduler {
    private Instant now = Instant.parse("2026-01-01T12:00:00Z");
    private final List<Task> tasks = new ArrayList<>();
    private int seq;

    private record Task(Instant at, int seq, Runnable run, boolean[] cancelled) {
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Runnable schedule(Runnable task, Duration delay) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now.plus(delay), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the time on, running every task that falls due on the way, at its time. */
    void advance(Duration d) {
        Instant end;
        synchronized (this) {
            end = now.plus(d);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.at().isAfter(end))
                        .min(Comparator.comparing(Task::at).thenComparing(Task::seq)).orElse(null);
                if (next == null) {
                    now = end;
                    return;
                }
                tasks.remove(next);
                if (next.at().isAfter(now)) {
                    now = next.at();
                }
            }
            if (!next.cancelled()[0]) {
                next.run().run();
            }
        }
    }

    synchronized Duration since(Instant start) {
        return Duration.between(start, now);
    }
}
