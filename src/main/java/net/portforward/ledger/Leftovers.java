package net.portforward.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.Router;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;

/**
 * Temporary mappings a session did not remove (it crashed, was killed, or its cleanup failed),
 * and the two answers a user can give: remove them, or keep them after all. Also what a session
 * runs when it ends cleanly: removing its own temporary mappings.
 */
public final class Leftovers {
    private final Ledger ledger;

    public Leftovers(Ledger ledger) {
        this.ledger = ledger;
    }

    /** What the next launch offers to remove, on this router. */
    public List<LedgerEntry> onRouter(Router router) throws PortForwardException {
        return ledger.leftovers(router.recordId());
    }

    /**
     * Removes each mapping that still leads to the client it was made for; one the router no
     * longer has, or that another device holds now, only leaves the record.
     */
    public List<MappingResult> remove(Router router, List<LedgerEntry> entries, Progress p) throws PortForwardException {
        List<MappingResult> results = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry e = entries.get(i);
            PortMapping m = e.mapping();
            p.report((double) i / entries.size(), LedgerFact.STEP_REMOVING.with(m, i + 1, entries.size()));
            p.checkCancelled();
            try {
                Optional<ListedMapping> there = router.get(m.key(), Progress.NONE);
                if (there.isEmpty()) {
                    ledger.forget(e.routerId(), e.key());
                    results.add(new MappingResult(m, MappingResult.Kind.GONE, LedgerFact.ALREADY_GONE.with(m)));
                } else if (!m.internalClient().equals(there.get().mapping().internalClient())) {
                    ledger.forget(e.routerId(), e.key());
                    results.add(new MappingResult(there.get().mapping(), MappingResult.Kind.TAKEN,
                            LedgerFact.LEFT_ALONE.with(m.key(), there.get().mapping())));
                } else {
                    router.delete(m.key(), Progress.NONE); // the ledger forgets it through the journal
                    results.add(new MappingResult(there.get().mapping(), MappingResult.Kind.REMOVED,
                            LedgerFact.REMOVED.with(m)));
                }
            } catch (CancelledException ex) {
                throw ex;
            } catch (PortForwardException ex) {
                results.add(new MappingResult(m, MappingResult.Kind.FAILED, LedgerFact.COULD_NOT_REMOVE.with(m, ex)));
            }
        }
        p.report(1, MappingResult.summary(results));
        return results;
    }

    /** The user keeps them: they become kept mappings, checked and put back like any other. */
    public void keep(List<LedgerEntry> entries) throws PortForwardException {
        for (LedgerEntry e : entries) {
            ledger.setRetention(e.routerId(), e.key(), Retention.KEEP);
        }
    }

    /** A clean end of this session: its own temporary mappings on this router go. */
    public List<MappingResult> removeMine(Router router, Progress p) throws PortForwardException {
        return remove(router, ledger.mine(router.recordId()), p);
    }

    /** "3 temporary port forwards (TCP 27015, TCP 27016, UDP 27015) …", for the front ends to word. */
    public static Fact describe(List<LedgerEntry> entries) {
        List<String> keys = entries.stream().limit(6).map(e -> e.key().toString()).toList();
        return (entries.size() > keys.size() ? LedgerFact.TEMPORARY_FORWARDS_MORE : LedgerFact.TEMPORARY_FORWARDS)
                .with(entries.size(), keys);
    }
}
