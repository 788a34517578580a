package net.portforward.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;

/**
 * While PortForward runs, renews its own leased mappings half-way through the lease the router
 * granted (Tailscale's portmapper does the same), so they neither expire nor outlive the app by
 * much. Renewed: kept mappings, and this session's temporary ones; a crashed session's temporary
 * mappings are left to expire. The time comes from the ledger's clock and the waiting from a
 * {@link Scheduler}, so tests drive both.
 */
public final class LeaseRenewer implements AutoCloseable {
    /** How often to look again when nothing is due: new mappings may have been added meanwhile. */
    static final Duration IDLE_CHECK = Duration.ofSeconds(30);
    /** After a failed renewal, when to try that mapping again. */
    static final Duration RETRY = Duration.ofSeconds(15);
    /** Never wake more often than this, whatever the leases say. */
    static final Duration MIN_WAIT = Duration.ofSeconds(1);

    /** Runs a task after a delay. */
    public interface Scheduler {
        /** @return cancels the task if it has not run */
        Runnable schedule(Runnable task, Duration delay);
    }

    private final Ledger ledger;
    private final Supplier<Optional<Router>> router;
    private final Consumer<List<MappingResult>> onRenewed;
    private final Map<MappingKey, Instant> retryAfter = new ConcurrentHashMap<>();
    private final Rounds rounds;

    /**
     * @param router the router shown now, if any
     * @param onRenewed told each round's results (on the scheduler's thread), failures included
     */
    public LeaseRenewer(Ledger ledger, Supplier<Optional<Router>> router, Scheduler scheduler,
            Consumer<List<MappingResult>> onRenewed) {
        this.ledger = ledger;
        this.router = router;
        this.onRenewed = onRenewed;
        this.rounds = new Rounds(scheduler, this::round);
    }

    /** One daemon thread: renewals are blocking router calls and must never hold up the UI. */
    public static Scheduler daemonScheduler() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "portforward-lease-renewal");
            t.setDaemon(true);
            return t;
        });
        return (task, delay) -> {
            ScheduledFuture<?> f = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
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
        List<MappingResult> results = List.of();
        Optional<Router> r = router.get();
        if (r.isPresent()) {
            try {
                results = renewDue(r.get(), Progress.NONE);
            } catch (PortForwardException e) {
                results = List.of(); // the ledger could not be read: try again next round
            }
        }
        if (!results.isEmpty()) {
            onRenewed.accept(results);
        }
        return r.isPresent() ? untilNext(r.get().recordId()) : IDLE_CHECK;
    }

    /** Renews every mapping whose half-life has passed. One result per mapping renewed or tried. */
    public List<MappingResult> renewDue(Router r, Progress p) throws PortForwardException {
        Instant now = ledger.clock().instant();
        List<MappingResult> results = new ArrayList<>();
        for (LedgerEntry e : renewable(r.recordId())) {
            Instant due = e.renewAt().orElseThrow();
            Instant retry = retryAfter.get(e.key());
            if (due.isAfter(now) || (retry != null && retry.isAfter(now))) {
                continue;
            }
            p.checkCancelled();
            try {
                var outcome = r.add(e.mapping(), e.retention(), Progress.NONE);
                retryAfter.remove(e.key());
                results.add(new MappingResult(outcome.mapping(), MappingResult.Kind.RENEWED,
                        LedgerFact.RENEWED.with(e.mapping(), outcome.mapping().lease())));
            } catch (PortConflictException ex) {
                // Someone took the port after ours expired: ours is gone, the record goes too.
                ledger.forget(e.routerId(), e.key());
                results.add(new MappingResult(e.mapping(), MappingResult.Kind.TAKEN, RouterTrouble.FAILURE.with(ex)));
            } catch (PortForwardException ex) {
                retryAfter.put(e.key(), now.plus(RETRY));
                results.add(new MappingResult(e.mapping(), MappingResult.Kind.FAILED,
                        LedgerFact.COULD_NOT_RENEW.with(e.mapping(), ex)));
            }
        }
        return results;
    }

    /** The mappings this session renews on this router. */
    private List<LedgerEntry> renewable(String routerId) throws PortForwardException {
        return ledger.forRouter(routerId).stream()
                .filter(e -> e.state() == LedgerEntry.State.CONFIRMED && e.mapping().enabled() && e.renewAt().isPresent())
                .filter(e -> e.retention() == Retention.KEEP || e.session().equals(ledger.session().id()))
                .toList();
    }

    /** When the next renewal is due, for the scheduler: at least {@link #MIN_WAIT}, at most {@link #IDLE_CHECK}. */
    Duration untilNext(String routerId) {
        Instant now = ledger.clock().instant();
        Duration wait = IDLE_CHECK;
        try {
            for (LedgerEntry e : renewable(routerId)) {
                Instant at = e.renewAt().orElseThrow();
                Instant retry = retryAfter.get(e.key());
                if (retry != null && retry.isAfter(at)) {
                    at = retry;
                }
                Duration d = Duration.between(now, at);
                if (d.compareTo(wait) < 0) {
                    wait = d;
                }
            }
        } catch (PortForwardException e) {
            return IDLE_CHECK;
        }
        return wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait;
    }
}
