package net.portforward.engine.pinhole;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** This computer's IPv6 addresses, as well as the system tells them. */
public final class AddressTable {
    private AddressTable() {
    }

    /**
     * Linux: /proc/net/if_inet6, with the flags that tell temporary and deprecated addresses.
     * Elsewhere (and where that file cannot be read): Java's interface list, which has no such
     * flags, so the rows say {@code flagsKnown = false} and the choice falls back to preferring
     * EUI-64 addresses ({@link AddressChoice.Outcome#GUESSED}). macOS's ifconfig and Windows'
     * netsh do print the flags; reading them is left for when PortForward has users there to test.
     */
    public static List<InterfaceAddress6> read() {
        if (Files.isReadable(IfInet6.FILE)) {
            try {
                return IfInet6.parse(Files.readAllLines(IfInet6.FILE));
            } catch (IOException | RuntimeException e) {
                // fall back to Java's list below
            }
        }
        return fromJava();
    }

    private static List<InterfaceAddress6> fromJava() {
        List<InterfaceAddress6> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (java.net.InterfaceAddress ia : nif.getInterfaceAddresses()) {
                    InetAddress a = ia.getAddress();
                    // A plain copy: the scope (zone) Java attaches to link-local ones is not needed.
                    if (a instanceof Inet6Address v6
                            && InetAddress.getByAddress(v6.getAddress()) instanceof Inet6Address bare) {
                        out.add(new InterfaceAddress6(nif.getName(), bare, ia.getNetworkPrefixLength(), Set.of(),
                                false));
                    }
                }
            }
        } catch (SocketException | java.net.UnknownHostException e) {
            // no list: no address to choose
        }
        return out;
    }
}
