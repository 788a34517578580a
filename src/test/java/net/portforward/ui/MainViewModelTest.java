package net.portforward.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import net.portforward.engine.EngineOptions;
import net.portforward.engine.PortForwardEngine;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main window's model against the in-process fake router, on the headless FX toolkit. */
class MainViewModelTest {
    @TempDir
    Path data;

    @BeforeAll
    static void startFx() throws Exception {
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
        } catch (IllegalStateException alreadyRunning) {
            up.countDown();
        }
        assertTrue(up.await(10, TimeUnit.SECONDS));
    }

    private PortForwardEngine engine(FakeRouter fake) {
        return new PortForwardEngine(new EngineOptions(Duration.ofSeconds(3), Duration.ofMillis(300), null,
                fake.location(), Duration.ofSeconds(2), data));
    }

    @Test
    void refreshShowsTheRouterAndFillsTheTable() throws Exception {
        try (FakeRouter fake = FakeRouter.start();
                PortForwardEngine engine = engine(fake);
                TaskRunner runner = new TaskRunner()) {
            fake.preload(FakeMapping.tcp(8080, "192.168.1.23", 80, "web"), FakeMapping.udp(27015, "192.168.1.24", 27015, "game"));
            MainViewModel model = new MainViewModel(engine, runner);
            Platform.runLater(model::refresh);
            waitFor(() -> onFx(() -> !model.busyProperty().get() && model.mappings().size() == 2));
            assertEquals(2, (int) onFx(() -> model.mappings().size()));
            assertTrue(onFx(() -> model.routerDetailsProperty().get()).contains("25.77.0.2"));
            assertEquals("2 mapping(s).", onFx(() -> model.statusProperty().get()));
        }
    }

    @Test
    void aSlowRouterShowsProgressAndTheButtonStateThenAReadableError() throws Exception {
        try (FakeRouter fake = FakeRouter.start();
                PortForwardEngine engine = engine(fake);
                TaskRunner runner = new TaskRunner()) {
            fake.setCallDelay(Duration.ofMillis(300));
            MainViewModel model = new MainViewModel(engine, runner);
            Platform.runLater(model::refresh);
            waitFor(() -> onFx(() -> model.busyProperty().get() && !model.statusProperty().get().isEmpty()));
            fake.crash();
            waitFor(() -> onFx(() -> !model.busyProperty().get()));
            String status = onFx(() -> model.statusProperty().get());
            assertEquals("No router", onFx(() -> model.routerNameProperty().get()));
            assertTrue(status.startsWith("The "), status);
            assertFalse(status.contains("Exception"), status);
        }
    }

    private static <T> T onFx(Supplier<T> read) {
        AtomicReference<T> value = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            value.set(read.get());
            done.countDown();
        });
        try {
            assertTrue(done.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return value.get();
    }

    private static void waitFor(Supplier<Boolean> condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.get() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertTrue(condition.get(), "condition not reached in 10 s");
    }
}
