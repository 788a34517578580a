package net.portforward.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Announcements on a loopback socket (the fast suite sends no multicast), from the router and from others. */
class BootIdListenerTest {
    private static final InetAddress ROUTER = InetAddress.getLoopbackAddress();

    private final List<String> changes = new CopyOnWriteArrayList<>();
    private DatagramSocket socket;
    private BootIdListener listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    /** miniupnpd's NOTIFY for the root device (minissdp.c), with its boot id. */
    static String alive(String bootId) {
        return "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=120\r\n"
                + "LOCATION: http://192.168.77.1:2189/rootDesc.xml\r\nSERVER: Debian/12 UPnP/1.1 MiniUPnPd/2.3.1\r\n"
                + "NT: upnp:rootdevice\r\nUSN: uuid:3d3cec3a-8cf0-11e0-98ee-001a6bd2d07b::upnp:rootdevice\r\n"
                + "NTS: ssdp:alive\r\nOPT: \"http://schemas.upnp.org/upnp/1/0/\"; ns=01\r\n"
                + "01-NLS: " + bootId + "\r\nBOOTID.UPNP.ORG: " + bootId + "\r\nCONFIGID.UPNP.ORG: 1337\r\n\r\n";
    }

    private void start() throws Exception {
        socket = new DatagramSocket(new InetSocketAddress(ROUTER, 0));
        listener = BootIdListener.listen(socket, ROUTER, new BootIdListener.Sink() {
            @Override
            public void bootIdChanged(String before, String after) {
                changes.add(before + "->" + after);
            }

            @Override
            public void firstHeard(String bootId) {
                changes.add("first " + bootId);
            }

            @Override
            public void configIdChanged(String before, String after) {
                changes.add("config " + before + "->" + after);
            }
        });
    }

    private void sendFrom(InetAddress from, String text) throws Exception {
        try (DatagramSocket out = new DatagramSocket(new InetSocketAddress(from, 0))) {
            byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
            out.send(new DatagramPacket(b, b.length, socket.getLocalSocketAddress()));
        }
    }

    private void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out");
            Thread.sleep(5);
        }
    }

    private void waitForBootId(String id) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!id.equals(listener.bootId())) {
            assertTrue(System.nanoTime() < end, "boot id " + id + " not heard; last " + listener.bootId());
            Thread.sleep(5);
        }
    }

    @Test
    void aNewBootIdFromTheRouterIsARestart() throws Exception {
        start();
        sendFrom(ROUTER, alive("1763700000"));
        waitForBootId("1763700000");
        sendFrom(ROUTER, alive("1763700000")); // the periodic announcement: same boot
        sendFrom(ROUTER, alive("1763700999"));
        waitForBootId("1763700999");
        assertEquals(List.of("first 1763700000", "1763700000->1763700999"), changes);
    }

    @Test
    void theByebyeOfAStoppingRouterIsWhatItsNextAliveIsComparedWith() throws Exception {
        start();
        sendFrom(ROUTER, alive("100").replace("ssdp:alive", "ssdp:byebye"));
        waitForBootId("100");
        sendFrom(ROUTER, alive("105"));
        waitForBootId("105");
        assertEquals(List.of("100->105"), changes);
    }

    @Test
    void aNewConfigIdInTheSameBootIsAChangedDescriptionNotARestart() throws Exception {
        start();
        sendFrom(ROUTER, alive("7"));
        waitForBootId("7");
        sendFrom(ROUTER, alive("7").replace("CONFIGID.UPNP.ORG: 1337", "CONFIGID.UPNP.ORG: 1338"));
        waitFor(() -> "1338".equals(listener.configId()));
        sendFrom(ROUTER, alive("7").replace("CONFIGID.UPNP.ORG: 1337", "CONFIGID.UPNP.ORG: 1338"));
        sendFrom(ROUTER, alive("8").replace("CONFIGID.UPNP.ORG: 1337", "CONFIGID.UPNP.ORG: 1338"));
        waitForBootId("8");
        assertEquals(List.of("first 7", "config 1337->1338", "7->8"), changes);
    }

    @Test
    void anUpdateAnnouncesTheNextBootIdWhichIsThenNoRestart() throws Exception {
        start();
        sendFrom(ROUTER, alive("20"));
        waitForBootId("20");
        // UDA 1.1 section 1.2.4: a device whose network changed says which boot id comes next.
        sendFrom(ROUTER, alive("20").replace("ssdp:alive", "ssdp:update")
                .replace("CONFIGID.UPNP.ORG", "NEXTBOOTID.UPNP.ORG: 21\r\nCONFIGID.UPNP.ORG"));
        waitForBootId("21");
        sendFrom(ROUTER, alive("21"));
        sendFrom(ROUTER, alive("20")); // the old id after the update: that would be a restart
        waitForBootId("20");
        assertEquals(List.of("first 20", "21->20"), changes);
    }

    @Test
    void otherHostsCannotClaimTheRouterRestarted() throws Exception {
        start();
        sendFrom(ROUTER, alive("5"));
        waitForBootId("5");
        sendFrom(InetAddress.getByName("127.0.0.2"), alive("6"));
        // Sent after the forgery, with a new configuration number to show it was heard: once it is,
        // the forgery was too (one socket, one thread, in order).
        sendFrom(ROUTER, alive("5").replace("CONFIGID.UPNP.ORG: 1337", "CONFIGID.UPNP.ORG: 1338"));
        waitFor(() -> "1338".equals(listener.configId()));
        assertEquals("5", listener.bootId());
        assertEquals(List.of("first 5", "config 1337->1338"), changes);
    }

    @Test
    void onlyAliveNotifiesWithANumericBootIdCount() {
        BootIdListener.Kind alive = BootIdListener.Kind.ALIVE;
        assertEquals(Optional.of(new BootIdListener.Announcement(alive, "42", "", "1337")),
                BootIdListener.parse(alive("42")));
        assertEquals(Optional.of(new BootIdListener.Announcement(BootIdListener.Kind.BYEBYE, "42", "", "1337")),
                BootIdListener.parse(alive("42").replace("ssdp:alive", "ssdp:byebye")));
        assertEquals(Optional.of(new BootIdListener.Announcement(alive, "", "", "")),
                BootIdListener.parse(alive("42").replace("BOOTID.UPNP.ORG: 42", "BOOTID.UPNP.ORG: <script>")
                        .replace("CONFIGID.UPNP.ORG: 1337", "CONFIGID.UPNP.ORG: 99999999999")));
        assertEquals(Optional.empty(), BootIdListener.parse(alive("42").replace("ssdp:alive", "ssdp:whatever")));
        assertEquals(Optional.empty(), BootIdListener.parse("M-SEARCH * HTTP/1.1\r\nST: ssdp:all\r\n\r\n"));
        assertEquals(Optional.empty(), BootIdListener.parse("HTTP/1.1 200 OK\r\nBOOTID.UPNP.ORG: 1\r\n\r\n"));
        assertEquals(Optional.empty(), BootIdListener.parse("\u0000\u0001junk"));
    }

    @Test
    void aRouterOnLoopbackIsNeverListenedForOnTheMulticastGroup() {
        assertEquals(Optional.empty(), BootIdListener.open(InetAddress.getLoopbackAddress(), ROUTER, (a, b) -> { }));
    }
}
