package net.portforward.engine.portcontrol;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.Listing;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.mapping.PortMapper;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.RouterInfo;
import net.portforward.engine.progress.Progress;

/**
 * What the PCP and NAT-PMP mappers share. Neither protocol can list a router's table, so the table
 * they show is the mappings this computer holds ({@link HeldMappings}); the gateway's epoch tells
 * when it lost its state. Each protocol maps, unmaps and reads the status its own way.
 */
public abstract class HeldMapper implements PortMapper {
    protected final Gateway gateway;
    protected final HeldMappings held;
    protected final EpochTracker epochs;
    /** How long one request may take, retransmissions included. */
    protected final Duration timeout;

    protected HeldMapper(Gateway gateway, HeldMappings held, EpochTracker epochs, Duration timeout) {
        this.gateway = gateway;
        this.held = held;
        this.epochs = epochs;
        this.timeout = timeout;
    }

    @Override
    public Gateway gateway() {
        return gateway;
    }

    @Override
    public boolean lostStateSinceLastAsked() {
        return epochs.takeLostState();
    }

    /** No description to read: the gateway with its status, nothing else. */
    @Override
    public RouterInfo info(Progress p) throws PortForwardException {
        return new RouterInfo(gateway.withStatus(status(p)), "", "", null);
    }

    @Override
    public Listing list(Consumer<ListedMapping> sink, Progress p) throws PortForwardException {
        return held.list(sink);
    }

    @Override
    public Optional<ListedMapping> get(MappingKey key, Progress p) throws PortForwardException {
        return held.get(key);
    }

    /** The mapping this computer holds under {@code key}; none is the usual "no such forward". */
    protected PortMapping heldMapping(MappingKey key) throws PortForwardException {
        return held.get(key).orElseThrow(() -> PortControlRules.noSuchMapping(key)).mapping();
    }

    /** {@code wanted} as the router granted it: its external port and lease, with notes where they differ. */
    protected static MappingEditor.Outcome granted(PortMapping wanted, int externalPort, Duration lifetime) {
        return new MappingEditor.Outcome(wanted.withExternalPort(externalPort).withLease(lifetime),
                PortControlRules.notes(wanted, externalPort, lifetime));
    }
}
