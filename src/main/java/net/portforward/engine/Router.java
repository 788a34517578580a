package net.portforward.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.mapping.Listing;
import net.portforward.engine.mapping.MappingFact;
import net.portforward.engine.mapping.MappingJournal;
import net.portforward.engine.mapping.ParkedMappings;
import net.portforward.engine.mapping.PortMapper;
import net.portforward.engine.model.ByteCounters;
import net.portforward.engine.model.Capabilities;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.model.RouterInfo;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.progress.Progress;

/**
 * One gateway's mappings and information, whatever protocol reaches it (see {@link PortMapper}).
 * Every method is a blocking call to the router. Every change is noted as this program's own
 * (see {@link OwnChanges}) and told to the journal (the app's ledger).
 */
public final class Router {
    private final Gateway gateway;
    private final PortMapper mapper;
    private final MappingEditor editor;
    private final MappingJournal journal;
    private final OwnChanges own;
    private final String id;

    Router(PortMapper mapper, ParkedMappings parked, MappingJournal journal, OwnChanges own) {
        this.own = own;
        this.gateway = mapper.gateway();
        this.mapper = mapper;
        this.id = recordId(gateway);
        this.editor = new MappingEditor(mapper, parked, id);
        this.journal = journal;
    }

    /** What the app's records (held mappings, the ledger) file this router and WAN service under. */
    public String recordId() {
        return id;
    }

    /** See {@link Gateway#recordId()}. */
    public static String recordId(Gateway g) {
        return g.recordId();
    }

    public Gateway gateway() {
        return gateway;
    }

    /** What this router can do through its protocol. */
    public Capabilities capabilities() {
        return gateway.capabilities();
    }

    public RouterStatus status(Progress p) throws PortForwardException {
        return mapper.status(p);
    }

    /** See {@link PortMapper#lostStateSinceLastAsked()}. */
    public boolean lostStateSinceLastAsked() {
        return mapper.lostStateSinceLastAsked();
    }

    /** The byte counters on the router's internet side, for a traffic graph; see {@link PortMapper#traffic}. */
    public Optional<ByteCounters> traffic(Progress p) throws PortForwardException {
        return mapper.traffic(p);
    }

    /** Status plus whatever else the protocol tells (UPnP: connection type, link values). */
    public RouterInfo info(Progress p) throws PortForwardException {
        return mapper.info(p);
    }

    /**
     * The whole table, each entry handed to {@code sink} as it arrives, followed by the mappings
     * PortForward keeps disabled for a router that ignores the enabled flag.
     */
    public Listing list(Consumer<ListedMapping> sink, Progress p) throws PortForwardException {
        Listing result = mapper.list(sink, p);
        Map<MappingKey, PortMapping> onRouter = new HashMap<>();
        result.mappings().forEach(m -> onRouter.put(m.mapping().key(), m.mapping()));
        List<ListedMapping> all = new ArrayList<>(result.mappings());
        for (PortMapping kept : editor.parked()) {
            PortMapping there = onRouter.get(kept.key());
            if (there != null && kept.internalClient().equals(there.internalClient())) {
                continue; // back on the router: the router's entry says it all
            }
            List<Fact> warnings = there == null ? List.of() : List.of(MappingFact.NOW_FORWARDS_TO.with(
                    there.internalClient() == null ? MappingFact.ANOTHER_DEVICE : there.internalClient()));
            ListedMapping held = new ListedMapping(kept, warnings, true);
            all.add(held);
            sink.accept(held);
        }
        return new Listing(all, result.warnings());
    }

    public Optional<ListedMapping> get(MappingKey key, Progress p) throws PortForwardException {
        return editor.get(key, p);
    }

    /** Adds a mapping the user wants kept. */
    public MappingEditor.Outcome add(PortMapping mapping, Progress p) throws PortForwardException {
        return add(mapping, Retention.KEEP, p);
    }

    /** Adds a mapping, recorded in the journal before the router is asked and confirmed after. */
    public MappingEditor.Outcome add(PortMapping mapping, Retention retention, Progress p) throws PortForwardException {
        editor.check(mapping); // bad input is neither sent nor recorded
        journal.adding(id, mapping, retention);
        own.note(mapping.key());
        MappingEditor.Outcome outcome;
        try {
            outcome = editor.add(mapping, p);
        } catch (PortForwardException e) {
            journal.addFailed(id, mapping, e);
            throw e;
        } finally {
            own.note(mapping.key());
        }
        own.note(outcome.mapping().key()); // a PCP or NAT-PMP router may grant another port
        journal.added(id, mapping, outcome.mapping(), retention);
        return outcome;
    }

    /** Whether the router can pick a free external port itself (see {@link #addAnyPort}). */
    public boolean offersAnyPort() {
        return mapper.offersAnyPort();
    }

    /**
     * Adds a mapping on whatever external port the router picks, {@code mapping}'s being a
     * suggestion; recorded in the journal under the port granted.
     */
    public MappingEditor.Outcome addAnyPort(PortMapping mapping, Retention retention, Progress p)
            throws PortForwardException {
        editor.check(mapping);
        journal.adding(id, mapping, retention);
        own.note(mapping.key());
        MappingEditor.Outcome outcome;
        try {
            outcome = editor.addAnyPort(mapping, p);
        } catch (PortForwardException e) {
            journal.addFailed(id, mapping, e);
            throw e;
        }
        own.note(outcome.mapping().key());
        journal.added(id, mapping, outcome.mapping(), retention);
        return outcome;
    }

    /**
     * Deletes and adds again the mapping at {@code key}, for a forward the router lists but that
     * does not work (see {@link MappingEditor#repair}). Costs a listing, to keep its remote host.
     */
    public MappingEditor.Outcome repair(MappingKey key, Progress p) throws PortForwardException {
        return noting(key, key, () -> editor.repair(key, remoteHostOf(key, p), p));
    }

    /**
     * The mapping at {@code key} as the table lists it, including its remote host, which
     * GetSpecificPortMappingEntry does not report; a held (disabled) one when the router has none.
     * Costs a listing.
     */
    public Optional<ListedMapping> find(MappingKey key, Progress p) throws PortForwardException {
        List<ListedMapping> all = list(m -> { }, p).mappings();
        return all.stream().filter(m -> m.mapping().key().equals(key) && !m.heldByApp()).findFirst()
                .or(() -> all.stream().filter(m -> m.mapping().key().equals(key)).findFirst());
    }

    /** Changes the mapping at {@code key}; its remote-host restriction is looked up and kept. */
    public MappingEditor.Outcome edit(MappingKey key, PortMapping updated, Progress p) throws PortForwardException {
        editor.check(updated); // before the look-up: bad input sends nothing
        return noting(key, updated.key(), () -> {
            MappingEditor.Outcome outcome = editor.edit(key, updated, remoteHostOf(key, p), p);
            journal.changed(id, updated);
            return outcome;
        });
    }

    /**
     * As {@link #edit(MappingKey, PortMapping, Progress)}, for a caller that already has the
     * mapping as the table listed it (the window): no second listing, which on a big table costs
     * a minute (LargeTableLabIT).
     */
    public MappingEditor.Outcome edit(ListedMapping listed, PortMapping updated, Progress p) throws PortForwardException {
        editor.check(updated);
        return noting(listed.mapping().key(), updated.key(), () -> {
            MappingEditor.Outcome outcome = editor.edit(listed.mapping().key(), updated, remoteHostOf(listed), p);
            journal.changed(id, updated);
            return outcome;
        });
    }

    /** As {@link #setEnabled(MappingKey, boolean, Progress)}, with the mapping as listed. */
    public MappingEditor.Outcome setEnabled(ListedMapping listed, boolean enabled, Progress p) throws PortForwardException {
        MappingKey key = listed.mapping().key();
        return noting(key, key, () -> {
            MappingEditor.Outcome outcome = editor.setEnabled(key, enabled, remoteHostOf(listed), p);
            journal.enabledChanged(id, key, enabled);
            return outcome;
        });
    }

    private static java.net.InetAddress remoteHostOf(ListedMapping listed) {
        return listed.heldByApp() ? null : listed.mapping().remoteHost();
    }

    private java.net.InetAddress remoteHostOf(MappingKey key, Progress p) throws PortForwardException {
        return find(key, p).filter(m -> !m.heldByApp()).map(m -> m.mapping().remoteHost()).orElse(null);
    }

    public void delete(MappingKey key, Progress p) throws PortForwardException {
        noting(key, key, () -> {
            editor.delete(key, p);
            journal.removed(id, key);
            return null;
        });
    }

    public MappingEditor.Outcome setEnabled(MappingKey key, boolean enabled, Progress p) throws PortForwardException {
        return noting(key, key, () -> {
            MappingEditor.Outcome outcome = editor.setEnabled(key, enabled, remoteHostOf(key, p), p);
            journal.enabledChanged(id, key, enabled);
            return outcome;
        });
    }

    /** A change to the router, noted as this program's own before and after (see {@link OwnChanges}). */
    private <T> T noting(MappingKey before, MappingKey after, RouterCall<T> call) throws PortForwardException {
        own.note(before);
        own.note(after);
        try {
            return call.run();
        } finally {
            own.note(before);
            own.note(after);
        }
    }

    @FunctionalInterface
    private interface RouterCall<T> {
        T run() throws PortForwardException;
    }

    public OptionalInt freePortNear(MappingKey key, Progress p) throws PortForwardException {
        return mapper.freePortNear(key, p);
    }

    /**
     * A free external port for {@code key}, for routers that cannot pick one themselves: the
     * port itself when nothing holds it, else the nearest free one; never below 1024, which many
     * routers keep for themselves. Empty where none was found (or the router cannot tell).
     */
    public OptionalInt freePortFor(MappingKey key, Progress p) throws PortForwardException {
        MappingKey from = key.externalPort() < 1024 ? new MappingKey(key.protocol(), 1024) : key;
        if (capabilities().listsTable() && mapper.get(from, p).isEmpty()) {
            return OptionalInt.of(from.externalPort());
        }
        return mapper.freePortNear(from, p);
    }
}
