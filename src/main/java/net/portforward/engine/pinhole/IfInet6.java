package net.portforward.engine.pinhole;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Linux's table of IPv6 addresses, /proc/net/if_inet6: one line per address, "ADDRESS IFINDEX
 * PREFIXLEN SCOPE FLAGS NAME", all numbers in hex ({@code 20010db8007700000000000000000010 02 40 00
 * 82 lan0}). It is the one place that tells a temporary (privacy) or deprecated address from a
 * stable one; Java's NetworkInterface does not.
 */
final class IfInet6 {
    static final java.nio.file.Path FILE = java.nio.file.Path.of("/proc/net/if_inet6");

    private IfInet6() {
    }

    /** Every line that reads whole; others are skipped. */
    static List<InterfaceAddress6> parse(List<String> lines) {
        List<InterfaceAddress6> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6 || f[0].length() != 32) {
                continue;
            }
            try {
                InetAddress a = InetAddress.getByAddress(HexFormat.of().parseHex(f[0]));
                if (!(a instanceof Inet6Address v6)) {
                    continue; // ::ffff:a.b.c.d comes back as IPv4: not an IPv6 address to open
                }
                int prefix = Integer.parseInt(f[2], 16);
                int flags = Integer.parseInt(f[4], 16);
                out.add(new InterfaceAddress6(f[5], v6, prefix, InterfaceAddress6.Flag.of(flags), true));
            } catch (IllegalArgumentException | UnknownHostException e) {
                // a line we cannot read is not an address we can offer
            }
        }
        return out;
    }
}
