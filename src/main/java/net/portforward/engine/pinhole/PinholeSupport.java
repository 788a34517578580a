package net.portforward.engine.pinhole;

import java.util.Optional;

/**
 * Whether pinholes can be opened in the router's IPv6 firewall, and through what; or, in words,
 * why not. What the router panel and {@code info} tell.
 *
 * @param address this computer's IPv6 address choice (the reason when there is none)
 */
public record PinholeSupport(Optional<PinholeService> service, Reason reason, String sentence, AddressChoice address) {

    /** Why pinholes are possible or not. */
    public enum Reason {
        /** Through {@link #service()}. */
        AVAILABLE,
        /** This computer has no public, stable IPv6 address to open. */
        NO_PUBLIC_ADDRESS,
        /** PortForward was told not to use IPv6 here (a test's setting, or no network to search). */
        IPV6_OFF,
        /** The router did not answer over IPv6 (no IPv6 SSDP answer, no PCP answer). */
        ROUTER_SILENT,
        /** The router answers over IPv6 but offers neither WANIPv6FirewallControl nor PCP. */
        NO_FIREWALL_CONTROL
    }

    public boolean available() {
        return service.isPresent();
    }

    static PinholeSupport unavailable(Reason reason, String sentence, AddressChoice address) {
        return new PinholeSupport(Optional.empty(), reason, sentence, address);
    }
}
