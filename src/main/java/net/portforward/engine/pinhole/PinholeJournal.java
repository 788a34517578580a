package net.portforward.engine.pinhole;

import java.net.Inet6Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Retention;

/**
 * Where {@link Pinholes} records the pinholes it opens (the app's ledger): no router lists its
 * pinholes (WANIPv6FirewallControl has no such action, PCP neither), so this record is the only
 * list there is. Written before the router is asked and again after, so a crash in between still
 * leaves a trace.
 */
public interface PinholeJournal {
    /** Before the router is asked; {@code forwardPort} is the IPv4 forward opened with it, or 0. */
    void opening(String routerId, PinholeRequest request, Retention retention, int forwardPort)
            throws PortForwardException;

    /** The router granted it (or renewed it: the same key, maybe a new id after a router restart). */
    void opened(String routerId, Pinhole pinhole, Retention retention, int forwardPort) throws PortForwardException;

    /** The router refused or failed; a refusal drops the pending record, no answer keeps it. */
    void openFailed(String routerId, PinholeRequest request, PortForwardException cause);

    void closed(String routerId, PinholeKey key) throws PortForwardException;

    /** What is recorded for this router, opened or still pending. */
    List<Recorded> recorded(String routerId) throws PortForwardException;

    /**
     * One recorded pinhole.
     *
     * @param id what the router knows it by; empty while pending (asked for, no answer yet)
     * @param lease the lease asked for
     * @param forwardPort the external port of the IPv4 forward opened with it, or 0
     */
    record Recorded(PinholeKey key, Inet6Address address, Optional<PinholeId> id, Duration lease, Retention retention,
            int forwardPort) {

        /** The pinhole, once the router granted it. */
        public Optional<Pinhole> pinhole() {
            return id.map(i -> new Pinhole(i, address, key.protocol(), key.port(), lease));
        }
    }

    default Optional<Recorded> find(String routerId, PinholeKey key) throws PortForwardException {
        return recorded(routerId).stream().filter(r -> r.key().equals(key)).findFirst();
    }

    /** Records nothing: for programs that keep no ledger. */
    PinholeJournal NONE = new PinholeJournal() {
        @Override
        public void opening(String routerId, PinholeRequest request, Retention retention, int forwardPort) {
        }

        @Override
        public void opened(String routerId, Pinhole pinhole, Retention retention, int forwardPort) {
        }

        @Override
        public void openFailed(String routerId, PinholeRequest request, PortForwardException cause) {
        }

        @Override
        public void closed(String routerId, PinholeKey key) {
        }

        @Override
        public List<Recorded> recorded(String routerId) {
            return List.of();
        }
    };
}
