package net.portforward.engine.model;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Whether mappings on this router can make the computer reachable from the internet. A router
 * whose own WAN address is private sits behind another NAT (a second router, or the provider's
 * carrier-grade NAT): its mappings only open ports on a network that is itself unreachable.
 */
public enum NatVerdict {
    PUBLIC("The router has a public internet address: port forwarding on it can make this computer reachable."),
    DOUBLE_NAT("The router's own internet address is not public, so it sits behind another router or"
            + " your provider's carrier-grade NAT (double NAT). Forwarding a port on this router will not"
            + " make you reachable from the internet; ask your provider for a public address or forward"
            + " the port on the outer router as well."),
    UNKNOWN("The router did not tell its internet address, so PortForward cannot tell whether forwarding works.");

    private final String explanation;

    NatVerdict(String explanation) {
        this.explanation = explanation;
    }

    /** Plain words for people. */
    public String explanation() {
        return explanation;
    }

    /**
     * The verdict for a WAN address as reported by GetExternalIPAddress. miniupnpd answers an empty
     * string when its WAN address is private (LAB.md), others answer 0.0.0.0: both mean the router
     * has no public address.
     */
    public static NatVerdict of(InetAddress external, boolean connected) {
        if (external == null) {
            return connected ? DOUBLE_NAT : UNKNOWN;
        }
        return isPublic(external) ? PUBLIC : DOUBLE_NAT;
    }

    /** True for a globally routable IPv4 address. */
    public static boolean isPublic(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0 // "this network"
                || a0 == 10 // RFC 1918
                || a0 == 127 // loopback
                || (a0 == 100 && a1 >= 64 && a1 <= 127) // RFC 6598 carrier-grade NAT
                || (a0 == 169 && a1 == 254) // link-local
                || (a0 == 172 && a1 >= 16 && a1 <= 31) // RFC 1918
                || (a0 == 192 && a1 == 0 && a2 == 0) // IETF protocol assignments
                || (a0 == 192 && a1 == 0 && a2 == 2) // TEST-NET-1
                || (a0 == 192 && a1 == 88 && a2 == 99) // 6to4 relay anycast
                || (a0 == 192 && a1 == 168) // RFC 1918
                || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100) // TEST-NET-2
                || (a0 == 203 && a1 == 0 && a2 == 113) // TEST-NET-3
                || a0 >= 224); // multicast and reserved
    }
}
