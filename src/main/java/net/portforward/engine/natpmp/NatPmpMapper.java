package net.portforward.engine.natpmp;

import java.time.Duration;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.portcontrol.EpochTracker;
import net.portforward.engine.portcontrol.GatewayStatus;
import net.portforward.engine.portcontrol.HeldMapper;
import net.portforward.engine.portcontrol.HeldMappings;
import net.portforward.engine.portcontrol.PortControlRules;
import net.portforward.engine.portcontrol.Refusals;
import net.portforward.engine.progress.Progress;

/**
 * Port mapping over NAT-PMP (RFC 6886): map and unmap by internal port, the granted port and lease
 * taken as the router gives them. Like PCP it cannot list a router's table nor map for another
 * computer (see the gateway's capabilities).
 */
public final class NatPmpMapper extends HeldMapper {
    /** RFC 6886 section 3.3 recommends two hours; renewed at half. */
    static final Duration USUAL_LIFETIME = Duration.ofHours(2);

    private final NatPmpClient natpmp;

    public NatPmpMapper(Gateway gateway, NatPmpClient natpmp, HeldMappings held, EpochTracker epochs, Duration timeout) {
        super(gateway, held, epochs, timeout);
        this.natpmp = natpmp;
    }

    @Override
    public RouterStatus status(Progress p) throws PortForwardException {
        return GatewayStatus.read(natpmp, null, epochs, timeout, p);
    }

    @Override
    public MappingEditor.Outcome add(PortMapping wanted, Progress p) throws PortForwardException {
        PortControlRules.oneForwardPerInternalPort(wanted, held.all(), "NAT-PMP");
        Duration lifetime = PortControlRules.lifetime(wanted, USUAL_LIFETIME);
        NatPmpMapping m;
        try {
            m = natpmp.map(wanted.protocol(), wanted.internalPort(), wanted.externalPort(), lifetime, timeout, p);
        } catch (NatPmpException e) {
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
            NatPmpMapping gone = natpmp.unmap(m.protocol(), m.internalPort(), timeout, p);
            epochs.observe(gone.epoch(), gone.receivedAt());
        } catch (NatPmpException e) {
            epochs.observe(e.epoch(), e.receivedAt());
            throw Refusals.of(e);
        }
    }
}
