package net.portforward.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.Router;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;

/**
 * Puts back the mappings the user wants kept: at launch, and after a router reboot (miniupnpd
 * without a lease file loses every mapping on restart, LAB.md; PortMapper #14 #45 #81 #111 #136
 * #158 ask for exactly this). Never overwrites a port another device has taken since.
 */
public final class KeptMappings {
    private final Ledger ledger;

    public KeptMappings(Ledger ledger) {
        this.ledger = ledger;
    }

    /**
     * Checks each kept, enabled mapping of this router and adds the missing ones again, through the
     * router so the ledger confirms them. One result per kept mapping.
     */
    public List<MappingResult> restoreMissing(Router router, Progress p) throws PortForwardException {
        List<LedgerEntry> kept = ledger.forRouter(router.recordId()).stream()
                .filter(e -> e.kept() && e.mapping().enabled()).toList();
        List<MappingResult> results = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            LedgerEntry e = kept.get(i);
            PortMapping m = e.mapping();
            p.report((double) i / kept.size(), LedgerFact.STEP_CHECKING.with(m, i + 1, kept.size()));
            p.checkCancelled();
            try {
                // A router that cannot list its table (PCP, NAT-PMP) cannot say whether it still has
                // the mapping: asking again renews it where it is and makes it where it was lost.
                Optional<ListedMapping> there = router.capabilities().listsTable() ? router.get(m.key(), Progress.NONE)
                        : Optional.empty();
                if (there.isPresent() && m.internalClient().equals(there.get().mapping().internalClient())) {
                    if (e.state() == LedgerEntry.State.PENDING) {
                        // Asked for before a crash, and the router did make it: confirm it now.
                        ledger.added(router.recordId(), m, there.get().mapping(), Retention.KEEP);
                    }
                    results.add(new MappingResult(there.get().mapping(), MappingResult.Kind.PRESENT,
                            LedgerFact.ON_ROUTER.with(m)));
                } else if (there.isPresent()) {
                    results.add(new MappingResult(there.get().mapping(), MappingResult.Kind.TAKEN,
                            LedgerFact.NOT_PUT_BACK.with(m.key(), there.get().mapping(), m)));
                } else if (!router.capabilities().listsTable()) {
                    var outcome = router.add(m, Retention.KEEP, Progress.NONE);
                    results.add(new MappingResult(outcome.mapping(), MappingResult.Kind.RENEWED,
                            LedgerFact.ASKED_AGAIN.with(outcome.mapping())));
                } else {
                    var outcome = router.add(m, Retention.KEEP, Progress.NONE);
                    results.add(new MappingResult(outcome.mapping(), MappingResult.Kind.RESTORED,
                            MappingBatch.withNotes(LedgerFact.PUT_BACK.with(m), outcome.notes())));
                }
            } catch (CancelledException ex) {
                throw ex;
            } catch (PortForwardException ex) {
                results.add(new MappingResult(m, MappingResult.Kind.FAILED, LedgerFact.COULD_NOT_PUT_BACK.with(m, ex)));
            }
        }
        p.report(1, MappingResult.summary(results));
        return results;
    }

    /** The convenience the router-restarted event calls: no progress, no cancel. */
    public List<MappingResult> restoreMissing(Router router) throws PortForwardException {
        return restoreMissing(router, Progress.NONE);
    }
}
