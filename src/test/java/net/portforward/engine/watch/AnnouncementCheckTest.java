package net.portforward.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Announcements forged from the router's own address (UDP: anyone on the LAN can) against a watch
 * of the fake router, through a {@link BootIdListener} on loopback.
 */
class AnnouncementCheckTest {
    private static final InetAddress ROUTER = InetAddress.getLoopbackAddress();
    private static final Duration GAP = Duration.ofMillis(300);

    @TempDir
    Path dataDir;

    private final BlockingQueue<RouterChange> changes = new LinkedBlockingQueue<>();
    private PortForwardEngine engine;
    private FakeRouter fake;
    private RouterWatch watch;
    private DatagramSocket socket;
    private BootIdListener announcements;

    @AfterEach
    void stop() {
        if (announcements != null) {
            announcements.close();
        }
        if (watch != null) {
            watch.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private void start() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, EngineTestSupport.CLIENT, 80, "web")));
        engine = EngineTestSupport.engine(dataDir);
        Router router = EngineTestSupport.open(engine, fake);
        watch = engine.watch(router, new RouterWatch.Options(true, Duration.ofMinutes(5), Duration.ofSeconds(5), GAP),
                new RouterWatch.Listener() {
                    @Override
                    public void onChanges(List<RouterChange> list, RouterSnapshot now) {
                        changes.addAll(list);
                    }
                });
        watch.start(Progress.NONE);
        waitFor(() -> watch.mode() == RouterWatch.Mode.EVENTS, "the first NOTIFY");
        socket = new DatagramSocket(new InetSocketAddress(ROUTER, 0));
        announcements = BootIdListener.listen(socket, ROUTER, watch.announcementCheck());
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    private void announce(String bootId, int configId) throws Exception {
        byte[] b = BootIdListenerTest.alive(bootId).replace("CONFIGID.UPNP.ORG: 1337", "CONFIGID.UPNP.ORG: " + configId)
                .getBytes(StandardCharsets.ISO_8859_1);
        try (DatagramSocket out = new DatagramSocket(new InetSocketAddress(ROUTER, 0))) {
            out.send(new DatagramPacket(b, b.length, socket.getLocalSocketAddress()));
        }
    }

    /** Sends until the listener has it: loopback drops datagrams when its buffer is full. */
    private void announceUntilHeard(String bootId) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!bootId.equals(announcements.bootId())) {
            assertTrue(System.nanoTime() < until, "announcement " + bootId + " not heard");
            announce(bootId, 1);
            Thread.sleep(10);
        }
    }

    @Test
    void aFloodOfForgedAnnouncementsLeadsToAFewReadsAndNoRestart() throws Exception {
        start();
        int readsBefore = fake.callCount("GetStatusInfo");
        long renewalsBefore = fake.eventing().count("RENEW ");
        long startNanos = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            announce(String.valueOf(1763700000 + i), i); // a new boot id and configuration every time
        }
        announceUntilHeard("1763799999");
        long tookMs = (System.nanoTime() - startNanos) / 1_000_000;
        waitFor(() -> watch.announcementCheck().idle(), "the last check the flood asked for");
        watch.announcementCheck().drained().get(30, TimeUnit.SECONDS);

        long allowed = tookMs / GAP.toMillis() + 2;
        int reads = fake.callCount("GetStatusInfo") - readsBefore;
        long renewals = fake.eventing().count("RENEW ") - renewalsBefore;
        assertTrue(reads >= 1, "the router was asked");
        assertTrue(reads <= allowed, reads + " reads of the router for 500 announcements in " + tookMs + " ms");
        assertTrue(renewals <= allowed, renewals + " renewals for 500 announcements in " + tookMs + " ms");
        assertEquals(List.of(), List.copyOf(changes), "the router confirmed nothing: no restart, no change");
        assertEquals(1, fake.eventing().count("SUBSCRIBE "), "the subscription held");
    }

    @Test
    void aRealRestartAmongForgedAnnouncementsIsStillARestart() throws Exception {
        start();
        for (int i = 0; i < 50; i++) {
            announce(String.valueOf(1763700000 + i), i);
        }
        announceUntilHeard("1763700999");
        waitFor(() -> watch.announcementCheck().idle(), "the checks the forgeries asked for");
        fake.restart(); // empty table, subscription forgotten
        announceUntilHeard("1763701500");
        RouterChange c = changes.poll(10, TimeUnit.SECONDS);
        assertNotNull(c, "a change within 10 s");
        RouterChange.RouterRestarted r = assertInstanceOf(RouterChange.RouterRestarted.class, c);
        assertEquals("Router restarted: 1 mapping is gone (it announced that it had just started)", r.describe());
        waitFor(() -> fake.eventing().subscriberCount() == 1, "a new subscription");
    }
}
