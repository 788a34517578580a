package net.portforward.engine.pcp;

import static net.portforward.engine.portcontrol.PortControlTestSupport.LOOPBACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.portforward.engine.pcp.RestartAnnouncementListener.Announcement;
import net.portforward.engine.pcp.RestartAnnouncementListener.Source;
import net.portforward.engine.portcontrol.DropReason;
import net.portforward.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The restart listener's accept logic through unicast datagrams on 127.0.0.1; joining 224.0.0.1
 * is left to the lab (PortControlLabIT), since the fast suite sends no multicast.
 */
class RestartAnnouncementListenerTest {
    static final HexFormat HEX = HexFormat.of();
    static final byte[] PCP_ANNOUNCE = HEX.parseHex("02800000" + "00000000" + "0000002a" + "000000000000000000000000");
    static final byte[] NAT_PMP_ADDRESS = HEX.parseHex("00800000" + "0000002b" + "194d0002");

    private final MovableClock clock = MovableClock.at(Instant.parse("2024-05-01T10:00:00Z"));
    private final BlockingQueue<Announcement> heard = new LinkedBlockingQueue<>();
    private DatagramSocket socket;
    private DatagramSocket gateway;
    private DatagramSocket impostor;
    private RestartAnnouncementListener listener;

    @BeforeEach
    void start() throws Exception {
        socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        gateway = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        impostor = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        listener = RestartAnnouncementListener.listen(socket, LOOPBACK, clock, heard::add);
    }

    @AfterEach
    void stop() {
        listener.close();
        gateway.close();
        impostor.close();
    }

    private void send(DatagramSocket from, byte[] data) throws Exception {
        from.send(new DatagramPacket(data, data.length, new InetSocketAddress(LOOPBACK, socket.getLocalPort())));
    }

    @Test
    void aPcpAnnounceFromTheGateway() throws Exception {
        send(gateway, PCP_ANNOUNCE);
        assertEquals(new Announcement(Source.PCP_ANNOUNCE, 42, Optional.empty(), clock.instant()),
                heard.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aNatPmpAddressAnnouncementFromTheGateway() throws Exception {
        send(gateway, NAT_PMP_ADDRESS);
        assertEquals(new Announcement(Source.NAT_PMP_ADDRESS, 43, Optional.of(InetAddress.getByName("25.77.0.2")),
                clock.instant()), heard.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void onlyTheGatewaySpeaksForItself() throws Exception {
        send(impostor, PCP_ANNOUNCE);
        send(impostor, NAT_PMP_ADDRESS);
        send(gateway, PCP_ANNOUNCE);
        assertEquals(42, heard.poll(5, TimeUnit.SECONDS).epoch());
        assertTrue(await(() -> listener.dropped().count(DropReason.FOREIGN_SOURCE) == 2));
        assertNull(heard.poll(100, TimeUnit.MILLISECONDS), "an impostor's announcement was told");
    }

    @Test
    void junkAndOtherAnswersAreDroppedAndCounted() throws Exception {
        send(gateway, new byte[] {2, (byte) 0x80, 0});                                  // too short
        send(gateway, HEX.parseHex("07800000000000000000002a"));                       // version 7
        send(gateway, HEX.parseHex("02000000" + "00000000" + "0000002a" + "000000000000000000000000")); // no R bit
        send(gateway, HEX.parseHex("02800007" + "0000001e" + "0000002a" + "000000000000000000000000")); // an error
        send(gateway, PcpWireTest.mapAnswer(0, 60, 42, "00000000000000000000ffff194d0002", 80, 80));   // a MAP answer
        send(gateway, HEX.parseHex("00820000" + "0000002b" + "1f901f90" + "00000e10"));  // a NAT-PMP mapping answer
        send(gateway, HEX.parseHex("00800003" + "0000002b" + "00000000"));               // NETWORK_FAILURE
        send(gateway, new byte[0]);
        send(gateway, NAT_PMP_ADDRESS);
        assertEquals(43, heard.poll(5, TimeUnit.SECONDS).epoch());
        assertTrue(await(() -> listener.dropped().total() == 8), () -> listener.dropped().toString());
        assertEquals(Map.of(DropReason.MALFORMED, 4L, DropReason.NOT_OURS, 4L), listener.dropped().snapshot());
        assertNull(heard.poll(100, TimeUnit.MILLISECONDS));
    }

    @Test
    void aFailingSinkDoesNotStopTheListening() throws Exception {
        listener.close();
        socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        listener = RestartAnnouncementListener.listen(socket, LOOPBACK, clock, a -> {
            heard.add(a);
            throw new IllegalStateException("the sink broke");
        });
        send(gateway, PCP_ANNOUNCE);
        send(gateway, NAT_PMP_ADDRESS);
        assertEquals(Source.PCP_ANNOUNCE, heard.poll(5, TimeUnit.SECONDS).source());
        assertEquals(Source.NAT_PMP_ADDRESS, heard.poll(5, TimeUnit.SECONDS).source());
    }

    @Test
    void closingClosesTheSocket() {
        listener.close();
        assertTrue(socket.isClosed());
    }

    @Test
    void aGatewayOnLoopbackIsNeverListenedForOnTheGroup() throws Exception {
        // Loopback is never where a gateway announces: a router there is a test's fake.
        assertEquals(Optional.empty(), RestartAnnouncementListener.open(LOOPBACK, LOOPBACK, clock, heard::add));
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
