package net.portforward.engine.natpmp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import net.portforward.engine.discovery.PortControlProbe;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.NatPmpService;
import net.portforward.engine.model.MappingProtocol;
import net.portforward.engine.portcontrol.EpochTracker;
import net.portforward.engine.portcontrol.GatewayStatus;
import net.portforward.engine.portcontrol.NoAnswerException;
import net.portforward.engine.progress.Progress;

/**
 * Whether the gateway speaks NAT-PMP: the external-address request, which creates nothing and
 * also gives the status. NETWORK_FAILURE is an answer too: a NAT-PMP gateway without a public
 * address (miniupnpd behind carrier-grade NAT, seen in the lab), shown as double NAT.
 */
public final class NatPmpProbe implements PortControlProbe {
    private final EpochTracker.Registry epochs;
    private final Clock clock;

    public NatPmpProbe(EpochTracker.Registry epochs, Clock clock) {
        this.epochs = epochs;
        this.clock = clock;
    }

    @Override
    public MappingProtocol protocol() {
        return MappingProtocol.NATPMP;
    }

    @Override
    public Optional<Gateway> probe(InetAddress gateway, InetAddress local, int port, Duration budget, Progress p)
            throws CancelledException {
        NatPmpClient natpmp = new NatPmpClient(new InetSocketAddress(gateway, port), local, clock,
                NatPmpClient.RFC_SCHEDULE);
        try {
            natpmp.externalAddress(budget, p);
        } catch (NatPmpException e) {
            if (!e.is(NatPmpResultCode.NETWORK_FAILURE)) {
                return Optional.empty(); // NAT-PMP switched off, or not spoken here
            }
        } catch (NoAnswerException e) {
            return Optional.empty();
        }
        return Optional.of(new Gateway(new NatPmpService(port), gateway, local,
                GatewayStatus.read(natpmp, null, epochs.of(gateway), budget, p), true));
    }
}
