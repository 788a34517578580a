package net.portforward.engine.pcp;

import java.time.Duration;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.natpmp.NatPmpClient;
import net.portforward.engine.portcontrol.EpochTracker;
import net.portforward.engine.portcontrol.GatewayStatus;
import net.portforward.engine.portcontrol.HeldMapper;
import net.portforward.engine.portcontrol.HeldMappings;
import net.portforward.engine.portcontrol.PortControlRules;
import net.portforward.engine.portcontrol.Refusals;
import net.portforward.engine.progress.Progress;

/**
 * Port mapping over PCP (RFC 6887): MAP requests with this installation's nonce for each
 * mapping, delete as lifetime 0, the granted port and lease taken as the router gives them. PCP
 * cannot list a router's table nor map for another computer (see the gateway's capabilities).
 */
public final class PcpMapper extends HeldMapper {
    /** iroh asks PCP for an hour; renewed at half (FIELD.md). */
    static final Duration USUAL_LIFETIME = Duration.ofHours(1);

    private final PcpClient pcp;
    private final NatPmpClient natpmp;
    private final NonceKey.Source nonces;

    /**
     * @param natpmp the same gateway's NAT-PMP, asked for the external address (see {@link GatewayStatus})
     * @param timeout how long one request may take, retransmissions included
     */
    public PcpMapper(Gateway gateway, PcpClient pcp, NatPmpClient natpmp, NonceKey.Source nonces, HeldMappings held,
            EpochTracker epochs, Duration timeout) {
        super(gateway, held, epochs, timeout);
        this.pcp = pcp;
        this.natpmp = natpmp;
        this.nonces = nonces;
    }

    @Override
    public RouterStatus status(Progress p) throws PortForwardException {
        return GatewayStatus.read(natpmp, pcp, epochs, timeout, p);
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
            throw PortControlRules.refusal(Refusals.of(e), () -> status(p));
        }
        epochs.observe(m.epoch(), m.receivedAt());
        return granted(wanted, m.externalPort(), m.lifetime());
    }

    @Override
    public void delete(MappingKey key, Progress p) throws PortForwardException {
        PortMapping m = heldMapping(key);
        try {
            PcpMapping gone = pcp.delete(nonce(m), m.protocol(), m.internalPort(), timeout, p);
            epochs.observe(gone.epoch(), gone.receivedAt());
        } catch (PcpException e) {
            epochs.observe(e.epoch(), e.receivedAt());
            // miniupnpd answers NO_RESOURCES to deleting a mapping it no longer has (lab): gone is gone.
            if (!e.is(PcpResultCode.NO_RESOURCES)) {
                throw Refusals.of(e);
            }
        }
    }

    private MappingNonce nonce(PortMapping m) throws PortForwardException {
        return nonces.get().nonce(gateway.address().getHostAddress(), m.protocol(), m.internalPort());
    }
}
