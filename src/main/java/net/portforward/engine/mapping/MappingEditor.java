package net.portforward.engine.mapping;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.model.Capabilities;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.progress.Step;

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
    public record Outcome(PortMapping mapping, List<Fact> notes) {
        public Outcome {
            notes = List.copyOf(notes);
        }
    }

    public Optional<ListedMapping> get(MappingKey key, Progress p) throws PortForwardException {
        return router.get(key, p);
    }

    public Outcome add(PortMapping wanted, Progress p) throws PortForwardException {
        check(wanted);
        List<Fact> notes = new ArrayList<>();
        boolean replacing = false;
        if (can.listsTable()) {
            p.report(0.1, Step.CHECKING_FREE.with(wanted.key()));
            Optional<ListedMapping> existing = get(wanted.key(), p);
            if (existing.isPresent() && !wanted.internalClient().equals(existing.get().mapping().internalClient())) {
                throw conflict(wanted, existing.get(), p);
            }
            existing.ifPresent(e -> notes.add(MappingFact.REPLACED_OWN.with(e.mapping())));
            replacing = existing.isPresent();
        }
        if (!replacing) {
            router.checkBeforeAdd(wanted, p); // a new mapping only: rewriting one leaves nothing behind
        }
        p.report(0.4, Step.ADDING.with(wanted));
        Outcome granted = router.add(wanted, p);
        notes.addAll(granted.notes());
        p.report(1, Step.ADDED.with(granted.mapping()));
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
        p.report(0.4, Step.ASKING_FREE_PORT.with(wanted.protocol(), wanted.internalClient(), wanted.internalPort()));
        Outcome granted = router.addAnyPort(wanted, p);
        p.report(1, Step.ADDED.with(granted.mapping()));
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
                MappingFact.NO_MAPPING_TO_REPAIR.with(key)));
        PortMapping old = listed.mapping().withRemoteHost(remoteHost);
        requireRestorable(old);
        p.report(0.3, Step.DELETING.with(key));
        router.delete(key, p);
        Outcome added;
        try {
            p.report(0.6, Step.ADDING_AGAIN.with(old));
            added = router.add(old, p);
        } catch (PortForwardException e) {
            ensurePresent(old, p, e);
            throw new PortForwardException(MappingFact.PUT_BACK.with(e, old), e);
        }
        List<Fact> notes = new ArrayList<>(added.notes());
        notes.add(0, MappingFact.DELETED_AND_ADDED.with(key));
        p.report(1, Step.REPAIRED.with(key));
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
            throw new InvalidInputException(MappingFact.ONLY_FOR_ASKING_COMPUTER.with(router.gateway().serviceLabel(),
                    m.internalClient() == null ? MappingFact.ANOTHER_COMPUTER : m.internalClient(),
                    router.gateway().localAddress()));
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
            throw new InvalidInputException(MappingFact.NO_SUCH_MAPPING.with(key));
        }
        p.report(0.5, Step.DELETING.with(existing.get().mapping()));
        router.delete(key, p);
        if (can.listsTable() && get(key, p).isPresent()) {
            throw new RouterProtocolException(MappingFact.STILL_LISTED_AFTER_DELETE.with(key));
        }
        p.report(1, Step.DELETED.with(key));
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
            throw new InvalidInputException(MappingFact.EDIT_KEEPS_KEY.with());
        }
        Optional<ListedMapping> onRouter = get(key, p);
        if (onRouter.isEmpty()) {
            if (parked.get(routerId, key).isPresent()) {
                parked.put(routerId, updated);
                return new Outcome(updated.withEnabled(false), List.of(MappingFact.STAYS_DISABLED.with(key)));
            }
            throw new InvalidInputException(MappingFact.NO_MAPPING_TO_EDIT.with(key));
        }
        PortMapping old = onRouter.get().mapping().withRemoteHost(remoteHost);
        List<Fact> notes = new ArrayList<>();
        if (can.listsTable() && updated.internalClient().equals(old.internalClient())) {
            p.report(0.3, Step.CHANGING_IN_PLACE.with(key));
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
                p.report(1, Step.CHANGED.with(key));
                return new Outcome(after.get().mapping(), notes);
            }
            // miniupnpd 2.3.1 answers OK to an in-place AddPortMapping that changes only the
            // description, and keeps the old one (seen in the lab): replace it instead.
        }
        Outcome replaced = replace(old, updated, notes, p);
        if (!can.listsTable()) {
            p.report(1, Step.CHANGED.with(key));
            return replaced;
        }
        ListedMapping actual = get(key, p).orElseThrow(() -> new RouterProtocolException(
                MappingFact.GONE_AFTER_CHANGE.with(key)));
        if (!actual.mapping().withRemoteHost(updated.remoteHost()).sameSettingsAs(updated)) {
            throw new RouterProtocolException(MappingFact.CHANGED_DIFFERENTLY.with(key, actual.mapping(),
                    actual.mapping().description()));
        }
        p.report(1, Step.CHANGED.with(key));
        return new Outcome(actual.mapping(), notes);
    }

    /**
     * Delete + add; on failure the old mapping is put back and the message says so. A mapping the
     * router lists with values that cannot be sent back (no readable client, port 70000) is never
     * deleted: it could not be put back.
     */
    private Outcome replace(PortMapping old, PortMapping updated, List<Fact> notes, Progress p)
            throws PortForwardException {
        requireRestorable(old);
        p.report(0.5, Step.REPLACING.with(old.key()));
        router.delete(old.key(), p);
        Outcome added;
        try {
            added = router.add(updated, p);
        } catch (PortForwardException e) {
            ensurePresent(old, p, e);
            throw new PortForwardException(MappingFact.PUT_BACK.with(e, old), e);
        }
        notes.addAll(added.notes());
        return new Outcome(added.mapping(), notes);
    }

    private void requireRestorable(PortMapping old) throws InvalidInputException {
        try {
            check(old);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(MappingFact.NOT_RESTORABLE.with(old.key(), e));
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
            throw new PortForwardException(MappingFact.PUT_BACK_FAILED.with(cause, restoreFailed, old, old.description()),
                    cause);
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
                return new Outcome(kept.get(), List.of(MappingFact.ALREADY_DISABLED.with(key)));
            }
            if (onRouter.isPresent()) {
                if (!kept.get().internalClient().equals(onRouter.get().mapping().internalClient())) {
                    // Someone took the port while ours was held: say who, like add does; keep ours.
                    throw conflict(kept.get(), onRouter.get(), p);
                }
                parked.remove(routerId, key);
                return new Outcome(onRouter.get().mapping(), List.of(MappingFact.ALREADY_BACK.with(key)));
            }
            Outcome added = add(kept.get().withEnabled(true), p);
            parked.remove(routerId, key);
            return added;
        }
        if (onRouter.isEmpty()) {
            throw new InvalidInputException(MappingFact.NO_SUCH_MAPPING.with(key));
        }
        PortMapping current = onRouter.get().mapping().withRemoteHost(remoteHost);
        if (current.internalClient() == null) {
            throw new InvalidInputException(MappingFact.CLIENT_NOT_IPV4.with(key));
        }
        if (current.enabled() == enabled) {
            return new Outcome(current, List.of((enabled ? MappingFact.ALREADY_ENABLED : MappingFact.ALREADY_DISABLED)
                    .with(key)));
        }
        requireRestorable(current.withEnabled(true));
        if (can.disablesInPlace()) {
            p.report(0.3, (enabled ? Step.ENABLING : Step.DISABLING).with(key));
            router.add(current.withEnabled(enabled), p);
            PortMapping after = get(key, p).map(ListedMapping::mapping).orElseThrow(() -> new RouterProtocolException(
                    MappingFact.GONE_AFTER_SWITCH.with(key)));
            if (after.enabled() == enabled) {
                return new Outcome(after, List.of());
            }
            if (enabled) {
                throw new RouterProtocolException(MappingFact.KEPT_DISABLED.with(key));
            }
        }
        parked.put(routerId, current); // saved before anything is removed
        router.delete(key, p);
        return new Outcome(current.withEnabled(false), List.of((can.disablesInPlace() ? MappingFact.PARKED_IGNORES_FLAG
                : MappingFact.PARKED_NO_FLAG).with(current)));
    }

    /** Every mapping this app keeps disabled for this router, for listings. */
    public List<PortMapping> parked() throws PortForwardException {
        return parked.forRouter(routerId);
    }
}
