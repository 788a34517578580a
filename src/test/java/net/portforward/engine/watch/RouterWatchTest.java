package net.portforward.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeEventing;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch against fake routers that event, stay silent, refuse, restart and expire subscriptions. */
class RouterWatchTest {
    /** Longer than any test: a change seen within it came from an event, not a poll. */
    private static final Duration NO_POLL = Duration.ofMinutes(5);

    @TempDir
    Path dataDir;

    private final BlockingQueue<RouterChange> changes = new LinkedBlockingQueue<>();
    private final List<String> modes = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final RouterWatch.Listener listener = new RouterWatch.Listener() {
        @Override
        public void onChanges(List<RouterChange> list, RouterSnapshot now) {
            changes.addAll(list);
        }

        @Override
        public void onMode(RouterWatch.Mode mode, Fact why) {
            modes.add(mode + (why == null ? "" : ": " + why.english()));
        }

        @Override
        public void onProblem(PortForwardException problem) {
            problems.add(problem.getMessage());
        }
    };
    private PortForwardEngine engine;
    private FakeRouter fake;
    private RouterWatch watch;

    @AfterEach
    void stop() {
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

    private RouterWatch watch(FakeRouter.Options options, RouterWatch.Options watchOptions) throws Exception {
        fake = FakeRouter.start(options);
        engine = EngineTestSupport.engine(dataDir);
        Router router = EngineTestSupport.open(engine, fake);
        watch = engine.watch(router, watchOptions, listener);
        watch.start(Progress.NONE);
        return watch;
    }

    private RouterChange next() throws InterruptedException {
        RouterChange c = changes.poll(5, TimeUnit.SECONDS);
        assertNotNull(c, "a change within 5 s; modes " + modes + ", problems " + problems);
        return c;
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    /** Another program changes the router through its SOAP API (as upnpc would). */
    private void otherProgramAdds(PortMapping m) throws Exception {
        try (PortForwardEngine other = EngineTestSupport.engine(dataDir.resolve("other"))) {
            EngineTestSupport.open(other, fake).add(m, Progress.NONE);
        }
    }

    @Test
    void anotherProgramsAddArrivesAsAnEventWithoutPolling() throws Exception {
        watch(FakeRouter.Options.igd2(), RouterWatch.Options.of(true, NO_POLL));
        waitFor(() -> watch.mode() == RouterWatch.Mode.EVENTS, "the first NOTIFY");
        otherProgramAdds(ChangeDetectorTest.mapping(Protocol.UDP, 27015, EngineTestSupport.CLIENT, 27015, "game", 0));
        RouterChange c = next();
        assertEquals("UDP 27015 \u2192 192.168.1.23:27015 added (\"game\")", c.describe());
        assertEquals(1, fake.eventing().count("SUBSCRIBE "));
    }

    @Test
    void anExternalAddressChangeArrivesAsAnEvent() throws Exception {
        watch(FakeRouter.Options.igd2(), RouterWatch.Options.of(true, NO_POLL));
        waitFor(() -> watch.mode() == RouterWatch.Mode.EVENTS, "the first NOTIFY");
        fake.setExternalIp("25.77.0.9");
        assertEquals("External address changed from 25.77.0.2 to 25.77.0.9", next().describe());
    }

    @Test
    void aFloodOfGenuineEventsLeadsToFewReadsOfTheRouter() throws Exception {
        watch(FakeRouter.Options.igd2(), RouterWatch.Options.of(true, NO_POLL));
        waitFor(() -> watch.mode() == RouterWatch.Mode.EVENTS, "the first NOTIFY");
        int readsBefore = fake.callCount("GetStatusInfo");
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            fake.eventing().notifySubscribers(); // a router gone mad, with our own SID
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (fake.eventing().notifyAnswers().size() < 301 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        // The re-read the last NOTIFYs asked for has run: none waits, and the watch's thread is through.
        waitFor(() -> !watch.refreshWaiting(), "the last re-read to start");
        watch.announcementCheck().drained().get(5, TimeUnit.SECONDS);
        int reads = fake.callCount("GetStatusInfo") - readsBefore;
        assertTrue(reads <= tookMs / RouterWatch.MIN_REFRESH_GAP.toMillis() + 3,
                reads + " reads of the router for 300 NOTIFYs in " + tookMs + " ms");
        assertTrue(reads >= 1, "the events were not ignored");
        assertEquals(List.of(), List.copyOf(changes), "nothing changed, nothing reported");
    }

    @Test
    void aSilentRouterIsPolled() throws Exception {
        watch(FakeRouter.Options.igd2().eventing(FakeEventing.Behaviour.SILENT),
                new RouterWatch.Options(true, Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(10)));
        waitFor(() -> watch.mode() == RouterWatch.Mode.POLLING, "polling");
        assertTrue(modes.contains("POLLING: the router accepted the subscription but sent no event within 300 ms"), modes.toString());
        fake.table().put(FakeMapping.tcp(8080, EngineTestSupport.CLIENT, 80, "web"));
        assertEquals("TCP 8080 \u2192 192.168.1.23:80 added (\"web\")", next().describe());
    }

    @Test
    void aRefusingRouterIsPolledAndTheReasonIsSaid() throws Exception {
        watch(FakeRouter.Options.igd2().eventing(FakeEventing.Behaviour.REFUSES),
                RouterWatch.Options.of(true, Duration.ofMillis(300)));
        assertEquals(RouterWatch.Mode.POLLING, watch.mode());
        assertEquals(List.of("POLLING: The router refused to report changes (HTTP 501 to SUBSCRIBE)."), modes);
        fake.preload(FakeMapping.tcp(2222, EngineTestSupport.CLIENT, 22, ""));
        assertEquals("TCP 2222 \u2192 192.168.1.23:22 added", next().describe());
    }

    @Test
    void withListeningOffNothingSubscribes() throws Exception {
        watch(FakeRouter.Options.igd2(), RouterWatch.Options.of(false, Duration.ofMillis(300)));
        assertEquals(List.of("POLLING: listening for the router's events is turned off"), modes);
        fake.table().put(FakeMapping.tcp(9000, EngineTestSupport.CLIENT, 9000, ""));
        next();
        assertEquals(List.of(), fake.eventing().log());
    }

    @Test
    void theSubscriptionIsRenewedBeforeItRunsOut() throws Exception {
        watch(FakeRouter.Options.igd2().subscriptionSeconds(2), RouterWatch.Options.of(true, NO_POLL));
        waitFor(() -> fake.eventing().count("RENEW ") >= 2, "two renewals of a 2 s subscription");
        assertEquals(1, fake.eventing().subscriberCount());
        assertEquals(1, fake.eventing().count("SUBSCRIBE "));
        assertEquals(RouterWatch.Mode.EVENTS, watch.mode());
    }

    @Test
    void aSubscriptionThatRanOutOnOurSideIsTakenOutAgainWithoutCallingItARestart() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, EngineTestSupport.CLIENT, 80, "web")));
        engine = EngineTestSupport.engine(dataDir);
        Router router = EngineTestSupport.open(engine, fake);
        net.portforward.testing.MovableClock clock = net.portforward.testing.MovableClock.fromNow();
        watch = new RouterWatch(router, new net.portforward.engine.net.SafeHttp(Duration.ofSeconds(5)),
                RouterWatch.Options.of(true, Duration.ofMillis(300)), listener, clock);
        watch.start(Progress.NONE);
        waitFor(() -> watch.mode() == RouterWatch.Mode.EVENTS, "the first NOTIFY");
        // The computer slept past the expiry: the router dropped the subscription, as it should.
        clock.advance(Duration.ofHours(1));
        fake.eventing().forgetSubscribers();
        waitFor(() -> fake.eventing().count("SUBSCRIBE ") == 2, "a new subscription");
        waitFor(() -> fake.eventing().subscriberCount() == 1, "subscribed");
        // Two more beats read the router's status: any change would have been reported by then.
        int statusReads = fake.callCount("GetStatusInfo");
        waitFor(() -> fake.callCount("GetStatusInfo") >= statusReads + 2, "two more beats");
        watch.announcementCheck().drained().get(5, TimeUnit.SECONDS);
        assertEquals(List.of(), List.copyOf(changes), "no restart, no change");
        assertEquals(RouterWatch.Mode.EVENTS, watch.mode());
    }

    @Test
    void aRouterRestartIsSaidWithTheMappingsItLost() throws Exception {
        watch(FakeRouter.Options.igd2().mappings(
                        FakeMapping.tcp(8080, EngineTestSupport.CLIENT, 80, "web"),
                        FakeMapping.udp(27015, EngineTestSupport.CLIENT, 27015, "game")),
                RouterWatch.Options.of(true, Duration.ofMillis(400)));
        waitFor(() -> watch.mode() == RouterWatch.Mode.EVENTS, "the first NOTIFY");
        fake.restart(); // empty table, subscribers forgotten, same uptime counter
        RouterChange c = next();
        RouterChange.RouterRestarted r = assertInstanceOf(RouterChange.RouterRestarted.class, c);
        assertEquals(2, r.lost().size());
        assertEquals("Router restarted: 2 mappings are gone (it forgot this program's event subscription)", r.describe());
        waitFor(() -> fake.eventing().subscriberCount() == 1, "a new subscription");
        assertEquals(2, fake.eventing().count("SUBSCRIBE "));
    }

    @Test
    void mappingsGoneAtAnyReadAreCheckedAgainstTheSubscription() throws Exception {
        watch(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, EngineTestSupport.CLIENT, 80, "web")),
                RouterWatch.Options.of(true, NO_POLL));
        waitFor(() -> watch.mode() == RouterWatch.Mode.EVENTS, "the first NOTIFY");
        fake.restart(); // no renewal is due for minutes: the next read must find out by itself
        watch.refreshSoon();
        RouterChange.RouterRestarted r = assertInstanceOf(RouterChange.RouterRestarted.class, next());
        assertEquals(1, r.lost().size());
        waitFor(() -> fake.eventing().subscriberCount() == 1, "a new subscription");
    }

    @Test
    void aNewBootIdIsARestartAtOnce() throws Exception {
        watch(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, EngineTestSupport.CLIENT, 80, "web")),
                RouterWatch.Options.of(true, NO_POLL));
        waitFor(() -> watch.mode() == RouterWatch.Mode.EVENTS, "the first NOTIFY");
        fake.restart();
        watch.announcementCheck().bootIdChanged("1763700000", "1763700999"); // as the announcement listener calls it
        RouterChange.RouterRestarted r = assertInstanceOf(RouterChange.RouterRestarted.class, next());
        assertEquals("Router restarted: 1 mapping is gone (it announced that it had just started)",
                r.describe());
        assertEquals(1, fake.eventing().subscriberCount(), "subscribed again");
    }

    @Test
    void aNewConfigurationThatKeptTheSubscriptionIsToldAsTheChangesItBrought() throws Exception {
        watch(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, EngineTestSupport.CLIENT, 80, "web")),
                RouterWatch.Options.of(true, NO_POLL));
        waitFor(() -> watch.mode() == RouterWatch.Mode.EVENTS, "the first NOTIFY");
        fake.table().remove("TCP", 8080); // a settings change on the router, with no NOTIFY
        watch.announcementCheck().configIdChanged("1337", "1338"); // as the announcement listener calls it
        assertEquals("TCP 8080 removed (\"web\")", next().describe());
        assertEquals(1, fake.eventing().count("SUBSCRIBE "), "the subscription still held");
    }

    @Test
    void aNewConfigurationThatLostTheSubscriptionIsARestart() throws Exception {
        watch(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, EngineTestSupport.CLIENT, 80, "web")),
                RouterWatch.Options.of(true, NO_POLL));
        waitFor(() -> watch.mode() == RouterWatch.Mode.EVENTS, "the first NOTIFY");
        fake.restart();
        watch.announcementCheck().configIdChanged("1337", "1338");
        RouterChange.RouterRestarted r = assertInstanceOf(RouterChange.RouterRestarted.class, next());
        assertEquals(1, r.lost().size());
        assertEquals(1, fake.eventing().subscriberCount(), "subscribed again");
    }

    @Test
    void withEventsTheWholeTableIsStillReadEveryFewBeats() throws Exception {
        // NOTIFYs that never come (a router that drops them, a callback server kept busy from the
        // LAN): the change still shows within FULL_READ_EVERY beats of 200 ms.
        watch(FakeRouter.Options.igd2(), RouterWatch.Options.of(true, Duration.ofMillis(200)));
        waitFor(() -> watch.mode() == RouterWatch.Mode.EVENTS, "the first NOTIFY");
        fake.table().put(FakeMapping.tcp(8080, EngineTestSupport.CLIENT, 80, "web")); // straight in: no NOTIFY
        assertEquals("TCP 8080 \u2192 192.168.1.23:80 added (\"web\")", next().describe());
        assertEquals(RouterWatch.Mode.EVENTS, watch.mode(), "still listening for events");
        assertEquals(1, fake.eventing().count("SUBSCRIBE "));
    }

    @Test
    void withoutASubscriptionAnAnnouncedRestartCountsOnlyWhenMappingsAreGone() throws Exception {
        watch(FakeRouter.Options.igd2().eventing(FakeEventing.Behaviour.REFUSES)
                        .mappings(FakeMapping.tcp(8080, EngineTestSupport.CLIENT, 80, "web")),
                new RouterWatch.Options(true, NO_POLL, Duration.ofSeconds(5), Duration.ofMillis(100)));
        int reads = fake.callCount("GetStatusInfo");
        watch.announcementCheck().bootIdChanged("1763700000", "1763700999"); // anyone can send this
        waitFor(() -> watch.announcementCheck().idle(), "the check it asked for");
        assertTrue(fake.callCount("GetStatusInfo") > reads, "the router was read");
        assertEquals(List.of(), List.copyOf(changes), "the router confirmed nothing: no restart");
        fake.restart();
        watch.announcementCheck().bootIdChanged("1763700999", "1763701500");
        RouterChange.RouterRestarted r = assertInstanceOf(RouterChange.RouterRestarted.class, next());
        assertEquals("Router restarted: 1 mapping is gone (it announced that it had just started)", r.describe());
    }

    @Test
    void aRouterThatVanishesIsAProblemAndItsReturnIsNoticed() throws Exception {
        List<String> recovered = new CopyOnWriteArrayList<>();
        fake = FakeRouter.start(FakeRouter.Options.igd2().eventing(FakeEventing.Behaviour.REFUSES));
        engine = EngineTestSupport.engine(dataDir, Duration.ofSeconds(1));
        Router router = EngineTestSupport.open(engine, fake);
        watch = engine.watch(router, RouterWatch.Options.of(true, Duration.ofMillis(200)), new RouterWatch.Listener() {
            @Override
            public void onProblem(PortForwardException problem) {
                problems.add(problem.getMessage());
            }

            @Override
            public void onRecovered() {
                recovered.add("back");
            }
        });
        watch.start(Progress.NONE);
        fake.crash();
        waitFor(() -> !problems.isEmpty(), "a problem report");
        assertTrue(problems.get(0).startsWith("The connection to the router at 127.0.0.1 broke")
                || problems.get(0).contains("did not answer"), problems.get(0));
        fake.restart();
        waitFor(() -> !recovered.isEmpty(), "recovery");
    }

    @Test
    void closingUnsubscribes() throws Exception {
        watch(FakeRouter.Options.igd2(), RouterWatch.Options.of(true, NO_POLL));
        waitFor(() -> fake.eventing().subscriberCount() == 1, "a subscription");
        watch.close();
        assertEquals(0, fake.eventing().subscriberCount());
        assertEquals(1, fake.eventing().count("UNSUBSCRIBE "));
        assertEquals(RouterWatch.Mode.STOPPED, watch.mode());
    }
}
