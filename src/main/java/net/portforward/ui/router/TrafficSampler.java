package net.portforward.ui.router;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import net.portforward.engine.model.ByteCounters;
import net.portforward.ui.TaskRunner;

/**
 * Reads the router's byte counters every {@link #PERIOD} while "More information" is open and
 * turns each two readings into a rate: the read runs through the task runner, never on the FX
 * thread, and a tick while the last read is still out is skipped. Ticks and time are injected
 * ({@link Ticker}, {@link Clock}), so tests drive it without waiting. FX thread only.
 */
public final class TrafficSampler {
    public static final Duration PERIOD = Duration.ofSeconds(2);
    /** Two minutes of rates at one every two seconds. */
    static final int KEEP = 60;

    /** Calls {@code tick} on the FX thread every {@code period} until closed. */
    @FunctionalInterface
    public interface Ticker {
        AutoCloseable every(Duration period, Runnable tick);

        /** The window's ticker: a Timeline. */
        static Ticker fx() {
            return (period, tick) -> {
                Timeline t = new Timeline(new KeyFrame(javafx.util.Duration.millis(period.toMillis()), e -> tick.run()));
                t.setCycleCount(Timeline.INDEFINITE);
                t.play();
                return t::stop;
            };
        }
    }

    /** Bytes per second in and out between two readings, as of {@code at}. */
    public record Rate(Instant at, double receivedPerSecond, double sentPerSecond) {
    }

    /** Whether the router tells its traffic: unknown until the first answer. */
    public enum Availability { UNKNOWN, COUNTING, NONE }

    private final TaskRunner runner;
    private final TaskRunner.EngineCall<Optional<ByteCounters>> read;
    private final Ticker ticker;
    private final Clock clock;
    private final ObservableList<Rate> rates = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Availability> availability = new ReadOnlyObjectWrapper<>(Availability.UNKNOWN);
    private AutoCloseable ticking;
    private boolean reading;
    private boolean stopped;
    private ByteCounters previous;
    private Instant previousAt;

    /** @param read the router's counters (a blocking engine call) */
    public TrafficSampler(TaskRunner runner, TaskRunner.EngineCall<Optional<ByteCounters>> read, Ticker ticker,
                          Clock clock) {
        this.runner = runner;
        this.read = read;
        this.ticker = ticker;
        this.clock = clock;
    }

    /** A sampler for a router without counters (PCP, NAT-PMP): says so and reads nothing. */
    public static TrafficSampler none() {
        TrafficSampler s = new TrafficSampler(null, null, null, Clock.systemUTC());
        s.availability.set(Availability.NONE);
        s.stopped = true;
        return s;
    }

    /** Reads now and then every {@link #PERIOD}. */
    public void start() {
        if (stopped || ticking != null) {
            return;
        }
        ticking = ticker.every(PERIOD, this::tick);
        tick();
    }

    /** Stops reading (the dialog closed); a read still out is ignored when it comes back. */
    public void stop() {
        stopped = true;
        if (ticking != null) {
            try {
                ticking.close();
            } catch (Exception ignored) {
                // stopping a timer does not fail in a way worth reporting
            }
            ticking = null;
        }
    }

    private void tick() {
        if (stopped || reading) {
            return;
        }
        reading = true;
        runner.run(read, this::sampled, failure -> reading = false);
    }

    private void sampled(Optional<ByteCounters> counters) {
        reading = false;
        if (stopped) {
            return;
        }
        if (counters.isEmpty()) {
            availability.set(Availability.NONE);
            stop();
            return;
        }
        availability.set(Availability.COUNTING);
        Instant now = clock.instant();
        ByteCounters c = counters.get();
        if (previous != null && now.isAfter(previousAt)) {
            double seconds = Duration.between(previousAt, now).toNanos() / 1e9;
            rates.add(new Rate(now, ByteCounters.since(previous.received(), c.received()) / seconds,
                    ByteCounters.since(previous.sent(), c.sent()) / seconds));
            if (rates.size() > KEEP) {
                rates.remove(0, rates.size() - KEEP);
            }
        }
        previous = c;
        previousAt = now;
    }

    public ObservableList<Rate> rates() {
        return rates;
    }

    public ReadOnlyObjectProperty<Availability> availabilityProperty() {
        return availability.getReadOnlyProperty();
    }
}
