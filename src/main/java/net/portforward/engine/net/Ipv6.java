package net.portforward.engine.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IPv6 literals only, as {@link Ipv4} is for IPv4: the engine never resolves a name a router or an
 * SSDP answer gave it. A zone ("%eth0") is refused, and so is an IPv4 address written as IPv6
 * ("::ffff:192.168.1.1"), which Java would quietly turn into IPv4 and so let through a check meant
 * for one family.
 */
public final class Ipv6 {
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private Ipv6() {
    }

    /** "2001:db8::1" or "[2001:db8::1]"; empty for anything else. */
    public static Optional<Inet6Address> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (!LITERAL.matcher(t).matches() || t.indexOf(':') < 0) {
            return Optional.empty();
        }
        try {
            // In brackets Java parses a literal or throws; it never looks the text up as a name.
            InetAddress a = InetAddress.getByName("[" + t + "]");
            return a instanceof Inet6Address v6 ? Optional.of(v6) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** A URI host in brackets holding an IPv6 literal. */
    public static boolean isUriLiteral(String host) {
        return host != null && host.startsWith("[") && parse(host).isPresent();
    }

    /** An address as a URI host: IPv6 in brackets, IPv4 as it is. */
    public static String uriHost(InetAddress address) {
        return address instanceof Inet6Address ? "[" + text(address) + "]" : address.getHostAddress();
    }

    /**
     * An address for people and files, IPv6 in its short form (RFC 5952: lower case, the longest
     * run of zero groups as "::"): "2001:db8:77::10", not Java's "2001:db8:77:0:0:0:0:10".
     */
    public static String text(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is written as 0 (RFC 5952 section 4.2.2)
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
