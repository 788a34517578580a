package net.portforward.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.pinhole.Pinholes;
import net.portforward.engine.progress.Progress;

/**
 * While PortForward runs, renews its pinholes half-way through their lease, as
 * {@link LeaseRenewer} does its forwards, on the same kind of {@link LeaseRenewer.Scheduler} (one
 * daemon thread in the app, driven by hand in tests).
 */
public final class PinholeRenewer implements AutoCloseable {
    private final PinholeKeeper keeper;
    private final Supplier<Optional<Pinholes>> pinholes;
    private final Consumer<List<PinholeResult>> onRenewed;
    private final java.time.Clock clock;
    private final Rounds rounds;

    /**
     * @param pinholes the router's pinholes now, if any
     * @param onRenewed told each round's results (on the scheduler's thread), failures included
     */
    public PinholeRenewer(PinholeLedger ledger, Supplier<Optional<Pinholes>> pinholes, LeaseRenewer.Scheduler scheduler,
            Consumer<List<PinholeResult>> onRenewed) {
        this.keeper = new PinholeKeeper(ledger);
        this.pinholes = pinholes;
        this.onRenewed = onRenewed;
        this.clock = ledger.ledger().clock();
        this.rounds = new Rounds(scheduler, this::round);
    }

    public void start() {
        rounds.start();
    }

    @Override
    public void close() {
        rounds.close();
    }

    /** One round: renews what is due, tells the results, answers the wait until the next round. */
    private Duration round() {
        Optional<Pinholes> ph = pinholes.get();
        Duration wait = LeaseRenewer.IDLE_CHECK;
        if (ph.isPresent()) {
            try {
                List<PinholeResult> results = keeper.renewDue(ph.get(), Progress.NONE);
                if (!results.isEmpty()) {
                    onRenewed.accept(results);
                }
                wait = untilNext(ph.get().recordId(), results.stream().anyMatch(PinholeResult::failed));
            } catch (PortForwardException e) {
                wait = LeaseRenewer.RETRY; // the record could not be read: try again soon
            }
        }
        return wait;
    }

    /** Until the next half-life, at least {@link LeaseRenewer#MIN_WAIT}, at most {@link LeaseRenewer#IDLE_CHECK}. */
    Duration untilNext(String routerId, boolean failed) throws PortForwardException {
        Instant now = clock.instant();
        Duration wait = LeaseRenewer.IDLE_CHECK;
        for (PinholeEntry e : keeper.renewable(routerId)) {
            Duration d = Duration.between(now, e.renewAt());
            if (d.compareTo(wait) < 0) {
                wait = d;
            }
        }
        Duration floor = failed ? LeaseRenewer.RETRY : LeaseRenewer.MIN_WAIT;
        return wait.compareTo(floor) < 0 ? floor : wait;
    }
}
