package net.portforward.ledger;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.Router;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterUnreachableException;
import net.portforward.engine.error.Sentences;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;

/**
 * Adds or removes several mappings in one step (a port range, a preset) with progress, going on
 * past a mapping that fails, and reporting each one.
 */
public final class MappingBatch {
    private MappingBatch() {
    }

    /**
     * Adds each mapping through the router (so each is in the ledger first). A conflict or a
     * refusal fails that mapping only; a router that stops answering, or a cancel, stops the batch
     * and the rest are reported as not tried (a cancel returns what was done, it does not throw).
     */
    public static List<MappingResult> add(Router router, List<PortMapping> mappings, Retention retention, Progress p) {
        List<MappingResult> results = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            PortMapping m = mappings.get(i);
            p.report((double) i / mappings.size(), LedgerFact.STEP_ADDING.with(m, i + 1, mappings.size()));
            if (p.isCancelled()) {
                notTried(results, mappings.subList(i, mappings.size()), LedgerFact.CANCELLED_BEFORE);
                break;
            }
            try {
                var outcome = router.add(m, retention, Progress.NONE);
                results.add(new MappingResult(outcome.mapping(), MappingResult.Kind.ADDED,
                        withNotes(LedgerFact.ADDED.with(m), outcome.notes())));
            } catch (CancelledException e) {
                notTried(results, mappings.subList(i, mappings.size()), LedgerFact.CANCELLED_BEFORE);
                break;
            } catch (RouterUnreachableException e) {
                results.add(new MappingResult(m, MappingResult.Kind.FAILED, LedgerFact.FAILED_AT.with(m.key(), e)));
                notTried(results, mappings.subList(i + 1, mappings.size()), LedgerFact.STOPPED_BEFORE);
                break;
            } catch (PortConflictException e) {
                results.add(new MappingResult(m, MappingResult.Kind.FAILED, LedgerFact.FAILED_AT.with(m.key(), e)));
            } catch (PortForwardException e) {
                results.add(new MappingResult(m, MappingResult.Kind.FAILED, LedgerFact.FAILED_AT.with(m.key(), e)));
            }
        }
        p.report(1, MappingResult.summary(results));
        return results;
    }

    /**
     * Removes the mappings at these keys that lead to {@code client}; a port another device now
     * uses is left alone and said so.
     */
    public static List<MappingResult> remove(Router router, List<PortMapping> mappings, InetAddress client, Progress p)
            throws CancelledException {
        List<MappingResult> results = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            PortMapping m = mappings.get(i);
            p.report((double) i / mappings.size(), LedgerFact.STEP_REMOVING.with(m.key(), i + 1, mappings.size()));
            p.checkCancelled();
            try {
                Optional<ListedMapping> there = router.get(m.key(), Progress.NONE);
                if (there.isEmpty()) {
                    results.add(new MappingResult(m, MappingResult.Kind.GONE, LedgerFact.NOT_ON_ROUTER.with(m.key())));
                } else if (!client.equals(there.get().mapping().internalClient())) {
                    results.add(new MappingResult(there.get().mapping(), MappingResult.Kind.TAKEN,
                            LedgerFact.LEFT_ALONE.with(m.key(), there.get().mapping())));
                } else {
                    router.delete(m.key(), Progress.NONE);
                    results.add(new MappingResult(there.get().mapping(), MappingResult.Kind.REMOVED,
                            LedgerFact.REMOVED.with(there.get().mapping())));
                }
            } catch (CancelledException e) {
                throw e;
            } catch (PortForwardException e) {
                results.add(new MappingResult(m, MappingResult.Kind.FAILED, LedgerFact.FAILED_AT.with(m.key(), e)));
            }
        }
        p.report(1, MappingResult.summary(results));
        return results;
    }

    private static void notTried(List<MappingResult> results, List<PortMapping> rest, LedgerFact why) {
        for (PortMapping m : rest) {
            results.add(new MappingResult(m, MappingResult.Kind.NOT_TRIED, why.with(m.key())));
        }
    }

    /** A result with the notes the router's answer brought, after it. */
    static Fact withNotes(Fact result, List<Fact> notes) {
        return notes.isEmpty() ? result : LedgerFact.WITH_NOTES.with(result, new Sentences(notes));
    }
}
