package net.portforward.engine.discovery;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingProtocol;
import net.portforward.engine.progress.Progress;

/** Asks the default gateway whether it speaks PCP or NAT-PMP, within a short budget. */
public interface PortControlProbe {
    MappingProtocol protocol();

    /**
     * @return the gateway with its status when it answered in time; empty when it did not, or
     *     answered that it does not speak this protocol
     */
    Optional<Gateway> probe(InetAddress gateway, InetAddress local, int port, Duration budget, Progress p)
            throws CancelledException;
}
