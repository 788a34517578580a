package net.portforward.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;

/**
 * One mapping PortForward made.
 *
 * @param routerId the router and WAN service, as {@code Router.recordId()}
 * @param mapping what the user asked for: its lease is the lease requested (zero = permanent)
 * @param state {@link State#PENDING} from before the router is asked until it lists the mapping
 * @param session the run of PortForward that made (or last renewed) it
 * @param granted the lease the router granted at {@code confirmedAt}; zero when it keeps the mapping for ever
 * @param confirmedAt when the router last listed it as ours (made or renewed), or {@code null} while pending
 */
public record LedgerEntry(String routerId, PortMapping mapping, Retention retention, State state, String session,
        Instant createdAt, Duration granted, Instant confirmedAt) {

    /** Whether the router has confirmed the mapping. */
    public enum State {
        PENDING, CONFIRMED
    }

    public LedgerEntry {
        granted = granted == null ? Duration.ZERO : granted;
    }

    public MappingKey key() {
        return mapping.key();
    }

    public boolean kept() {
        return retention == Retention.KEEP;
    }

    /** When the router drops it unless renewed; empty for a mapping the router keeps for ever. */
    public Optional<Instant> leaseEnd() {
        return granted.isZero() || confirmedAt == null ? Optional.empty() : Optional.of(confirmedAt.plus(granted));
    }

    /** Half-way through the granted lease: when PortForward renews it (as Tailscale's portmapper does). */
    public Optional<Instant> renewAt() {
        return granted.isZero() || confirmedAt == null ? Optional.empty()
                : Optional.of(confirmedAt.plus(granted.dividedBy(2)));
    }

    LedgerEntry withRetention(Retention value) {
        return new LedgerEntry(routerId, mapping, value, state, session, createdAt, granted, confirmedAt);
    }

    LedgerEntry withMapping(PortMapping value) {
        return new LedgerEntry(routerId, value, retention, state, session, createdAt, granted, confirmedAt);
    }
}
