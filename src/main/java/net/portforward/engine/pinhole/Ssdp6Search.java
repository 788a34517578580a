package net.portforward.engine.pinhole;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.portforward.engine.discovery.SsdpAnswer;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.net.Ipv6;
import net.portforward.engine.net.Text;
import net.portforward.engine.progress.Progress;

/**
 * An SSDP search over IPv6 for one router already found over IPv4, to learn its IPv6 address:
 * miniupnpd names it in the LOCATION of its IPv6 answers ("HTTP IPv6 address given to control
 * points", when ipv6_listening_ip is not set; LAB.md). Sent from the address the pinholes will
 * open, so the router answers from its own global address, the one LOCATION names (seen in the
 * lab; a search from the link-local address is answered from the router's link-local one).
 * Run alone, after the IPv4 search: a FritzBox misbehaves when IPv4 and IPv6 searches arrive
 * together (syncthing lib/upnp).
 *
 * <p>An answer counts only when it comes from the address its LOCATION names (as over IPv4) and
 * its USN carries the UDN of the router found over IPv4: any LAN host can answer a search.
 */
final class Ssdp6Search {
    private static final int MAX_DATAGRAM = 2048;
    private static final int POLL_MS = 50;

    /** The first good answer, or none with what was refused and why. */
    record Result(Optional<SsdpAnswer> answer, List<Fact> refused) {
    }

    private Ssdp6Search() {
    }

    static Result search(Inet6Address local, NetworkInterface nif, Ipv6Network net, String searchTarget, String udn,
            Duration wait, Progress p) throws CancelledException {
        List<Fact> refused = new ArrayList<>();
        try (MulticastSocket socket = new MulticastSocket(new InetSocketAddress(local, 0))) {
            List<InetSocketAddress> to = new ArrayList<>();
            if (net.unicastSearch().isPresent()) {
                to.add(net.unicastSearch().get());
            } else if (nif == null) {
                refused.add(PinholeFact.NO_LINK.with());
                return new Result(Optional.empty(), refused);
            } else {
                socket.setNetworkInterface(nif);
                byte[] group = InetAddress.getByName(Ipv6Network.SSDP_GROUP).getAddress();
                to.add(new InetSocketAddress(Inet6Address.getByAddress(null, group, nif), Ipv6Network.SSDP_PORT));
                // Also straight to the IPv6 default router: miniupnpd answers a unicast search at once,
                // a multicast one only after a random delay of up to MX (1 s). Its answer still comes
                // from (and is checked against) the address its LOCATION names, since the search is
                // sent from a global address.
                net.defaultRouter().get().ifPresent(r -> to.add(new InetSocketAddress(r, Ipv6Network.SSDP_PORT)));
            }
            // MX 1 is the least: miniupnpd waits a random time up to MX before it answers a
            // multicast search, and MX 0 would divide by zero there (minissdp.c).
            byte[] request = ("M-SEARCH * HTTP/1.1\r\nHOST: [FF02::C]:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\n"
                    + "ST: " + searchTarget + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            for (InetSocketAddress address : to) {
                try {
                    socket.send(new DatagramPacket(request, request.length, address));
                } catch (IOException e) {
                    refused.add(PinholeFact.SEARCH_NOT_SENT_TO.with(address.getAddress(), e.getMessage()));
                }
            }
            long deadline = System.nanoTime() + wait.toNanos();
            byte[] buffer = new byte[MAX_DATAGRAM];
            socket.setSoTimeout(POLL_MS);
            while (System.nanoTime() - deadline < 0) {
                p.checkCancelled();
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException poll) {
                    continue;
                }
                String text = new String(packet.getData(), packet.getOffset(), packet.getLength(),
                        StandardCharsets.ISO_8859_1);
                Optional<SsdpAnswer> a = check(packet.getAddress(), text, udn, net, refused);
                if (a.isPresent()) {
                    return new Result(a, refused);
                }
            }
        } catch (IOException e) {
            refused.add(PinholeFact.SEARCH_NOT_SENT.with(e.getMessage()));
        }
        return new Result(Optional.empty(), refused);
    }

    private static Optional<SsdpAnswer> check(InetAddress source, String text, String udn, Ipv6Network net,
            List<Fact> refused) {
        String from = Ipv6.text(source);
        SsdpAnswer a;
        try {
            a = SsdpAnswer.parse(source, text);
        } catch (RouterProtocolException e) {
            refused.add(PinholeFact.ANSWER_UNREADABLE.with(from, e));
            return Optional.empty();
        }
        String usn = a.usn().toLowerCase(Locale.ROOT);
        if (udn.isEmpty() || !(usn.equals(udn.toLowerCase(Locale.ROOT)) || usn.startsWith(udn.toLowerCase(Locale.ROOT)
                + "::"))) {
            refused.add(PinholeFact.ANSWER_OTHER_DEVICE.with(from, Text.clean(a.usn(), 80)));
            return Optional.empty();
        }
        // A router's global or unique local (fc00::/7) address; a link-local one would need its
        // interface in every URL, which the address policy does not take.
        boolean usable = source instanceof Inet6Address v6 && (AddressChoice.isGlobal(v6)
                || (v6.getAddress()[0] & 0xfe) == 0xfc || (net.loopbackRouters() && v6.isLoopbackAddress()));
        if (!usable) {
            refused.add(PinholeFact.ANSWER_UNCALLABLE.with(from));
            return Optional.empty();
        }
        return Optional.of(a);
    }
}
