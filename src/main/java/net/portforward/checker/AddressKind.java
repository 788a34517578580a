package net.portforward.checker;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What kind of address a check would connect back to. Only {@link #PUBLIC} ones are on the
 * internet; a checker that connected to the others would let anyone probe the checker host's own
 * loopback services, its private network, or a cloud's link-local metadata address (FIELD.md: a
 * self-hosted checker must not be an open proxy). Ranges from the IANA special-purpose address
 * registries (RFC 6890 and successors).
 */
public enum AddressKind {
    PUBLIC("a public address"),
    /** 127.0.0.0/8, ::1. */
    LOOPBACK("a loopback address, the checker's own computer"),
    /** RFC 1918 (10/8, 172.16/12, 192.168/16), IPv6 unique local fc00::/7 and site-local fec0::/10. */
    PRIVATE("a private address, which the internet cannot reach"),
    /** 169.254/16 (cloud metadata services live there), fe80::/10. */
    LINK_LOCAL("a link-local address, which the internet cannot reach"),
    /** 100.64/10 (RFC 6598): behind a provider's carrier-grade NAT. */
    CARRIER_GRADE_NAT("a carrier-grade NAT address (100.64.0.0/10), which the internet cannot reach"),
    /** 0.0.0.0/8, ::. */
    UNSPECIFIED("an unspecified address"),
    /** 192.0.2/24, 198.51.100/24, 203.0.113/24 (RFC 5737), 2001:db8::/32 (RFC 3849), 3fff::/20 (RFC 9637). */
    DOCUMENTATION("a documentation address, used only in examples"),
    /** 224/4, ff00::/8. */
    MULTICAST("a multicast address"),
    /** 240/4 and broadcast, 192.0.0/24, 198.18/15, IPv6 outside 2000::/3: nothing a check can reach. */
    RESERVED("a reserved address");

    private final String words;

    AddressKind(String words) {
        this.words = words;
    }

    /** The kind in words, as in "10.0.0.5 is a private address, which the internet cannot reach". */
    public String words() {
        return words;
    }

    public static AddressKind of(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff);
        }
        if (address instanceof Inet6Address) {
            return ipv6(b);
        }
        return RESERVED;
    }

    private static AddressKind ipv4(int a, int b, int c) {
        if (a == 0) {
            return UNSPECIFIED;
        }
        if (a == 127) {
            return LOOPBACK;
        }
        if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) {
            return PRIVATE;
        }
        if (a == 100 && b >= 64 && b <= 127) {
            return CARRIER_GRADE_NAT;
        }
        if (a == 169 && b == 254) {
            return LINK_LOCAL;
        }
        if ((a == 192 && b == 0 && c == 2) || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
            return DOCUMENTATION;
        }
        if (a >= 224 && a <= 239) {
            return MULTICAST;
        }
        if (a >= 240 || (a == 192 && b == 0 && c == 0) || (a == 198 && (b == 18 || b == 19))) {
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressKind ipv6(byte[] b) {
        boolean first96Zero = true;
        for (int i = 0; i < 12; i++) {
            first96Zero &= b[i] == 0;
        }
        if (first96Zero) {
            boolean last32Zero = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (last32Zero && b[15] == 0) {
                return UNSPECIFIED;
            }
            if (last32Zero && b[15] == 1) {
                return LOOPBACK;
            }
            return RESERVED; // IPv4-compatible (::a.b.c.d), deprecated by RFC 4291
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (isMappedIpv4(b)) {
            return of(embedded(b, 12));
        }
        // NAT64 (64:ff9b::/96, RFC 6052) and 6to4 (2002::/16, RFC 3056) lead to the IPv4 address inside.
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            return of(embedded(b, 12));
        }
        if (first == 0x20 && second == 0x02) {
            return of(embedded(b, 2));
        }
        if (first == 0xff) {
            return MULTICAST;
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return LINK_LOCAL;
        }
        if ((first & 0xfe) == 0xfc || (first == 0xfe && (second & 0xc0) == 0xc0)) {
            return PRIVATE;
        }
        if ((first == 0x20 && second == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8)
                || (first == 0x3f && second == 0xff && (b[2] & 0xf0) == 0)) {
            return DOCUMENTATION;
        }
        if ((first & 0xe0) != 0x20) {
            return RESERVED; // outside 2000::/3, the only global unicast space IANA hands out
        }
        return PUBLIC;
    }

    private static boolean isMappedIpv4(byte[] b) {
        return allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress embedded(byte[] b, int at) {
        try {
            return InetAddress.getByAddress(new byte[] {b[at], b[at + 1], b[at + 2], b[at + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
