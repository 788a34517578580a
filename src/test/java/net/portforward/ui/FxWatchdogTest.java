package net.portforward.ui;

import static net.portforward.ui.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpURLConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.portforward.engine.EngineOptions;
import net.portforward.engine.PortForwardEngine;
import net.portforward.testing.EngineFixture;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guards the window tests rely on really catch a router call on the FX thread. */
class FxWatchdogTest {
    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startFx();
    }

    @Test
    void theEngineRefusesToRunOnTheFxThread(@TempDir Path data) throws Exception {
        try (FakeRouter fake = FakeRouter.start();
                PortForwardEngine engine = new PortForwardEngine(EngineFixture.options(data, fake.location(), Duration.ofSeconds(2)))) {
            IllegalStateException refused = onFx(() -> assertThrows(IllegalStateException.class,
                    () -> engine.connect(fake.location(), Progress.NONE)));
            assertTrue(refused.getMessage().contains("UI thread"), refused.getMessage());
            assertEquals(0, fake.requestSpans().size(), "nothing reached the router");
        }
    }

    @Test
    void theWatchdogSeesABlockingRouterCallOnTheFxThread() throws Exception {
        try (FakeRouter fake = FakeRouter.start(); FxWatchdog watchdog = new FxWatchdog()) {
            fake.setCallDelay(Duration.ofMillis(300));
            Thread.sleep(100);
            onFx(() -> {
                try {
                    HttpURLConnection c = (HttpURLConnection) fake.baseUri().resolve("/ctl/IPConn").toURL().openConnection();
                    c.setRequestMethod("POST");
                    c.setDoOutput(true);
                    c.setRequestProperty("SOAPAction", "\"urn:schemas-upnp-org:service:WANIPConnection:2#GetStatusInfo\"");
                    c.getOutputStream().write("<x/>".getBytes());
                    c.getResponseCode();
                    c.disconnect();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return null;
            });
            Thread.sleep(100);
            List<FakeRouter.Span> spans = fake.requestSpans();
            List<FxWatchdog.Block> blocks = watchdog.longerThan(100);
            assertTrue(blocks.stream().anyMatch(b -> spans.stream().anyMatch(
                    r -> b.overlapMillis(r.arrivedNanos(), r.answeredNanos()) >= 250)),
                    "blocks " + blocks.stream().map(FxWatchdog.Block::millis).toList());
        }
    }
}
