package net.portforward.engine.mapping;

import java.util.Optional;
import java.util.function.Consumer;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.RouterInfo;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.progress.Progress;

/**
 * One protocol's port forwarding on one gateway (UPnP, PCP or NAT-PMP): the few things every
 * protocol can do, each in its own terms. The rules that hold for all of them (nothing sent
 * before the input is checked, no mapping lost by an edit, disabled mappings held for routers
 * that cannot disable, the record of the app's own mappings) live in {@link MappingEditor} and
 * {@code Router}, which follow {@link net.portforward.engine.model.Capabilities}. Every method
 * is a blocking call; failures are protocol-neutral {@link PortForwardException}s, a refusal a
 * {@link net.portforward.engine.error.RouterRefusedException} with its reason.
 */
public interface PortMapper {
    Gateway gateway();

    RouterStatus status(Progress p) throws PortForwardException;

    /** What "More information" and {@code info} show. */
    RouterInfo info(Progress p) throws PortForwardException;

    /**
     * The router's byte counters on its internet side, read for a traffic graph every few
     * seconds; empty when the router keeps none it tells. PCP and NAT-PMP have no such request.
     */
    default Optional<net.portforward.engine.model.ByteCounters> traffic(Progress p) throws PortForwardException {
        return Optional.empty();
    }

    /**
     * The router's table where it can list one ({@code capabilities().listsTable()}); else the
     * forwards PortForward holds on it, from its record. Entries go to {@code sink} as they arrive.
     */
    Listing list(Consumer<ListedMapping> sink, Progress p) throws PortForwardException;

    /** The mapping under {@code key}, as the router has it (or, without a table, as PortForward holds it). */
    Optional<ListedMapping> get(MappingKey key, Progress p) throws PortForwardException;

    /**
     * Asks for one mapping, which may replace this computer's own mapping of the same port. The
     * result is what the router granted: a PCP or NAT-PMP router may grant another external port
     * (then {@code notes} say so) and a lease of its choosing.
     *
     * @throws PortConflictException when another computer holds the port
     */
    MappingEditor.Outcome add(PortMapping wanted, Progress p) throws PortForwardException;

    /**
     * What must hold before a new mapping is asked for, beyond the input rules. UPnP checks the
     * router's internet address first: a router that cannot tell it (MikroTik after a failed
     * query, tailscale PR #20781) or answers 0.0.0.0 (tailscale corp#23538) has no use for a
     * forward, and one that keeps only permanent forwards would keep it as a leftover.
     */
    default void checkBeforeAdd(PortMapping wanted, Progress p) throws PortForwardException {
    }

    /**
     * Whether the router can pick a free external port itself: UPnP IGD:2's AddAnyPortMapping
     * (igd-next, miniupnpc {@code -n}); PCP and NAT-PMP always may grant another port.
     */
    default boolean offersAnyPort() {
        return gateway().capabilities().routerPicksPort();
    }

    /**
     * Asks for a mapping on any free external port, {@code wanted}'s external port being only a
     * suggestion; the outcome names the port the router granted.
     *
     * @throws net.portforward.engine.error.RouterRefusedException with
     *     {@link net.portforward.engine.error.Refusal#UNSUPPORTED_REQUEST} where {@link #offersAnyPort()} is false
     */
    default MappingEditor.Outcome addAnyPort(PortMapping wanted, Progress p) throws PortForwardException {
        if (!offersAnyPort()) {
            throw new net.portforward.engine.error.RouterRefusedException(
                    net.portforward.engine.error.Refusal.UNSUPPORTED_REQUEST, "no AddAnyPortMapping",
                    new MappingReasons.AnyPortNotOffered(null), "no AddAnyPortMapping");
        }
        return add(wanted, p);
    }

    /** Removes the mapping under {@code key}; nothing happens to other computers' mappings. */
    void delete(MappingKey key, Progress p) throws PortForwardException;

    /**
     * The nearest free external port to offer after a conflict, where the router can tell (it
     * lists its table); empty elsewhere, where the router picks a free port itself.
     */
    default java.util.OptionalInt freePortNear(MappingKey key, Progress p) throws PortForwardException {
        return java.util.OptionalInt.empty();
    }

    /**
     * Whether the gateway said, in any answer since the last call, that it lost its mappings (a
     * PCP or NAT-PMP epoch that went back or ran at the wrong pace, RFC 6887 section 8.5). UPnP
     * tells restarts otherwise (uptime, boot id, a forgotten subscription).
     */
    default boolean lostStateSinceLastAsked() {
        return false;
    }
}
