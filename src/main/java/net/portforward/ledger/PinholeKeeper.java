package net.portforward.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Retention;
import net.portforward.engine.pinhole.Pinholes;
import net.portforward.engine.progress.Progress;

/**
 * Keeps PortForward's pinholes as {@link KeptMappings}, {@link LeaseRenewer} and {@link Leftovers}
 * keep its forwards: renewed at half their lease while it runs, kept ones opened again after a
 * router restart (miniupnpd keeps none across one), temporary ones closed when the session ends,
 * and a crashed session's temporary ones offered for closing (their lease ends them anyway: a
 * pinhole lasts a day at most).
 */
public final class PinholeKeeper {
    private final PinholeLedger ledger;

    public PinholeKeeper(PinholeLedger ledger) {
        this.ledger = ledger;
    }

    /** The pinholes this session keeps open on this router: kept ones, and its own temporary ones. */
    public List<PinholeEntry> renewable(String routerId) throws PortForwardException {
        String me = ledger.ledger().session().id();
        return ledger.forRouter(routerId).stream()
                .filter(e -> e.retention() == Retention.KEEP || e.session().equals(me)).toList();
    }

    /** Renews each pinhole whose half-life has passed (or that is still pending). */
    public List<PinholeResult> renewDue(Pinholes pinholes, Progress p) throws PortForwardException {
        Instant now = ledger.ledger().clock().instant();
        return renew(pinholes, renewable(pinholes.recordId()).stream().filter(e -> !e.renewAt().isAfter(now)).toList(),
                MappingResult.Kind.RENEWED, p);
    }

    /**
     * Renews every kept pinhole now: a router cannot tell whether it still has one, and asking
     * again reopens it where it was lost. What a launch and a router restart call.
     */
    public List<PinholeResult> restoreKept(Pinholes pinholes, Progress p) throws PortForwardException {
        return renew(pinholes, ledger.forRouter(pinholes.recordId()).stream().filter(PinholeEntry::kept).toList(),
                MappingResult.Kind.RESTORED, p);
    }

    private List<PinholeResult> renew(Pinholes pinholes, List<PinholeEntry> entries, MappingResult.Kind reopenedKind,
            Progress p) throws CancelledException {
        List<PinholeResult> results = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            PinholeEntry e = entries.get(i);
            p.report((double) i / entries.size(), LedgerFact.STEP_RENEWING_PINHOLE.with(e.key()));
            p.checkCancelled();
            try {
                Pinholes.Renewal r = pinholes.renew(e.recorded(), Progress.NONE);
                results.add(new PinholeResult(e.key(), r.reopened() ? reopenedKind : MappingResult.Kind.RENEWED,
                        r.fact()));
            } catch (CancelledException ex) {
                throw ex;
            } catch (PortForwardException ex) {
                results.add(new PinholeResult(e.key(), MappingResult.Kind.FAILED,
                        LedgerFact.COULD_NOT_RENEW_PINHOLE.with(e.key(), ex)));
            }
        }
        return results;
    }

    /** A clean end of this session: its own temporary pinholes on this router close. */
    public List<PinholeResult> closeMine(Pinholes pinholes, Progress p) throws PortForwardException {
        return close(pinholes, ledger.mine(pinholes.recordId()), p);
    }

    /** Closes each of {@code entries}; one the router no longer has only leaves the record. */
    public List<PinholeResult> close(Pinholes pinholes, List<PinholeEntry> entries, Progress p)
            throws PortForwardException {
        List<PinholeResult> results = new ArrayList<>();
        for (PinholeEntry e : entries) {
            p.checkCancelled();
            try {
                pinholes.close(e.key(), Progress.NONE);
                results.add(new PinholeResult(e.key(), MappingResult.Kind.REMOVED, LedgerFact.CLOSED_PINHOLE.with(e.key())));
            } catch (CancelledException ex) {
                throw ex;
            } catch (PortForwardException ex) {
                results.add(new PinholeResult(e.key(), MappingResult.Kind.FAILED,
                        LedgerFact.COULD_NOT_CLOSE_PINHOLE.with(e.key(), ex)));
            }
        }
        return results;
    }

    /** The user keeps a crashed session's temporary pinholes after all. */
    public void keep(List<PinholeEntry> entries) throws PortForwardException {
        for (PinholeEntry e : entries) {
            ledger.setRetention(e.routerId(), e.key(), Retention.KEEP);
        }
    }
}
