package net.portforward.ledger;

import net.portforward.text.Said;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.Router;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterUnreachableException;
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
            p.report((double) i / mappings.size(), "Adding " + m.summary() + " (" + (i + 1) + " of " + mappings.size()
                    + ")\u2026");
            if (p.isCancelled()) {
                notTried(results, mappings.subList(i, mappings.size()), "Cancelled before ");
                break;
            }
            try {
                var outcome = router.add(m, retention, Progress.NONE);
                String notes = outcome.notes().isEmpty() ? "" : " " + String.join(" ", outcome.notes());
                results.add(new MappingResult(outcome.mapping(), MappingResult.Kind.ADDED, "Added " + m.summary() + "."
                        + notes));
            } catch (CancelledException e) {
                notTried(results, mappings.subList(i, mappings.size()), "Cancelled before ");
                break;
            } catch (RouterUnreachableException e) {
                results.add(new MappingResult(m, MappingResult.Kind.FAILED, m.key() + ": " + Said.sentence(e)));
                notTried(results, mappings.subList(i + 1, mappings.size()), "The router stopped answering before ");
                break;
            } catch (PortConflictException e) {
                results.add(new MappingResult(m, MappingResult.Kind.FAILED, m.key() + ": " + Said.sentence(e)));
            } catch (PortForwardException e) {
                results.add(new MappingResult(m, MappingResult.Kind.FAILED, m.key() + ": " + Said.sentence(e)));
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
            p.report((double) i / mappings.size(), "Removing " + m.key() + " (" + (i + 1) + " of " + mappings.size()
                    + ")\u2026");
            p.checkCancelled();
            try {
                Optional<ListedMapping> there = router.get(m.key(), Progress.NONE);
                if (there.isEmpty()) {
                    results.add(new MappingResult(m, MappingResult.Kind.GONE, m.key() + " was not on the router."));
                } else if (!client.equals(there.get().mapping().internalClient())) {
                    results.add(new MappingResult(there.get().mapping(), MappingResult.Kind.TAKEN, m.key()
                            + " leads to another device (" + there.get().mapping().summary() + "): left alone."));
                } else {
                    router.delete(m.key(), Progress.NONE);
                    results.add(new MappingResult(there.get().mapping(), MappingResult.Kind.REMOVED, "Removed "
                            + there.get().mapping().summary() + "."));
                }
            } catch (CancelledException e) {
                throw e;
            } catch (PortForwardException e) {
                results.add(new MappingResult(m, MappingResult.Kind.FAILED, m.key() + ": " + Said.sentence(e)));
            }
        }
        p.report(1, MappingResult.summary(results));
        return results;
    }

    private static void notTried(List<MappingResult> results, List<PortMapping> rest, String why) {
        for (PortMapping m : rest) {
            results.add(new MappingResult(m, MappingResult.Kind.NOT_TRIED, why + m.key() + " was added."));
        }
    }
}
