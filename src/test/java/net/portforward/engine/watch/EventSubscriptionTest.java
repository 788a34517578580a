package net.portforward.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.watch.EventSubscription.Renewal;
import net.portforward.testing.FakeEventing;
import net.portforward.testing.FakeResponse;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One subscription against the fake router's GENA, with NOTIFYs through a callback server on loopback. */
class EventSubscriptionTest {
    private static final InetAddress ROUTER = InetAddress.getLoopbackAddress();

    @TempDir
    Path dataDir;

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final MovableClock clock = MovableClock.fromNow();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private final SafeHttp http = new SafeHttp(Duration.ofSeconds(5));
    private FakeRouter fake;
    private URI eventUrl;
    private NotifyServer server;
    private EventSubscription subscription;

    @AfterEach
    void stop() {
        if (subscription != null) {
            subscription.close();
        }
        if (server != null) {
            server.close();
        }
        thread.shutdownNow();
        http.close();
        if (fake != null) {
            fake.close();
        }
    }

    private EventSubscription start(FakeRouter.Options options, Duration firstEventWait) throws Exception {
        fake = FakeRouter.start(options);
        try (PortForwardEngine engine = EngineTestSupport.engine(dataDir)) {
            eventUrl = EngineTestSupport.open(engine, fake).gateway().upnp().orElseThrow().service().eventSubUrl();
        }
        subscription = new EventSubscription(new GenaClient(http, clock), thread, clock, firstEventWait,
                new EventSubscription.Listener() {
                    @Override
                    public void renewalDue() {
                        heard.add("renewal due");
                    }

                    @Override
                    public void silent() {
                        heard.add("silent");
                    }

                    @Override
                    public void ended(net.portforward.engine.error.Fact why) {
                        heard.add("ended: " + why.english());
                    }

                    @Override
                    public void heard() {
                        heard.add("heard");
                    }

                    @Override
                    public void changed() {
                        heard.add("changed");
                    }
                });
        server = NotifyServer.start(ROUTER, ROUTER, subscription);
        return subscription;
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void theFirstNotifyIsHeardAndLaterOnesAreChanges() throws Exception {
        start(FakeRouter.Options.igd2(), Duration.ofSeconds(5)).subscribe(eventUrl, server.callback(), Progress.NONE);
        waitFor(() -> heard.contains("heard"), "the initial NOTIFY");
        assertEquals(List.of("heard"), heard, "SEQ 0 holds the state the last read has: no change");
        fake.eventing().notifySubscribers();
        waitFor(() -> heard.contains("changed"), "the next NOTIFY");
        assertEquals(List.of("heard", "changed"), heard);
    }

    @Test
    void aRenewalIsDueAtHalfTheGrantedTime() throws Exception {
        EventSubscription s = start(FakeRouter.Options.igd2().subscriptionSeconds(2), Duration.ofSeconds(5));
        long startNanos = System.nanoTime();
        s.subscribe(eventUrl, server.callback(), Progress.NONE);
        waitFor(() -> heard.contains("renewal due"), "the renewal");
        long tookMs = (System.nanoTime() - startNanos) / 1_000_000;
        assertTrue(tookMs >= 900, "due after " + tookMs + " ms of a 2 s subscription");
        assertEquals(Renewal.RENEWED, s.renew(Progress.NONE));
        assertEquals(1, fake.eventing().count("RENEW "));
    }

    @Test
    void aForgottenSubscriptionIsTakenOutAgainAndOneThatRanOutOnOurSideIsNoRestart() throws Exception {
        EventSubscription s = start(FakeRouter.Options.igd2(), Duration.ofSeconds(5));
        s.subscribe(eventUrl, server.callback(), Progress.NONE);
        fake.eventing().forgetSubscribers(); // a reboot
        assertEquals(Renewal.FORGOTTEN, s.renew(Progress.NONE));
        assertEquals(2, fake.eventing().count("SUBSCRIBE "));
        assertTrue(s.active());
        clock.advance(Duration.ofHours(1)); // the computer slept past the end
        fake.eventing().forgetSubscribers();
        assertEquals(Renewal.LAPSED, s.renew(Progress.NONE));
        assertEquals(3, fake.eventing().count("SUBSCRIBE "));
        assertEquals(1, fake.eventing().subscriberCount());
    }

    @Test
    void aRouterThatForgetsAndRefusesAgainEndsTheSubscription() throws Exception {
        EventSubscription s = start(FakeRouter.Options.igd2(), Duration.ofSeconds(5));
        s.subscribe(eventUrl, server.callback(), Progress.NONE);
        fake.serveRaw(eventUrl.getRawPath(), FakeResponse.status(412));
        assertEquals(Renewal.FORGOTTEN, s.renew(Progress.NONE));
        assertFalse(s.active());
        assertTrue(heard.contains("ended: The router refused to report changes (HTTP 412 to SUBSCRIBE)."), heard.toString());
        assertEquals(Renewal.UNKNOWN, s.renew(Progress.NONE), "nothing left to renew");
    }

    @Test
    void aSilentRouterIsNoticed() throws Exception {
        start(FakeRouter.Options.igd2().eventing(FakeEventing.Behaviour.SILENT), Duration.ofMillis(200))
                .subscribe(eventUrl, server.callback(), Progress.NONE);
        waitFor(() -> heard.contains("silent"), "the first wait to end");
        assertEquals(List.of("silent"), heard);
    }

    @Test
    void aNotifyRacingTheSubscribeAnswerWaitsForItsSid() throws Exception {
        EventSubscription s = start(FakeRouter.Options.igd2(), Duration.ofSeconds(5));
        fake.serveRaw(eventUrl.getRawPath(), FakeResponse.status(200).withHeader("SID", "uuid:slow")
                .withHeader("TIMEOUT", "Second-1800").delayedBy(Duration.ofMillis(500)));
        CompletableFuture<Void> subscribing = CompletableFuture.runAsync(() -> {
            try {
                s.subscribe(eventUrl, server.callback(), Progress.NONE);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        waitFor(() -> fake.requests().stream().anyMatch(r -> r.method().equals("SUBSCRIBE")), "the SUBSCRIBE to arrive");
        assertTrue(s.knows("uuid:slow"), "known once the answer is read");
        assertFalse(s.knows("uuid:someone-else"));
        subscribing.get(5, TimeUnit.SECONDS);
    }

    @Test
    void closingUnsubscribesAndStopsTheRenewals() throws Exception {
        EventSubscription s = start(FakeRouter.Options.igd2().subscriptionSeconds(2), Duration.ofSeconds(5));
        s.subscribe(eventUrl, server.callback(), Progress.NONE);
        s.close();
        assertEquals(1, fake.eventing().count("UNSUBSCRIBE "));
        assertEquals(0, fake.eventing().subscriberCount());
        assertFalse(s.knows(fake.eventing().log().get(0).substring("SUBSCRIBE ".length())));
        // A renewal would have been due after 1 s: wait for a marker queued behind that moment.
        CompletableFuture<Void> marker = new CompletableFuture<>();
        thread.schedule(() -> marker.complete(null), 1500, TimeUnit.MILLISECONDS);
        marker.get(5, TimeUnit.SECONDS);
        assertFalse(heard.contains("renewal due"), heard.toString());
        subscription = null;
    }
}
