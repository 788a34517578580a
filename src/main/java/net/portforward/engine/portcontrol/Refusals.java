package net.portforward.engine.portcontrol;

import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.natpmp.NatPmpException;
import net.portforward.engine.natpmp.NatPmpResultCode;
import net.portforward.engine.pcp.PcpException;
import net.portforward.engine.pcp.PcpResultCode;

/**
 * PCP result codes (RFC 6887 section 7.4) and NAT-PMP result codes (RFC 6886 section 3.5) as the
 * protocol-neutral refusals every caller understands.
 */
public final class Refusals {
    private Refusals() {
    }

    public static Refusal of(PcpResultCode code) {
        return switch (code) {
            case UNSUPP_VERSION -> Refusal.UNSUPPORTED_VERSION;
            case NOT_AUTHORIZED -> Refusal.NOT_AUTHORIZED;
            case MALFORMED_REQUEST, MALFORMED_OPTION, EXCESSIVE_REMOTE_PEERS, SUCCESS -> Refusal.BAD_REQUEST;
            case UNSUPP_OPCODE, UNSUPP_OPTION -> Refusal.UNSUPPORTED_REQUEST;
            case NETWORK_FAILURE -> Refusal.NO_INTERNET;
            case NO_RESOURCES, USER_EX_QUOTA -> Refusal.TABLE_FULL;
            case UNSUPP_PROTOCOL -> Refusal.UNSUPPORTED_PROTOCOL;
            case CANNOT_PROVIDE_EXTERNAL -> Refusal.PORT_TAKEN;
            case ADDRESS_MISMATCH -> Refusal.BEHIND_ANOTHER_NAT;
        };
    }

    public static Refusal of(NatPmpResultCode code) {
        return switch (code) {
            case UNSUPPORTED_VERSION -> Refusal.UNSUPPORTED_VERSION;
            case NOT_AUTHORIZED -> Refusal.NOT_AUTHORIZED;
            case NETWORK_FAILURE -> Refusal.NO_INTERNET;
            case OUT_OF_RESOURCES -> Refusal.TABLE_FULL;
            case UNSUPPORTED_OPCODE, SUCCESS -> Refusal.UNSUPPORTED_REQUEST;
        };
    }

    public static RouterRefusedException of(PcpException e) {
        Refusal r = e.known().map(Refusals::of).orElse(Refusal.ROUTER_FAILED);
        String name = e.known().map(Enum::name).orElse("unknown");
        String technical = "PCP result " + e.code() + " (" + name + ")";
        return new RouterRefusedException(r, technical, technical);
    }

    public static RouterRefusedException of(NatPmpException e) {
        Refusal r = e.known().map(Refusals::of).orElse(Refusal.ROUTER_FAILED);
        String name = e.known().map(Enum::name).orElse("unknown");
        String technical = "NAT-PMP result " + e.code() + " (" + name + ")";
        return new RouterRefusedException(r, technical, technical);
    }
}
