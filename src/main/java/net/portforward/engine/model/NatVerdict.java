package net.portforward.engine.model;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Whether mappings on this router can make the computer reachable from the internet. A router
 * whose own WAN address is private sits behind another NAT (a second router, or the provider's
 * carrier-grade NAT): its mappings only open ports on a network that is itself unreachable.
 * The command line and the window put each verdict into words.
 */
public enum NatVerdict {
    /** The router has a public internet address: forwarding on it can make this computer reachable. */
    PUBLIC,
    /**
     * The router's own internet address is not public: it sits behind another router or the
     * provider's carrier-grade NAT, so forwarding on it alone does not make the computer reachable.
     */
    DOUBLE_NAT,
    /** The router did not tell its internet address, so whether forwarding works cannot be told. */
    UNKNOWN;

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
