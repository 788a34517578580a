package net.portforward.cli;

import net.portforward.testing.JsonText;
import net.portforward.app.CommandLineParts;
import net.portforward.engine.discovery.DiscoveryPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.portforward.config.SettingsLoader;
import net.portforward.engine.EngineTestSupport;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watch} against the fake router: events, polling, JSON lines, bad input. */
class WatchCommandTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    @TempDir
    Path home;

    private FakeRouter fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private record Run(int code, String out, String err) {
        List<String> outLines() {
            return Arrays.stream(out.split("\n")).filter(l -> !l.isEmpty()).toList();
        }
    }

    /** Standard error of the command running now, as far as it has written. */
    private final ByteArrayOutputStream liveErr = new ByteArrayOutputStream();
    /** Standard output of the command running now, as far as it has written. */
    private final ByteArrayOutputStream liveOut = new ByteArrayOutputStream();

    private CompletableFuture<Run> start(String... args) {
        liveOut.reset(); // each run's own output
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream out = liveOut;
            ByteArrayOutputStream err = liveErr;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                int code = new Cli(new SettingsLoader("Linux", home, Map.of(), SettingsLoader.shippedDefaults()), DiscoveryPolicy.none(), CommandLineParts::open, o, e)
                        .run(args);
                return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            }
        });
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    /** Complete lines the running command has printed so far. */
    private long linesOut() {
        return liveOut.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
    }

    @Test
    void jsonLinesForChangesMadeBehindItsBack() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, EngineTestSupport.CLIENT, 80, "web")));
        CompletableFuture<Run> running = start("watch", "--json", "--count", "3", "--router", fake.location().toString());
        waitFor(() -> fake.eventing().subscriberCount() == 1 && !fake.eventing().notifyAnswers().isEmpty(),
                "the subscription and its first NOTIFY");
        fake.table().put(FakeMapping.udp(27015, EngineTestSupport.CLIENT, 27015, "game"));
        fake.eventing().notifySubscribers();
        // One change at a time, each made once the line for the one before is out: a known order.
        waitFor(() -> linesOut() == 1, "the line for the added forward");
        fake.table().remove("TCP", 8080);
        fake.eventing().notifySubscribers();
        waitFor(() -> linesOut() == 2, "the line for the removed forward");
        fake.setExternalIp("25.77.0.9");

        Run r = running.get(20, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.outLines();
        assertEquals(3, lines.size(), r.toString());
        Map<String, Object> added = JsonText.object(lines.get(0));
        assertEquals("mappingAdded", added.get("type"));
        assertEquals("UDP 27015 \u2192 192.168.1.23:27015 added (\"game\")", added.get("text"));
        assertTrue(((String) added.get("time")).endsWith("Z"));
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) added.get("mapping");
        assertEquals(BigDecimal.valueOf(27015), m.get("externalPort"));
        assertEquals("UDP", m.get("protocol"));
        assertEquals("mappingRemoved", JsonText.object(lines.get(1)).get("type"));
        Map<String, Object> ip = JsonText.object(lines.get(2));
        assertEquals("externalIpChanged", ip.get("type"));
        assertEquals("25.77.0.2", ip.get("before"));
        assertEquals("25.77.0.9", ip.get("after"));
        assertTrue(r.err().contains("The router reports its changes as they happen."), r.err());
        assertEquals(0, fake.eventing().subscriberCount(), "unsubscribed on the way out");
        assertEquals(1, fake.eventing().count("UNSUBSCRIBE "));
    }

    @Test
    void withEventsOffItReadsTheRouterEveryPollInterval() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2());
        Path ini = Files.writeString(home.resolve("watch.ini"), "[events]\nlisten = false\npoll-interval = 300ms\n");
        CompletableFuture<Run> running = start("watch", "--count", "1", "--config", ini.toString(),
                "--router", fake.location().toString());
        // Said once the first reading of the table is complete: a change from now on is one.
        waitFor(() -> liveErr.toString(StandardCharsets.UTF_8).contains("Ctrl+C stops."), "the watch to start");
        fake.table().put(FakeMapping.tcp(2222, EngineTestSupport.CLIENT, 22, "ssh"));

        Run r = running.get(20, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, r.outLines().size(), r.toString());
        // The date and time as English writes them (the tests run in English): "Dec 6, 2026, 2:45:22 AM".
        assertTrue(r.outLines().get(0).matches("[A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d\\d:\\d\\d\\W[AP]M  TCP 2222"
                + " \u2192 192.168.1.23:22 added \\(\"ssh\"\\)"),
                r.outLines().get(0));
        assertTrue(r.err().contains("Reading the router every 300 ms (listening for the router's events is turned off)."),
                r.err());
        assertEquals(List.of(), fake.eventing().log());
    }

    private Run runNow(String... args) throws Exception {
        return start(args).get(20, TimeUnit.SECONDS);
    }

    @Test
    void afterARestartTheKeptForwardsArePutBackAndSaidSo() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(9000, "192.168.1.24", 9000, "theirs")));
        String router = fake.location().toString();
        assertEquals(0, runNow("add", "8080", "TCP", "80", "--client", EngineTestSupport.CLIENT, "--description", "web",
                "--router", router).code());
        Path ini = Files.writeString(home.resolve("fast.ini"), "[events]\npoll-interval = 300ms\n");
        CompletableFuture<Run> running = start("watch", "--json", "--count", "1", "--config", ini.toString(),
                "--router", router);
        waitFor(() -> fake.eventing().subscriberCount() == 1 && !fake.eventing().notifyAnswers().isEmpty(),
                "the subscription");
        fake.restart(); // the renewal at the next poll finds the router has forgotten the subscription

        Run r = running.get(20, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.outLines();
        assertEquals(2, lines.size(), r.toString());
        Map<String, Object> restart = JsonText.object(lines.get(0));
        assertEquals("routerRestarted", restart.get("type"));
        assertEquals(2, ((List<?>) restart.get("lost")).size());
        Map<String, Object> restored = JsonText.object(lines.get(1));
        assertEquals("keptMappingsRestored", restored.get("type"));
        assertEquals("1 put back.", restored.get("text"));
        assertTrue(fake.mapping("TCP", 8080).isPresent(), "the kept forward is back");
        assertTrue(fake.mapping("TCP", 9000).isEmpty(), "another program's forward is not this app's to put back");
    }

    @Test
    void withRestoreKeptOffARestartIsOnlyReported() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2());
        String router = fake.location().toString();
        assertEquals(0, runNow("add", "8080", "TCP", "80", "--client", EngineTestSupport.CLIENT, "--router", router).code());
        Path ini = Files.writeString(home.resolve("no-restore.ini"), "[events]\nrestore-kept = false\npoll-interval = 300ms\n");
        CompletableFuture<Run> running = start("watch", "--count", "1", "--config", ini.toString(), "--router", router);
        waitFor(() -> fake.eventing().subscriberCount() == 1, "the subscription");
        fake.restart();
        Run r = running.get(20, TimeUnit.SECONDS);
        assertEquals(1, r.outLines().size(), r.toString());
        assertTrue(r.outLines().get(0).contains("Router restarted: 1 mapping is gone"), r.toString());
        assertTrue(fake.mapping("TCP", 8080).isEmpty());
    }

    @Test
    void aBadCountIsAUsageError() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2());
        Run r = start("watch", "--count", "many", "--router", fake.location().toString()).get(20, TimeUnit.SECONDS);
        assertEquals(2, r.code());
        assertEquals("--count \"many\" must be a whole number of changes (0: no limit).\n", r.err());
        assertFalse(r.out().contains("\tat "));
    }
}
