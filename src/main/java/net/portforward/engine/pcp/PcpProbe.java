package net.portforward.engine.pcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import net.portforward.engine.discovery.PortControlProbe;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingProtocol;
import net.portforward.engine.model.PcpService;
import net.portforward.engine.natpmp.NatPmpClient;
import net.portforward.engine.portcontrol.EpochTracker;
import net.portforward.engine.portcontrol.GatewayStatus;
import net.portforward.engine.portcontrol.NoAnswerException;
import net.portforward.engine.progress.Progress;

/**
 * Whether the gateway speaks PCP: an ANNOUNCE request (Tailscale probes the same way), which
 * creates nothing. Within the probe's budget there is time for one request (RFC 6887's
 * retransmission starts at 3 s), sent at once.
 */
public final class PcpProbe implements PortControlProbe {
    private final EpochTracker.Registry epochs;
    private final Clock clock;

    public PcpProbe(EpochTracker.Registry epochs, Clock clock) {
        this.epochs = epochs;
        this.clock = clock;
    }

    @Override
    public MappingProtocol protocol() {
        return MappingProtocol.PCP;
    }

    @Override
    public Optional<Gateway> probe(InetAddress gateway, InetAddress local, int port, Duration budget, Progress p)
            throws CancelledException {
        InetSocketAddress server = new InetSocketAddress(gateway, port);
        PcpClient pcp = new PcpClient(server, local, clock, PcpRetransmission.rfc());
        EpochTracker tracker = epochs.of(gateway);
        try {
            PcpAnnounceAnswer a = pcp.announce(budget, p);
            tracker.observe(a.epoch(), a.receivedAt());
        } catch (PcpException | NoAnswerException e) {
            return Optional.empty(); // no PCP here (a NAT-PMP-only gateway answers UNSUPP_VERSION)
        }
        NatPmpClient natpmp = new NatPmpClient(server, local, clock, NatPmpClient.RFC_SCHEDULE);
        return Optional.of(new Gateway(new PcpService(port), gateway, local,
                GatewayStatus.read(natpmp, pcp, tracker, budget.multipliedBy(2), p), true));
    }

}
