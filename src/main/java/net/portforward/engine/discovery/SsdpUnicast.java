package net.portforward.engine.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * An SSDP search sent straight to the default gateway, on a socket of our own. UDA 1.1 devices
 * answer a unicast search at once instead of after the random MX delay (miniupnpd within
 * milliseconds, LAB.md), and it needs no multicast group, so it is what PortForward tries first
 * (Tailscale does the same). Answers are read only from the gateway's address, from any source
 * port: Cisco CGA4131COM and TP-Link ER605 answer from ports other than 1900 (tailscale #7377).
 */
final class SsdpUnicast implements AutoCloseable {
    /**
     * Search targets: IGD:1 and IGD:2 by name, as Sagemcom FAST3890V3 answers ssdp:all with a
     * WFADevice only (tailscale #3557), and TR-064's IGD, which legacy Huawei gateways announce
     * (tailscale #6320). IPv4 only: a FritzBox misbehaves when IPv4 and IPv6 searches arrive
     * together (syncthing lib/upnp).
     */
    static final String[] TARGETS = {
        "urn:schemas-upnp-org:device:InternetGatewayDevice:1", "urn:schemas-upnp-org:device:InternetGatewayDevice:2",
        "urn:dslforum-org:device:InternetGatewayDevice:1"};
    /** An SSDP answer is a few hundred bytes; anything longer is cut, never buffered. */
    private static final int MAX_DATAGRAM = 2048;

    private final DatagramSocket socket;
    private final InetAddress gateway;
    private final int port;
    private final BiConsumer<InetAddress, String> others;
    private final Thread reader;
    /**
     * A second socket connected to the gateway's SSDP port, for one thing the first cannot
     * learn: whether the port is closed. Linux reports the ICMP "port unreachable" only to a
     * connected socket, and a router with UPnP turned off answers exactly that (miniupnpd with
     * enable_upnp=no, seen in the lab), so PCP or NAT-PMP can be used at once instead of after
     * waiting out UPnP's answer delay. Answers to it count like any other from the gateway.
     */
    private final DatagramSocket closedCheck;
    private final Thread closedCheckReader;
    private volatile boolean refused;

    /**
     * @param sink called on this search's thread with each datagram from the gateway, as text
     * @param others called with each datagram from any other address (counted there as dropped)
     */
    SsdpUnicast(InetAddress local, InetAddress gateway, int port, BiConsumer<InetAddress, String> sink,
            BiConsumer<InetAddress, String> others) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(local, 0));
        this.gateway = gateway;
        this.port = port;
        this.others = others;
        this.reader = new Thread(() -> read(sink), "portforward-ssdp-unicast");
        reader.setDaemon(true);
        reader.start();
        DatagramSocket check = new DatagramSocket(new InetSocketAddress(local, 0));
        check.connect(new InetSocketAddress(gateway, port));
        this.closedCheck = check;
        this.closedCheckReader = new Thread(() -> readClosedCheck(sink), "portforward-ssdp-unicast-check");
        closedCheckReader.setDaemon(true);
        closedCheckReader.start();
    }

    /** Whether the gateway said its SSDP port is closed (UPnP turned off). */
    boolean refused() {
        return refused;
    }

    /** Sends one search per target; a send that fails leaves the others and multicast to try. */
    void search() {
        for (String target : TARGETS) {
            // HOST names the multicast group even here, as devices that check it expect (Tailscale
            // does the same). MX 1 is the least: miniupnpd waits a random time up to MX before it
            // answers, and MX 0 would divide by zero in its delay computation (minissdp.c).
            byte[] request = request(target);
            try {
                socket.send(new DatagramPacket(request, request.length, new InetSocketAddress(gateway, port)));
            } catch (IOException e) {
                // unreachable now: the other probes and multicast still run
            }
        }
        byte[] check = request(TARGETS[TARGETS.length - 1]);
        try {
            closedCheck.send(new DatagramPacket(check, check.length));
        } catch (IOException e) {
            // the answer (or its absence) on the first socket still counts
        }
    }

    private static byte[] request(String target) {
        return ("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\n"
                + "ST: " + target + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void readClosedCheck(BiConsumer<InetAddress, String> sink) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!closedCheck.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                closedCheck.receive(packet);
            } catch (java.net.PortUnreachableException closedPort) {
                refused = true;
                return;
            } catch (IOException closed) {
                return;
            }
            sink.accept(packet.getAddress(),
                    new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.ISO_8859_1));
        }
    }

    private void read(BiConsumer<InetAddress, String> sink) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            String text = new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.ISO_8859_1);
            if (!packet.getAddress().equals(gateway)) {
                others.accept(packet.getAddress(), text); // another LAN host cannot answer for the gateway
                continue;
            }
            sink.accept(packet.getAddress(), text);
        }
    }

    @Override
    public void close() {
        socket.close();
        closedCheck.close();
    }
}
