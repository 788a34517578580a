package net.portforward.engine;

import static net.portforward.engine.EngineTestSupport.CLIENT;
import static net.portforward.engine.EngineTestSupport.engine;
import static net.portforward.engine.EngineTestSupport.open;
import static net.portforward.engine.EngineTestSupport.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.portforward.engine.EngineTestSupport.RecordingProgress;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.mapping.Listing;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.Test;

/** Slow routers: the engine says what it is doing, and stops promptly when the user cancels. */
class ProgressAndCancelTest extends EngineAgainstFake {
    /**
     * SafeHttp looks at the cancel flag every 100 ms. The slow steps below take 2 and 3 s, so
     * stopping within a second shows the cancel cut them short, with room for a loaded machine.
     */
    private static final long CANCEL_WITHIN_MS = 1000;

    private static List<FakeMapping> numbered(int count) {
        List<FakeMapping> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(FakeMapping.tcp(20000 + i, CLIENT, 20000 + i, "m" + i));
        }
        return out;
    }

    @Test
    void listReportsWhatItIsDoingOnASlowRouter() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().mappings(numbered(25)));
        Router router = open(engine, fake);
        fake.setCallDelay(Duration.ofMillis(5));
        RecordingProgress progress = new RecordingProgress();
        List<Integer> reportsSeenBySink = new ArrayList<>();

        Listing result = router.list(m -> reportsSeenBySink.add(progress.reports().size()), progress);

        assertEquals(25, result.mappings().size());
        List<String> messages = progress.messages();
        assertTrue(messages.get(0).startsWith("Reading the mapping table"), messages.toString());
        assertTrue(messages.contains("Read 10 mappings\u2026") && messages.contains("Read 20 mappings\u2026"),
                messages.toString());
        assertTrue(progress.fractions().stream().allMatch(f -> f < 0 || f <= 1), "an unknown end is negative");
        assertTrue(reportsSeenBySink.get(24) > reportsSeenBySink.get(0), "reports come while entries arrive");
    }

    @Test
    void bulkListReportsToo() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(numbered(60)));
        Router router = open(engine, fake);
        RecordingProgress progress = new RecordingProgress();

        router.list(m -> { }, progress);

        assertTrue(progress.messages().stream().anyMatch(m -> m.startsWith("Read 60 mappings")),
                progress.messages().toString());
    }

    @Test
    void addReportsItsStepsInOrder() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2());
        Router router = open(engine, fake);
        fake.setCallDelay(Duration.ofMillis(20));
        RecordingProgress progress = new RecordingProgress();

        router.add(tcp(8080, CLIENT, 80, "web"), progress);

        assertEquals(List.of(0.1, 0.4, 0.8, 1.0), progress.fractions());
        List<String> messages = progress.messages();
        assertTrue(messages.get(0).contains("TCP 8080") && messages.get(0).contains("free"), messages.toString());
        assertTrue(messages.get(1).startsWith("Adding TCP 8080"), messages.toString());
        assertTrue(messages.get(3).startsWith("Added TCP 8080"), messages.toString());
        List<RecordingProgress.Report> reports = progress.reports();
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i).atNanos() - reports.get(i - 1).atNanos() >= TimeUnit.MILLISECONDS.toNanos(15),
                    "each step waits for the slow router before the next is reported");
        }
    }

    @Test
    void editAndDeleteReportProgress() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web")));
        Router router = open(engine, fake);
        RecordingProgress edit = new RecordingProgress();
        RecordingProgress delete = new RecordingProgress();

        router.edit(EngineTestSupport.tcpKey(8080), tcp(8080, CLIENT, 81, "web"), edit);
        router.delete(EngineTestSupport.tcpKey(8080), delete);

        assertEquals(1.0, edit.fractions().get(edit.fractions().size() - 1));
        assertTrue(edit.messages().get(edit.messages().size() - 1).startsWith("Changed TCP 8080"));
        assertEquals(List.of(0.5, 1.0), delete.fractions());
    }

    @Test
    void cancellingASlowListStopsPromptly() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().mappings(numbered(20)));
        Router router = open(engine, fake);
        fake.setCallDelay(Duration.ofSeconds(2));
        RecordingProgress progress = new RecordingProgress();
        AtomicReference<Long> failedAt = new AtomicReference<>();

        CompletableFuture<Throwable> listing = CompletableFuture.supplyAsync(() -> {
            try {
                router.list(m -> { }, progress);
                return null;
            } catch (Throwable t) {
                failedAt.set(System.nanoTime());
                return t;
            }
        });
        awaitCall(fake, "GetGenericPortMappingEntry"); // inside the first, two-second call
        progress.cancel();
        Throwable thrown = listing.get(5, TimeUnit.SECONDS);

        assertInstanceOf(CancelledException.class, thrown);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(failedAt.get() - progress.cancelledAtNanos());
        assertTrue(tookMs < CANCEL_WITHIN_MS, "stopped " + tookMs + " ms after the cancel");
        assertEquals("Cancelled.", thrown.getMessage());
        assertTrue(fake.callCount("GetGenericPortMappingEntry") <= 1, "no call after the cancel");
    }

    @Test
    void cancellingBetweenCallsStopsBeforeTheNextOne() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().mappings(numbered(20)));
        Router router = open(engine, fake);
        RecordingProgress progress = new RecordingProgress();
        List<ListedMapping> seen = new ArrayList<>();

        assertThrows(CancelledException.class, () -> router.list(m -> {
            seen.add(m);
            if (seen.size() == 3) {
                progress.cancel();
            }
        }, progress));

        assertEquals(3, seen.size());
        assertEquals(3, fake.callCount("GetGenericPortMappingEntry"), "the fourth entry was never asked for");
    }

    @Test
    void alreadyCancelledSendsNothing() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().mappings(numbered(2)));
        Router router = open(engine, fake);
        RecordingProgress progress = new RecordingProgress();
        progress.cancel();

        assertThrows(CancelledException.class, () -> router.list(m -> { }, progress));
        assertThrows(CancelledException.class, () -> router.add(tcp(8080, CLIENT, 80, "x"), progress));
        assertThrows(CancelledException.class, () -> router.delete(EngineTestSupport.tcpKey(20000), progress));

        assertEquals(0, fake.callCount(), fake.calls().toString());
        assertEquals(2, fake.mappings().size());
    }

    @Test
    void cancellingASlowConnectStopsPromptly() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().descriptionDelay(Duration.ofSeconds(3)));
        RecordingProgress progress = new RecordingProgress();

        CompletableFuture<Throwable> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                engine.connect(fake.location(), progress);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        // Inside the three-second read of the description.
        await(() -> fake.requests().stream().anyMatch(r -> r.method().equals("GET")), "the description's request");
        progress.cancel();
        Throwable thrown = connecting.get(5, TimeUnit.SECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - progress.cancelledAtNanos());

        assertInstanceOf(CancelledException.class, thrown);
        assertTrue(tookMs < CANCEL_WITHIN_MS, "stopped " + tookMs + " ms after the cancel");
        assertTrue(progress.messages().get(0).startsWith("Reading the router at"), progress.messages().toString());
    }

    @Test
    void interruptingTheWorkerThreadCancels() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1().mappings(numbered(5)));
        Router router = open(engine, fake);
        fake.setCallDelay(Duration.ofSeconds(2));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                router.list(m -> { }, Progress.NONE);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        worker.start();
        awaitCall(fake, "GetGenericPortMappingEntry"); // inside the first, two-second call

        long start = System.nanoTime();
        worker.interrupt();
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> worker.join());
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertInstanceOf(CancelledException.class, thrown.get());
        assertTrue(tookMs < CANCEL_WITHIN_MS, "stopped " + tookMs + " ms after the interrupt");
        assertFalse(worker.isAlive());
    }

    /** Waits until the fake has received a call of {@code action} (and so is inside its delay). */
    private static void awaitCall(FakeRouter fake, String action) throws InterruptedException {
        await(() -> fake.callCount(action) > 0, "a call of " + action);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }
}
