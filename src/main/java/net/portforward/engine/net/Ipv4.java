package net.portforward.engine.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** IPv4 literals only: the engine never resolves a name a router or an SSDP answer gave it. */
public final class Ipv4 {
    private Ipv4() {
    }

    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (!GatewayAddressPolicy.isIpv4Literal(t)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t)); // a literal: no DNS look-up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public static boolean isUsableClient(InetAddress address) {
        return address instanceof Inet4Address && !address.isAnyLocalAddress() && !address.isMulticastAddress()
                && !address.isLoopbackAddress();
    }
}
