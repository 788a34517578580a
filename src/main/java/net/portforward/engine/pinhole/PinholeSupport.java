package net.portforward.engine.pinhole;

import java.util.List;
import java.util.Optional;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.Phrase;

/**
 * Whether pinholes can be opened in the router's IPv6 firewall, and through what; or why not.
 * What the router panel and {@code info} tell.
 *
 * @param details what else was found on the way (why UPnP was not used, what the router answered):
 *     for the curious and for bug reports
 * @param address this computer's IPv6 address choice (the reason when there is none)
 */
public record PinholeSupport(Optional<PinholeService> service, Reason reason, List<Fact> details, AddressChoice address) {
    public PinholeSupport {
        details = List.copyOf(details);
    }

    /** Why pinholes are possible or not; each is a phrase of the shared words. */
    public enum Reason implements Phrase {
        /** Through {@link #service()}. */
        AVAILABLE("ipv6.available"),
        /** This computer has no public, stable IPv6 address to open. */
        NO_PUBLIC_ADDRESS("ipv6.none"),
        /** PortForward was told not to use IPv6 here (a test's setting, or no network to search). */
        IPV6_OFF("ipv6.off"),
        /** The router did not answer over IPv6 (no IPv6 SSDP answer, no PCP answer). */
        ROUTER_SILENT("ipv6.routerSilent"),
        /** The router answers over IPv6 but offers neither WANIPv6FirewallControl nor PCP. */
        NO_FIREWALL_CONTROL("ipv6.noFirewallControl");

        private final String key;

        Reason(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }
    }

    public boolean available() {
        return service.isPresent();
    }

    /**
     * Whether and how, as a fact: through what and for which address, or why not (for no public
     * address, the address choice's own reason).
     */
    public Fact fact() {
        return switch (reason) {
            case AVAILABLE -> reason.with(service.orElseThrow().localAddress(), service.orElseThrow().label());
            case NO_PUBLIC_ADDRESS -> address.fact();
            default -> reason.with();
        };
    }

    static PinholeSupport unavailable(Reason reason, List<Fact> details, AddressChoice address) {
        return new PinholeSupport(Optional.empty(), reason, details, address);
    }
}
