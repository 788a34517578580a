package net.portforward.engine.pinhole;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.progress.Progress;

/**
 * One protocol's pinholes in one router's IPv6 firewall: UPnP's WANIPv6FirewallControl:1
 * ({@link UpnpPinholes}) or PCP MAP with an IPv6 address ({@link PcpPinholes}). Blocking calls,
 * sent from {@link #localAddress()}; refusals are
 * {@link net.portforward.engine.error.RouterRefusedException}s with their reason.
 */
public interface PinholeService {
    /** "UPnP (WANIPv6FirewallControl:1)" or "PCP": for people. */
    String label();

    /** This computer's address the pinholes open, and the one every request comes from. */
    Inet6Address localAddress();

    /** The router's IPv6 address the requests go to. */
    InetAddress routerAddress();

    /** Whether the firewall is on and allows pinholes; empty where the protocol does not say (PCP). */
    Optional<FirewallStatus> status(Progress p) throws PortForwardException;

    Pinhole open(PinholeRequest request, Progress p) throws PortForwardException;

    /**
     * A new lease for an open pinhole, from now.
     *
     * @throws net.portforward.engine.error.RouterRefusedException with
     *     {@link net.portforward.engine.error.Refusal#NO_SUCH_MAPPING} when the router no longer has it
     *     (it expired, or the router restarted): open it again
     */
    Pinhole renew(Pinhole pinhole, Duration lease, Progress p) throws PortForwardException;

    /** Closes it; one the router no longer has counts as closed. */
    void close(Pinhole pinhole, Progress p) throws PortForwardException;

    /** Traffic seen through it, as far as the router tells. */
    PinholeCheck check(Pinhole pinhole, Progress p) throws PortForwardException;
}
