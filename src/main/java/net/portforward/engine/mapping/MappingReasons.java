package net.portforward.engine.mapping;

import net.portforward.engine.error.Reason;
import net.portforward.engine.model.PortMapping;

/** Why a forward was not added, beyond the router's refusal itself, as values for the front ends to word. */
public final class MappingReasons {
    private MappingReasons() {
    }

    /**
     * The router could not tell its internet address (an error, an unreadable answer, or
     * {@code zero}: 0.0.0.0), so {@code wanted} was not added: a forward added now would lead
     * nowhere, and a router that keeps only permanent forwards (MikroTik) would keep it as a leftover.
     */
    public record NoAddressBeforeAdd(PortMapping wanted, boolean zero) implements Reason {
    }

    /**
     * The router cannot pick a free external port itself (no IGD:2 AddAnyPortMapping);
     * PortForward can look for a free one instead.
     *
     * @param service the router's service type, such as WANIPConnection:1; null when unknown
     */
    public record AnyPortNotOffered(String service) implements Reason {
    }
}
