package net.portforward.lab;

import static net.portforward.lab.LabNetwork.LAN_HOST_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code watch} against the real miniupnpd: upnpc changes the router behind the app's back and
 * each change must come out as a line; a restart must be named. Prints the time from upnpc's
 * change to the app's line, for events and for polling.
 */
class WatchLabIT extends LabCliTest {
    private static final Duration LINE_LIMIT = Duration.ofSeconds(15);

    @Override
    LabVariant variant() {
        return LabVariant.IGD2_PUBLIC;
    }

    @BeforeEach
    void clean() {
        app.reset();
    }

    /** upnpc adds (even steps) or deletes (odd steps) one mapping; the app's JSON line for it. */
    private record Step(String type, int port, long fromUpnpcStartMs, long afterUpnpcExitMs) {
    }

    private List<Step> changeTenTimes(AppProcess watch) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int port = 41000 + i / 2;
            boolean add = i % 2 == 0;
            long start = System.nanoTime();
            if (add) {
                lab.upnpcDirect("-e", "watched " + port, "-a", LAN_HOST_IP, String.valueOf(port), String.valueOf(port),
                        "TCP").orThrow();
            } else {
                lab.upnpcDirect("-d", String.valueOf(port), "TCP").orThrow();
            }
            long exited = System.nanoTime();
            AppProcess.Line line = watch.nextLine(LINE_LIMIT);
            assertNotNull(line, "a line for change " + i + "; stderr:\n" + watch.stderr());
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) AppCli.parseJson(line.text());
            assertEquals(add ? "mappingAdded" : "mappingRemoved", json.get("type"), line.text());
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) json.get("mapping");
            assertEquals(port, ((Number) m.get("externalPort")).intValue(), line.text());
            steps.add(new Step((String) json.get("type"), port, (line.nanos() - start) / 1_000_000,
                    (line.nanos() - exited) / 1_000_000));
        }
        return steps;
    }

    private static long count(String text, String word) {
        return text.lines().filter(l -> l.contains(word)).count();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void report(String what, List<Step> steps, Duration pollInterval) {
        List<Long> fromStart = steps.stream().map(Step::fromUpnpcStartMs).toList();
        List<Long> afterExit = steps.stream().map(Step::afterUpnpcExitMs).toList();
        System.out.printf("%nwatch, %s (poll interval %d s), 10 upnpc changes:%n"
                        + "  upnpc started -> watch line: median %d ms (min %d, max %d)%n"
                        + "  upnpc exited  -> watch line: median %d ms (min %d, max %d)%n  each (from start): %s%n",
                what, pollInterval.toSeconds(), median(fromStart), fromStart.stream().min(Long::compare).orElseThrow(),
                fromStart.stream().max(Long::compare).orElseThrow(), median(afterExit),
                afterExit.stream().min(Long::compare).orElseThrow(), afterExit.stream().max(Long::compare).orElseThrow(),
                fromStart);
    }

    @Test
    void changesByAnotherProgramArriveAsEventsWithinASecondOrTwo() throws Exception {
        Path settings = app.settingsWithEvents("events-on", "listen = true\npoll-interval = 30s");
        try (AppProcess watch = app.start(settings, "watch", "--json")) {
            assertTrue(watch.awaitStderr("The router reports its changes as they happen.", LINE_LIMIT), watch.stderr());
            List<Step> steps = changeTenTimes(watch);
            report("router events", steps, Duration.ofSeconds(30));
            // Far below the 30 s poll interval: only events explain it.
            assertTrue(median(steps.stream().map(Step::fromUpnpcStartMs).toList()) < 2000, steps.toString());
            long unsubscribesBefore = count(lab.routerLog(), "ProcessHTTPUnSubscribe");
            int exit = watch.interrupt(Duration.ofSeconds(15));
            assertEquals(130, exit, "Ctrl+C ends it; stderr:\n" + watch.stderr());
            // miniupnpd -d logs each UNSUBSCRIBE it handles (upnphttp.c).
            assertEquals(unsubscribesBefore + 1, count(lab.routerLog(), "ProcessHTTPUnSubscribe"),
                    "Ctrl+C unsubscribed from the router");
            assertFalse(watch.stderr().contains("\tat "), watch.stderr());
            assertFalse(watch.stderr().contains("Exception"), watch.stderr());
        }
    }

    @Test
    void withEventsOffChangesArriveWithinThePollInterval() throws Exception {
        Duration poll = Duration.ofSeconds(2);
        Path settings = app.settingsWithEvents("events-off", "listen = false\npoll-interval = 2s");
        try (AppProcess watch = app.start(settings, "watch", "--json")) {
            assertTrue(watch.awaitStderr("Reading the router every 2 s (listening for the router's events is turned off).",
                    LINE_LIMIT), watch.stderr());
            assertTrue(watch.awaitStderr("Ctrl+C stops.", LINE_LIMIT), watch.stderr());
            List<Step> steps = changeTenTimes(watch);
            report("polling, events turned off", steps, poll);
            for (Step s : steps) {
                assertTrue(s.afterUpnpcExitMs() < poll.toMillis() + 1500, "within the interval and one read: " + steps);
            }
        }
    }

    @Test
    void aRouterWhoseEventsNeverArriveIsReadEveryPollInterval() throws Exception {
        // The LAN host refuses every connection the router opens to it, so its NOTIFYs never
        // arrive: a router with eventing broken or firewalled, seen from the app.
        lab.inLan("nft", "add table inet pf_block_events").orThrow();
        lab.inLan("nft", "add chain inet pf_block_events input { type filter hook input priority 0 ; }").orThrow();
        lab.inLan("nft", "add rule inet pf_block_events input ip saddr " + LabNetwork.ROUTER_LAN_IP
                + " ct state new drop").orThrow();
        try {
            Duration poll = Duration.ofSeconds(2);
            Path settings = app.settingsWithEvents("events-blocked", "listen = true\npoll-interval = 2s");
            try (AppProcess watch = app.start(settings, "watch", "--json")) {
                assertTrue(watch.awaitStderr("Reading the router every 2 s (the router accepted the subscription but"
                        + " sent no event within 5 s).", Duration.ofSeconds(20)), watch.stderr());
                List<Step> steps = changeTenTimes(watch);
                report("events blocked on the way to the app, polling", steps, poll);
                for (Step st : steps) {
                    assertTrue(st.afterUpnpcExitMs() < poll.toMillis() + 1500, "within the interval and one read: " + steps);
                }
            }
        } finally {
            lab.inLan("nft", "delete table inet pf_block_events");
        }
    }

    @Test
    void aRouterRestartIsNamedAndTheKeptMappingComesBack() throws Exception {
        app.ok("add", "42001", "TCP", "42001", "--description", "kept by the app"); // kept: the default
        lab.upnpcDirect("-e", "upnpc's", "-a", LAN_HOST_IP, "42002", "42002", "UDP").orThrow();
        Path settings = app.settingsWithEvents("restart", "listen = true\npoll-interval = 2s");
        try (AppProcess watch = app.start(settings, "watch", "--json")) {
            assertTrue(watch.awaitStderr("The router reports its changes as they happen.", LINE_LIMIT), watch.stderr());
            long start = System.nanoTime();
            lab.restartRouter();
            long back = System.nanoTime();
            AppProcess.Line line = watch.nextLine(Duration.ofSeconds(30));
            assertNotNull(line, "a line for the restart; stderr:\n" + watch.stderr());
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) AppCli.parseJson(line.text());
            assertEquals("routerRestarted", json.get("type"), line.text());
            assertEquals(2, ((List<?>) json.get("lost")).size(), line.text());
            assertTrue(((String) json.get("text")).startsWith("Router restarted: 2 mappings are gone"), line.text());

            AppProcess.Line restored = watch.nextLine(LINE_LIMIT);
            assertNotNull(restored, watch.stderr());
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) AppCli.parseJson(restored.text());
            assertEquals("keptMappingsRestored", r.get("type"), restored.text());
            assertEquals("1 put back.", r.get("text"), restored.text());
            UpnpcListing.Row back42001 = UpnpcListing.find(lab.listMappings(), "TCP", 42001)
                    .orElseThrow(() -> new AssertionError("upnpc does not list the kept TCP 42001: " + lab.listMappings()));
            assertEquals("kept by the app", back42001.description());
            assertTrue(UpnpcListing.find(lab.listMappings(), "UDP", 42002).isEmpty(), "upnpc's own is not the app's to keep");
            System.out.printf("%nwatch, router restart: miniupnpd down and up in %d ms; the restart line %d ms and the"
                            + " kept mapping back %d ms after it was up (poll interval 2 s): %s / %s%n",
                    (back - start) / 1_000_000, (line.nanos() - back) / 1_000_000, (restored.nanos() - back) / 1_000_000,
                    json.get("text"), r.get("text"));

            // The watch subscribed again: the next change arrives as an event (after the line for
            // the put-back mapping, which the router reports like any other add).
            lab.upnpcDirect("-e", "after", "-a", LAN_HOST_IP, "42003", "42003", "TCP").orThrow();
            List<String> seen = new ArrayList<>();
            for (AppProcess.Line next; (next = watch.nextLine(LINE_LIMIT)) != null; ) {
                seen.add(next.text());
                if (next.text().contains("\"mappingAdded\"") && next.text().contains("42003")) {
                    return;
                }
            }
            throw new AssertionError("no line for upnpc's add after the restart: " + seen + "\n" + watch.stderr());
        }
    }
}
