package net.portforward.ui;

import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
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
        FxTestSupport.startFx();
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


}
