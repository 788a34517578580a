package net.portforward.ledger;

import java.net.Inet6Address;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.portforward.engine.model.Retention;
import net.portforward.engine.pinhole.PinholeId;
import net.portforward.engine.pinhole.PinholeJournal;
import net.portforward.engine.pinhole.PinholeKey;

/**
 * One pinhole PortForward opened in a router's IPv6 firewall. No router lists its pinholes, so
 * this record is the only list there is.
 *
 * @param routerId the router's firewall, as {@code Pinholes.recordId(gateway)}
 * @param address this computer's address it opens
 * @param id what the router knows it by; empty while pending (asked for, no answer recorded)
 * @param lease the lease asked for (1 s to 1 day)
 * @param session the run of PortForward that opened (or last renewed) it
 * @param granted what the router granted at {@code confirmedAt}
 * @param forwardPort the external port of the IPv4 forward opened together with it (0: none):
 *     deleting that forward closes this pinhole too
 */
public record PinholeEntry(String routerId, PinholeKey key, Inet6Address address, Optional<PinholeId> id,
        Duration lease, Retention retention, LedgerEntry.State state, String session, Instant createdAt,
        Duration granted, Instant confirmedAt, int forwardPort) {

    public boolean kept() {
        return retention == Retention.KEEP;
    }

    /** When the router closes it unless renewed; empty while pending. */
    public Optional<Instant> leaseEnd() {
        return confirmedAt == null ? Optional.empty() : Optional.of(confirmedAt.plus(granted));
    }

    /** Half-way through the granted lease, as for forwards; at once while pending. */
    public Instant renewAt() {
        return confirmedAt == null ? createdAt : confirmedAt.plus(granted.dividedBy(2));
    }

    /** What the engine's pinholes need of it. */
    public PinholeJournal.Recorded recorded() {
        return new PinholeJournal.Recorded(key, address, id, lease, retention, forwardPort);
    }

    PinholeEntry withRetention(Retention value, String sessionId) {
        return new PinholeEntry(routerId, key, address, id, lease, value, state, sessionId, createdAt, granted,
                confirmedAt, forwardPort);
    }
}
