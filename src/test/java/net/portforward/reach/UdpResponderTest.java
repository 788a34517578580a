package net.portforward.reach;

import static net.portforward.reach.RawHttp.loopback;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The UDP responder answers the current token's datagram, unchanged, and nothing else. */
class UdpResponderTest {

    @Test
    void echoesOnlyTheCurrentTokensDatagram() throws Exception {
        try (UdpResponder r = UdpResponder.start(loopback(1), 0); DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(300);
            InetSocketAddress to = new InetSocketAddress(loopback(1), r.port());
            ReachToken token = ReachToken.random();

            send(client, to, CheckProtocol.udpProbe(token));
            assertThrows(SocketTimeoutException.class, () -> receive(client), "no token expected yet: silence");

            r.expect(token);
            byte[] probe = CheckProtocol.udpProbe(token);
            send(client, to, probe);
            assertArrayEquals(probe, receive(client));

            send(client, to, CheckProtocol.udpProbe(ReachToken.random()));
            assertThrows(SocketTimeoutException.class, () -> receive(client), "wrong token: silence");
            send(client, to, "hello".getBytes(StandardCharsets.US_ASCII));
            assertThrows(SocketTimeoutException.class, () -> receive(client), "junk: silence");
            byte[] big = Arrays.copyOf(probe, 2000);
            send(client, to, big);
            assertThrows(SocketTimeoutException.class, () -> receive(client), "oversized: silence");
            assertEquals(1, r.echoed());
        }
    }

    private static void send(DatagramSocket s, InetSocketAddress to, byte[] data) throws Exception {
        s.send(new DatagramPacket(data, data.length, to));
    }

    private static byte[] receive(DatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[512], 512);
        s.receive(p);
        return Arrays.copyOf(p.getData(), p.getLength());
    }
}
