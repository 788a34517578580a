package net.portforward.engine.pcp;

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
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.natpmp.NatPmpClient;
import net.portforward.engine.portcontrol.EpochTracker;
import net.portforward.engine.portcontrol.GatewayStatus;
import net.portforward.engine.portcontrol.HeldMappings;
import net.portforward.engine.portcontrol.PortControlRules;
import net.portforward.engine.progress.Progress;

/**
 * Port mapping over PCP (RFC 6887): MAP requests with this installation's nonce for each
 * mapping, delete as lifetime 0, the granted port and lease taken as the router gives them. PCP
 * cannot list a router's table nor map for another computer (see the gateway's capabilities).
 */
public final class PcpMapper implements PortMapper {
    /** iroh asks PCP for an hour; renewed at half (FIELD.md). */
    static final Duration USUAL_LIFETIME = Duration.ofHours(1);

    private final Gateway gateway;
    private final PcpClient pcp;
    private final NatPmpClient natpmp;
    private final NonceKey.Source nonces;
    private final HeldMappings held;
    private final EpochTracker epochs;
    private final Duration timeout;

    /**
     * @param natpmp the same gateway's NAT-PMP, asked for the external address (see {@link GatewayStatus})
     * @param timeout how long one request may take, retransmissions included
     */
    public PcpMapper(Gateway gateway, PcpClient pcp, NatPmpClient natpmp, NonceKey.Source nonces, HeldMappings held,
            EpochTracker epochs, Duration timeout) {
        this.gateway = gateway;
        this.pcp = pcp;
        this.natpmp = natpmp;
        this.nonces = nonces;
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

    @Override
    public RouterStatus status(Progress p) throws PortForwardException {
        return GatewayStatus.read(natpmp, pcp, epochs, timeout, p);
    }

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

    @Override
    public MappingEditor.Outcome add(PortMapping wanted, Progress p) throws PortForwardException {
        PortControlRules.oneForwardPerInternalPort(wanted, held.all(), "PCP");
        Duration lifetime = PortControlRules.lifetime(wanted, USUAL_LIFETIME);
        MappingNonce nonce = nonce(wanted);
        PcpMapping m;
        try {
            m = pcp.map(new PcpMapRequest(nonce, wanted.protocol(), wanted.internalPort(), wanted.externalPort(),
                    Optional.empty(), lifetime), timeout, p);
        } catch (PcpException e) {
            epochs.observe(e.epoch(), e.receivedAt());
            throw PortControlRules.refusal(net.portforward.engine.portcontrol.Refusals.of(e), () -> status(p));
        }
        epochs.observe(m.epoch(), m.receivedAt());
        return new MappingEditor.Outcome(wanted.withExternalPort(m.externalPort()).withLease(m.lifetime()),
                PortControlRules.notes(wanted, m.externalPort(), m.lifetime()));
    }

    @Override
    public void delete(MappingKey key, Progress p) throws PortForwardException {
        PortMapping m = held.get(key).orElseThrow(() -> PortControlRules.noSuchMapping(key)).mapping();
        try {
            PcpMapping gone = pcp.delete(nonce(m), m.protocol(), m.internalPort(), timeout, p);
            epochs.observe(gone.epoch(), gone.receivedAt());
        } catch (PcpException e) {
            epochs.observe(e.epoch(), e.receivedAt());
            // miniupnpd answers NO_RESOURCES to deleting a mapping it no longer has (lab): gone is gone.
            if (!e.is(PcpResultCode.NO_RESOURCES)) {
                throw net.portforward.engine.portcontrol.Refusals.of(e);
            }
        }
    }

    private MappingNonce nonce(PortMapping m) throws PortForwardException {
        return nonces.get().nonce(gateway.address().getHostAddress(), m.protocol(), m.internalPort());
    }
}
