package net.portforward.engine.mapping;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.model.Capabilities;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.progress.Progress;

/**
 * Adds, changes and removes mappings so that no mapping is ever lost, whatever the protocol:
 * inputs are checked before anything is sent, every change is confirmed, and an edit the router
 * cannot do in place puts the old mapping back if the new one fails.
 */
public final class MappingEditor {
    private final PortMapper router;
    private final Capabilities can;
    private final ParkedMappings parked;
    private final String routerId;

    public MappingEditor(PortMapper router, ParkedMappings parked, String routerId) {
        this.router = router;
        this.can = router.gateway().capabilities();
        this.parked = parked;
        this.routerId = routerId;
    }

    /** A change that worked, and what the user should know about how. */
    public record Outcome(PortMapping mapping, List<String> notes) {
        public Outcome {
            notes = List.copyOf(notes);
        }
    }

    public Optional<ListedMapping> get(MappingKey key, Progress p) throws PortForwardException {
        return router.get(key, p);
    }

    public Outcome add(PortMapping wanted, Progress p) throws PortForwardException {
        check(wanted);
        List<String> notes = new ArrayList<>();
        boolean replacing = false;
        if (can.listsTable()) {
            p.report(0.1, "Checking whether " + wanted.key() + " is free\u2026");
            Optional<ListedMapping> existing = get(wanted.key(), p);
            if (existing.isPresent() && !wanted.internalClient().equals(existing.get().mapping().internalClient())) {
                throw conflict(wanted, existing.get(), p);
            }
            existing.ifPresent(e -> notes.add("This computer already had " + e.mapping().summary() + "; it was replaced."));
            replacing = existing.isPresent();
        }
        if (!replacing) {
            router.checkBeforeAdd(wanted, p); // a new mapping only: rewriting one leaves nothing behind
        }
        p.report(0.4, "Adding " + wanted.summary() + "\u2026");
        Outcome granted = router.add(wanted, p);
        notes.addAll(granted.notes());
        p.report(1, "Added " + granted.mapping().summary() + ".");
        return new Outcome(granted.mapping(), notes);
    }

    /**
     * A new mapping on whatever external port the router picks ({@code wanted}'s is a suggestion):
     * UPnP IGD:2's AddAnyPortMapping, or PCP and NAT-PMP, which always may grant another port. The
     * outcome holds the granted port and a note naming it.
     */
    public Outcome addAnyPort(PortMapping wanted, Progress p) throws PortForwardException {
        check(wanted);
        router.checkBeforeAdd(wanted, p);
        p.report(0.4, "Asking the router for a free port for " + wanted.protocol() + " \u2192 "
                + wanted.internalClient().getHostAddress() + ":" + wanted.internalPort() + "\u2026");
        Outcome granted = router.addAnyPort(wanted, p);
        p.report(1, "Added " + granted.mapping().summary() + ".");
        return granted;
    }

    /**
     * Deletes the mapping at {@code key} and adds it again as it is: the Technicolor CGA4131COM
     * keeps listing (and renewing) a mapping that has stopped forwarding, and only this brings it
     * back (tailscale #21208). When the add fails, the old one is put back as for an edit.
     *
     * @param remoteHost the mapping's remote-host restriction as the table listed it
     */
    public Outcome repair(MappingKey key, InetAddress remoteHost, Progress p) throws PortForwardException {
        ListedMapping listed = get(key, p).orElseThrow(() -> new InvalidInputException(
                "The router has no " + key + " mapping to repair."));
        PortMapping old = listed.mapping().withRemoteHost(remoteHost);
        requireRestorable(old);
        p.report(0.3, "Deleting " + key + "\u2026");
        router.delete(key, p);
        Outcome added;
        try {
            p.report(0.6, "Adding " + old.summary() + " again\u2026");
            added = router.add(old, p);
        } catch (PortForwardException e) {
            ensurePresent(old, p, e);
            throw new PortForwardException(e.getMessage() + " The old mapping " + old.summary() + " was put back.", e);
        }
        List<String> notes = new ArrayList<>(added.notes());
        notes.add(0, "Deleted " + key + " and added it again.");
        p.report(1, "Repaired " + key + ".");
        return new Outcome(added.mapping(), notes);
    }

    /**
     * The rules for every router, and what this router's protocol cannot do: PCP and NAT-PMP map
     * only for the computer that asks (RFC 6887 section 11.1, RFC 6886 section 3.3).
     */
    public void check(PortMapping m) throws InvalidInputException {
        if (can.mapsForOtherComputers()) {
            MappingRules.check(m);
            return;
        }
        // The client is whoever asks: this computer, by its address towards the router.
        if (m.internalClient() == null || !m.internalClient().equals(router.gateway().localAddress())) {
            throw new InvalidInputException("This router's " + router.gateway().serviceLabel() + " forwards ports only to"
                    + " the computer that asks, so " + (m.internalClient() == null ? "another computer"
                            : m.internalClient().getHostAddress()) + " has to add its own forward; this computer is "
                    + router.gateway().localAddress().getHostAddress() + ".");
        }
        MappingRules.check(m.withInternalClient(null), false);
    }

    private PortConflictException conflict(PortMapping wanted, ListedMapping holder, Progress p) throws PortForwardException {
        return new PortConflictException(wanted.key(), holder, router.freePortNear(wanted.key(), p));
    }

    public void delete(MappingKey key, Progress p) throws PortForwardException {
        Optional<ListedMapping> existing = get(key, p);
        if (existing.isEmpty()) {
            if (parked.get(routerId, key).isPresent()) {
                parked.remove(routerId, key);
                return;
            }
            throw new InvalidInputException("The router has no " + key + " mapping.");
        }
        p.report(0.5, "Deleting " + existing.get().mapping().summary() + "\u2026");
        router.delete(key, p);
        if (can.listsTable() && get(key, p).isPresent()) {
            throw new RouterProtocolException("The router answered that it deleted " + key + ", but still lists it.");
        }
        p.report(1, "Deleted " + key + ".");
    }

    /**
     * Changes description, internal client, internal port or lease of the mapping at {@code key}.
     * Same client on a router that lists its table: AddPortMapping overwrites in place (IGD
     * spec). When the router does not take the change in place, the client changes (the router
     * refuses to overwrite another client's mapping, 718), or the protocol has no in-place change
     * (PCP, NAT-PMP), it is delete + add, and when the add fails the old mapping is put back. A
     * mapping held disabled by PortForward is changed in its record.
     *
     * @param remoteHost the current mapping's remote-host restriction as the table listed it
     *     (GetSpecificPortMappingEntry does not report it), kept when the old mapping is put back
     */
    public Outcome edit(MappingKey key, PortMapping updated, InetAddress remoteHost, Progress p)
            throws PortForwardException {
        check(updated);
        if (!updated.key().equals(key)) {
            throw new InvalidInputException("An edit keeps the external port and protocol; delete and add to change them.");
        }
        Optional<ListedMapping> onRouter = get(key, p);
        if (onRouter.isEmpty()) {
            if (parked.get(routerId, key).isPresent()) {
                parked.put(routerId, updated);
                return new Outcome(updated.withEnabled(false), List.of(key + " stays disabled; the change applies"
                        + " when it is enabled."));
            }
            throw new InvalidInputException("The router has no " + key + " mapping to edit.");
        }
        PortMapping old = onRouter.get().mapping().withRemoteHost(remoteHost);
        List<String> notes = new ArrayList<>();
        if (can.listsTable() && updated.internalClient().equals(old.internalClient())) {
            p.report(0.3, "Changing " + key + " in place\u2026");
            Outcome changed;
            try {
                changed = router.add(updated, p);
            } catch (PortForwardException e) {
                ensurePresent(old, p, e);
                throw e;
            }
            notes.addAll(changed.notes());
            Optional<ListedMapping> after = get(key, p);
            if (after.isPresent() && after.get().mapping().withRemoteHost(updated.remoteHost()).sameSettingsAs(updated)) {
                p.report(1, "Changed " + key + ".");
                return new Outcome(after.get().mapping(), notes);
            }
            // miniupnpd 2.3.1 answers OK to an in-place AddPortMapping that changes only the
            // description, and keeps the old one (seen in the lab): replace it instead.
        }
        Outcome replaced = replace(old, updated, notes, p);
        if (!can.listsTable()) {
            p.report(1, "Changed " + key + ".");
            return replaced;
        }
        ListedMapping actual = get(key, p).orElseThrow(() -> new RouterProtocolException(
                "The router accepted the change to " + key + " but no longer lists it."));
        if (!actual.mapping().withRemoteHost(updated.remoteHost()).sameSettingsAs(updated)) {
            throw new RouterProtocolException("The router accepted the change to " + key + " but lists "
                    + actual.mapping().summary() + " \"" + actual.mapping().description() + "\".");
        }
        p.report(1, "Changed " + key + ".");
        return new Outcome(actual.mapping(), notes);
    }

    /**
     * Delete + add; on failure the old mapping is put back and the message says so. A mapping the
     * router lists with values that cannot be sent back (no readable client, port 70000) is never
     * deleted: it could not be put back.
     */
    private Outcome replace(PortMapping old, PortMapping updated, List<String> notes, Progress p)
            throws PortForwardException {
        requireRestorable(old);
        p.report(0.5, "Replacing " + old.key() + "\u2026");
        router.delete(old.key(), p);
        Outcome added;
        try {
            added = router.add(updated, p);
        } catch (PortForwardException e) {
            ensurePresent(old, p, e);
            throw new PortForwardException(e.getMessage() + " The old mapping " + old.summary() + " was put back.", e);
        }
        notes.addAll(added.notes());
        return new Outcome(added.mapping(), notes);
    }

    private void requireRestorable(PortMapping old) throws InvalidInputException {
        try {
            check(old);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("The router lists " + old.key() + " with values PortForward could not put"
                    + " back if the change failed (" + e.getMessage() + "), so it was left as it is. Delete it and add"
                    + " a new one instead.");
        }
    }

    /** Puts {@code old} back if it is gone; says loudly if that fails, with what to re-add. */
    private void ensurePresent(PortMapping old, Progress p, PortForwardException cause) throws PortForwardException {
        if (can.listsTable() && get(old.key(), p).isPresent()) {
            return;
        }
        try {
            router.add(old, Progress.NONE);
        } catch (PortForwardException restoreFailed) {
            throw new PortForwardException(cause.getMessage() + " Putting the old mapping back failed too ("
                    + restoreFailed.getMessage() + "): re-add " + old.summary() + " \"" + old.description() + "\".", cause);
        }
    }

    /**
     * Enables or disables without deleting where the router honours NewEnabled. Where it ignores
     * it (miniupnpd) or the protocol has no such flag (PCP, NAT-PMP), disabling removes the
     * mapping from the router and keeps it in {@link ParkedMappings}; enabling puts it back.
     *
     * @param remoteHost as for {@link #edit}: kept when the mapping is rewritten or held
     */
    public Outcome setEnabled(MappingKey key, boolean enabled, InetAddress remoteHost, Progress p)
            throws PortForwardException {
        Optional<ListedMapping> onRouter = get(key, p);
        Optional<PortMapping> kept = parked.get(routerId, key);
        if (kept.isPresent()) {
            if (!enabled) {
                return new Outcome(kept.get(), List.of(key + " is already disabled."));
            }
            if (onRouter.isPresent()) {
                if (!kept.get().internalClient().equals(onRouter.get().mapping().internalClient())) {
                    // Someone took the port while ours was held: say who, like add does; keep ours.
                    throw conflict(kept.get(), onRouter.get(), p);
                }
                parked.remove(routerId, key);
                return new Outcome(onRouter.get().mapping(), List.of(key + " was already back on the router."));
            }
            Outcome added = add(kept.get().withEnabled(true), p);
            parked.remove(routerId, key);
            return added;
        }
        if (onRouter.isEmpty()) {
            throw new InvalidInputException("The router has no " + key + " mapping.");
        }
        PortMapping current = onRouter.get().mapping().withRemoteHost(remoteHost);
        if (current.internalClient() == null) {
            throw new InvalidInputException("The router lists " + key + " with an internal client that is not an IPv4"
                    + " address, so PortForward cannot rewrite it.");
        }
        if (current.enabled() == enabled) {
            return new Outcome(current, List.of(key + " is already " + (enabled ? "enabled." : "disabled.")));
        }
        requireRestorable(current.withEnabled(true));
        if (can.disablesInPlace()) {
            p.report(0.3, (enabled ? "Enabling " : "Disabling ") + key + "\u2026");
            router.add(current.withEnabled(enabled), p);
            PortMapping after = get(key, p).map(ListedMapping::mapping).orElseThrow(() -> new RouterProtocolException(
                    "The router no longer lists " + key + " after the change."));
            if (after.enabled() == enabled) {
                return new Outcome(after, List.of());
            }
            if (enabled) {
                throw new RouterProtocolException("The router keeps " + key + " disabled.");
            }
        }
        parked.put(routerId, current); // saved before anything is removed
        router.delete(key, p);
        String why = can.disablesInPlace() ? "This router ignores the enabled flag" : "This router cannot switch a"
                + " forward off";
        return new Outcome(current.withEnabled(false), List.of(why + ", so PortForward removed " + current.summary()
                + " from the router and keeps it; enable it to put it back."));
    }

    /** Every mapping this app keeps disabled for this router, for listings. */
    public List<PortMapping> parked() throws PortForwardException {
        return parked.forRouter(routerId);
    }
}
