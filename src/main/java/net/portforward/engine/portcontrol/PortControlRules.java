package net.portforward.engine.portcontrol;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.mapping.MappingFact;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.RouterStatus;

/**
 * What PCP and NAT-PMP gateways have in common for the mappers: one mapping per internal port and
 * protocol of this computer (the protocols name a mapping by its internal port), leases that
 * must be renewed, and words for what the router granted.
 */
public final class PortControlRules {
    private PortControlRules() {
    }

    /**
     * A second external port to the same internal port would silently replace the first on the
     * router (RFC 6886 section 3.3, RFC 6887 section 11.3), so it is refused before anything is sent.
     */
    public static void oneForwardPerInternalPort(PortMapping wanted, List<PortMapping> held, String protocolName)
            throws InvalidInputException {
        Optional<PortMapping> other = held.stream()
                .filter(m -> m.protocol() == wanted.protocol() && m.internalPort() == wanted.internalPort()
                        && m.externalPort() != wanted.externalPort())
                .findFirst();
        if (other.isPresent()) {
            throw new InvalidInputException(MappingFact.ONE_PER_INTERNAL_PORT.with(protocolName, other.get(),
                    wanted.internalPort()));
        }
    }

    /** The lease to ask for: what the user asked, or the protocol's usual one for "permanent". */
    public static Duration lifetime(PortMapping wanted, Duration usual) {
        return wanted.permanent() ? usual : wanted.lease();
    }

    /** What the user should know about what the router granted. */
    public static List<Fact> notes(PortMapping wanted, int grantedPort, Duration granted) {
        List<Fact> notes = new java.util.ArrayList<>();
        if (grantedPort != wanted.externalPort()) {
            notes.add(MappingFact.OTHER_PORT_GRANTED.with(grantedPort, wanted.externalPort()));
        }
        if (!wanted.permanent() && !granted.equals(wanted.lease())) {
            notes.add(MappingFact.LEASE_GRANTED.with(granted, wanted.lease()));
        }
        if (wanted.permanent()) {
            notes.add(MappingFact.TIME_LIMIT.with(granted));
        }
        return notes;
    }

    /** Reads the gateway's status, to tell what a refusal really means. */
    @FunctionalInterface
    public interface StatusCheck {
        RouterStatus read() throws PortForwardException;
    }

    /**
     * The refusal to throw for a failed map. miniupnpd behind carrier-grade NAT answers PCP MAP
     * with NO_RESOURCES and NAT-PMP map with NETWORK_FAILURE (seen in the lab): when the gateway's
     * status says it has no public address, the truth is double NAT, and that is what is said.
     */
    public static RouterRefusedException refusal(RouterRefusedException refused, StatusCheck status)
            throws PortForwardException {
        if (refused.is(Refusal.TABLE_FULL) || refused.is(Refusal.NO_INTERNET)) {
            if (status.read().natVerdict() == NatVerdict.DOUBLE_NAT) {
                return new RouterRefusedException(Refusal.BEHIND_ANOTHER_NAT, refused.technical(),
                        "double NAT: " + refused.technical());
            }
        }
        return refused;
    }

    public static InvalidInputException noSuchMapping(MappingKey key) {
        return new InvalidInputException(MappingFact.NO_SUCH_MAPPING_OF_OURS.with(key));
    }
}
