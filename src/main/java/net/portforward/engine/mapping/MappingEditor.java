package net.portforward.engine.mapping;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.UpnpErrorCode;
import net.portforward.engine.error.UpnpException;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.upnp.WanConnection;

/**
 * Adds, changes and removes mappings so that no mapping is ever lost: inputs are checked before
 * anything is sent, every change is read back, and an edit the router cannot do in place puts the
 * old mapping back if the new one fails.
 */
public final class MappingEditor {
    /** How far from the wanted port to look for a free one after a conflict. */
    static final int FREE_PORT_SEARCH = 20;

    private final WanConnection wan;
    private final ParkedMappings parked;
    private final String routerId;

    public MappingEditor(WanConnection wan, ParkedMappings parked, String routerId) {
        this.wan = wan;
        this.parked = parked;
        this.routerId = routerId;
    }

    /** A change that worked, and what the user should know about how. */
    public record Outcome(PortMapping mapping, List<String> notes) {
    }

    public Optional<ListedMapping> get(MappingKey key, Progress p) throws PortForwardException {
        return wan.getSpecificPortMappingEntry(key, p);
    }

    public Outcome add(PortMapping wanted, Progress p) throws PortForwardException {
        MappingRules.check(wanted);
        p.report(0.1, "Checking whether " + wanted.key() + " is free\u2026");
        Optional<ListedMapping> existing = get(wanted.key(), p);
        if (existing.isPresent() && !wanted.internalClient().equals(existing.get().mapping().internalClient())) {
            throw conflict(wanted, existing.get(), p);
        }
        List<String> notes = new ArrayList<>();
        existing.ifPresent(e -> notes.add("This computer already had " + e.mapping().summary() + "; it was replaced."));
        p.report(0.4, "Adding " + wanted.summary() + "\u2026");
        PortMapping sent = addWithFallbacks(wanted, notes, p);
        p.report(0.8, "Checking the router's table\u2026");
        ListedMapping actual = get(wanted.key(), p).orElseThrow(() -> new RouterProtocolException(
                "The router answered that it added " + wanted.summary() + ", but it does not list it. Some routers"
                        + " ignore additions silently (PortMapper #137); try again, or add it on the router's web page."));
        if (sent.permanent() && !actual.mapping().permanent()) {
            // IGD:2 routers grant a week at most: miniupnpd lists lease 0 as 604800 s.
            notes.add("The router gave " + wanted.key() + " a lease of " + actual.mapping().lease().toDays()
                    + " days instead of a permanent one.");
        }
        p.report(1, "Added " + wanted.summary() + ".");
        return new Outcome(merge(sent, actual.mapping()), notes);
    }

    /**
     * AddPortMapping with the retries mature clients make: 725 means the router takes permanent
     * mappings only (Tailscale, libtorrent retry with lease 0); 718 means another client holds the
     * port (IGD:1 routers also use it for "not your address").
     */
    private PortMapping addWithFallbacks(PortMapping m, List<String> notes, Progress p) throws PortForwardException {
        try {
            wan.addPortMapping(m, p);
            return m;
        } catch (UpnpException e) {
            if (e.is(UpnpErrorCode.ONLY_PERMANENT_LEASES_SUPPORTED) && !m.permanent()) {
                PortMapping permanent = m.withLease(Duration.ZERO);
                wan.addPortMapping(permanent, p);
                notes.add("This router accepts permanent mappings only, so " + m.summary() + " was added without a lease.");
                return permanent;
            }
            if (e.is(UpnpErrorCode.CONFLICT_IN_MAPPING_ENTRY)) {
                Optional<ListedMapping> holder = get(m.key(), p);
                throw new PortConflictException(m.key().toString(), holder.orElse(null), freePortNear(m.key(), p));
            }
            throw e;
        }
    }

    private PortConflictException conflict(PortMapping wanted, ListedMapping holder, Progress p) throws PortForwardException {
        return new PortConflictException(wanted.key().toString(), holder, freePortNear(wanted.key(), p));
    }

    /** The nearest external port with no mapping, looking up to {@link #FREE_PORT_SEARCH} either side. */
    public OptionalInt freePortNear(MappingKey key, Progress p) throws PortForwardException {
        for (int d = 1; d <= FREE_PORT_SEARCH; d++) {
            for (int port : new int[] {key.externalPort() + d, key.externalPort() - d}) {
                if (port >= 1024 && port <= 65535 && get(new MappingKey(key.protocol(), port), p).isEmpty()) {
                    return OptionalInt.of(port);
                }
            }
        }
        return OptionalInt.empty();
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
        wan.deletePortMapping(key, p);
        if (get(key, p).isPresent()) {
            throw new RouterProtocolException("The router answered that it deleted " + key + ", but still lists it.");
        }
        p.report(1, "Deleted " + key + ".");
    }

    /**
     * Changes description, internal client, internal port or lease of the mapping at {@code key}.
     * Same client: AddPortMapping overwrites in place (IGD spec). When the router does not take
     * the change in place, or the client changes (the router refuses to overwrite another
     * client's mapping, 718), it is delete + add, and when the add fails the old mapping is put
     * back. A mapping held disabled by PortForward is changed in its record.
     */
    /**
     * @param remoteHost the current mapping's remote-host restriction as the table listed it
     *     (GetSpecificPortMappingEntry does not report it), kept when the old mapping is put back
     */
    public Outcome edit(MappingKey key, PortMapping updated, InetAddress remoteHost, Progress p)
            throws PortForwardException {
        MappingRules.check(updated);
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
        if (updated.internalClient().equals(old.internalClient())) {
            p.report(0.3, "Changing " + key + " in place\u2026");
            try {
                addWithFallbacks(updated, notes, p);
            } catch (PortForwardException e) {
                ensurePresent(old, p, e);
                throw e;
            }
            Optional<ListedMapping> after = get(key, p);
            if (after.isPresent() && after.get().mapping().withRemoteHost(updated.remoteHost()).sameSettingsAs(updated)) {
                p.report(1, "Changed " + key + ".");
                return new Outcome(after.get().mapping(), notes);
            }
            // miniupnpd 2.3.1 answers OK to an in-place AddPortMapping that changes only the
            // description, and keeps the old one (seen in the lab): replace it instead.
        }
        replace(old, updated, notes, p);
        ListedMapping actual = get(key, p).orElseThrow(() -> new RouterProtocolException(
                "The router accepted the change to " + key + " but no longer lists it."));
        if (!actual.mapping().withRemoteHost(updated.remoteHost()).sameSettingsAs(updated)) {
            throw new RouterProtocolException("The router accepted the change to " + key + " but lists "
                    + actual.mapping().summary() + " \"" + actual.mapping().description() + "\".");
        }
        p.report(1, "Changed " + key + ".");
        return new Outcome(actual.mapping(), notes);
    }

    /** Delete + add; on failure the old mapping is put back and the message says so. */
    private void replace(PortMapping old, PortMapping updated, List<String> notes, Progress p) throws PortForwardException {
        p.report(0.5, "Replacing " + old.key() + "\u2026");
        wan.deletePortMapping(old.key(), p);
        try {
            addWithFallbacks(updated, notes, p);
        } catch (PortForwardException e) {
            ensurePresent(old, p, e);
            throw new PortForwardException(e.getMessage() + " The old mapping " + old.summary() + " was put back.", e);
        }
    }

    /** Puts {@code old} back if it is gone; says loudly if that fails, with what to re-add. */
    private void ensurePresent(PortMapping old, Progress p, PortForwardException cause) throws PortForwardException {
        if (get(old.key(), p).isPresent()) {
            return;
        }
        try {
            wan.addPortMapping(old, Progress.NONE);
        } catch (PortForwardException restoreFailed) {
            throw new PortForwardException(cause.getMessage() + " Putting the old mapping back failed too ("
                    + restoreFailed.getMessage() + "): re-add " + old.summary() + " \"" + old.description() + "\".", cause);
        }
    }

    /**
     * Enables or disables without deleting where the router honours NewEnabled. Where it ignores
     * it (miniupnpd), disabling removes the mapping from the router and keeps it in
     * {@link ParkedMappings}; enabling puts it back.
     */
    /** @param remoteHost as for {@link #edit}: kept when the mapping is rewritten or held */
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
        p.report(0.3, (enabled ? "Enabling " : "Disabling ") + key + "\u2026");
        addWithFallbacks(current.withEnabled(enabled), new ArrayList<>(), p);
        PortMapping after = get(key, p).map(ListedMapping::mapping).orElseThrow(() -> new RouterProtocolException(
                "The router no longer lists " + key + " after the change."));
        if (after.enabled() == enabled) {
            return new Outcome(after, List.of());
        }
        if (enabled) {
            throw new RouterProtocolException("The router keeps " + key + " disabled.");
        }
        parked.put(routerId, current); // saved before anything is removed
        wan.deletePortMapping(key, p);
        return new Outcome(current.withEnabled(false), List.of("This router ignores the enabled flag, so PortForward"
                + " removed " + current.summary() + " from the router and keeps it; enable it to put it back."));
    }

    /** The router's view, but the lease we asked for where it reports the time left. */
    private static PortMapping merge(PortMapping sent, PortMapping actual) {
        return actual.internalClient() == null ? sent : actual;
    }

    /** Every mapping this app keeps disabled for this router, for listings. */
    public List<PortMapping> parked() throws PortForwardException {
        return parked.forRouter(routerId);
    }

}
