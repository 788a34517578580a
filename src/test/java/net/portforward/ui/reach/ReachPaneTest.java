package net.portforward.ui.reach;

import net.portforward.TestPorts;
import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import net.portforward.checker.CheckerTestAccess;
import net.portforward.config.Proxy;
import net.portforward.config.Settings;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.progress.Progress;
import net.portforward.reach.RawHttp;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.ui.FxTestSupport;
import net.portforward.ui.TaskRunner;
import net.portforward.ui.common.ErrorReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The reachability pane driven like a user with TestFX on the headless toolkit: the router a
 * FakeRouter on 127.0.0.1 (so this computer is 127.0.0.1), the checker a real one on 127.0.0.1.
 */
class ReachPaneTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    @TempDir
    Path data;
    private final FxRobot robot = new FxRobot();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final List<ErrorReport> errors = new CopyOnWriteArrayList<>();
    private final AtomicReference<Optional<PortMapping>> selected = new AtomicReference<>(Optional.empty());
    private final AtomicReference<Gateway> gateway = new AtomicReference<>();
    private int port;
    private FakeRouter fake;
    private Stage stage;
    private ReachViewModel vm;
    /** Read by the pane at each test: a test may swap the checkers. */
    private volatile Settings settings;

    private Settings settings(List<Proxy> proxies) {
        return new Settings(Duration.ofSeconds(1), Duration.ofMillis(100), null, null, Duration.ofSeconds(5),
                port, false, false, Duration.ofSeconds(30), proxies, data, List.of());
    }

    @BeforeAll
    static void fx() throws Exception {
        FxTestSupport.startFx();
    }

    @BeforeEach
    void open() throws Exception {
        port = TestPorts.unused();
        fake = FakeRouter.start(FakeRouter.Options.igd2().mappings(
                FakeMapping.tcp(port, "127.0.0.1", port, "web server"),
                FakeMapping.tcp(7001, EngineTestSupport.OTHER_CLIENT, 7001, "someone else")));
        closing.add(fake);
        PortForwardEngine engine = EngineTestSupport.engine(data);
        closing.add(engine);
        gateway.set(engine.connect(fake.location(), Progress.NONE).get(0));
        String checker = "http://127.0.0.1:" + CheckerTestAccess.start(InetAddress.getByName("127.0.0.1"), closing) + "/";
        settings = settings(List.of(new Proxy(Proxy.Type.PORTFORWARD, checker),
                new Proxy(Proxy.Type.BROWSER, "https://canyouseeme.org/")));
        TaskRunner runner = new TaskRunner();
        closing.add(runner);
        vm = new ReachViewModel(runner, ReachViewModel.Context.of(() -> settings, () -> engine, gateway::get, selected::get),
                errors::add);
        closing.add(vm);
        onFx(() -> {
            stage = new Stage();
            stage.setScene(new Scene(new ReachPane(vm, opened::add), 640, 330));
            stage.show();
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> {
            stage.close();
            return null;
        });
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private String text(String id) {
        return onFx(() -> ((Label) stage.getScene().lookup(id)).getText());
    }

    @Test
    void webServerShowsItsAddressAndCountsRequests() throws Exception {
        assertEquals("The web server is off.", text("#web-server-url"));
        robot.clickOn("#web-server");
        waitFor(() -> text("#web-server-url").equals("Serving http://127.0.0.1:" + port + "/"));
        assertEquals("no requests yet", text("#web-server-requests"));
        assertEquals("Stop web server", onFx(() -> ((javafx.scene.control.ToggleButton) stage.getScene()
                .lookup("#web-server")).getText()));

        assertEquals(200, RawHttp.get(null, new InetSocketAddress("127.0.0.1", port), "/").status());
        waitFor(() -> text("#web-server-requests").equals("1 request served"));

        robot.clickOn("#web-server");
        waitFor(() -> text("#web-server-url").equals("The web server is off."));
        assertEquals("Start web server", onFx(() -> ((javafx.scene.control.ToggleButton) stage.getScene()
                .lookup("#web-server")).getText()));
    }

    @Test
    void aFloodOfRequestsUpdatesTheCountAFewTimesASecondAndExactlyAtTheEnd() throws Exception {
        robot.clickOn("#web-server");
        waitFor(() -> text("#web-server-url").equals("Serving http://127.0.0.1:" + port + "/"));
        AtomicInteger updates = new AtomicInteger();
        onFx(() -> {
            vm.requestsProperty().addListener((o, was, now) -> updates.incrementAndGet());
            return null;
        });
        InetSocketAddress at = new InetSocketAddress("127.0.0.1", port);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                done.add(clients.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        assertEquals(200, RawHttp.get(null, at, "/").status());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        waitFor(() -> text("#web-server-requests").equals("2,000 requests served"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(2000L, onFx(() -> vm.requestsProperty().get()));
        // At most one update per interval while the flood lasted, and the one at the end.
        long allowed = 2 + elapsedMs / ReachViewModel.REQUEST_COUNT_INTERVAL.toMillis();
        assertTrue(updates.get() <= allowed, updates.get() + " view updates for 2,000 requests in " + elapsedMs + " ms");
    }

    @Test
    void testingTheWebServersPortSaysReachableWithTheCheckerAndTime() throws Exception {
        assertEquals("Tests the web server's port: TCP " + port, text("#test-target"));
        robot.clickOn("#test");
        waitFor(() -> text("#verdict").startsWith("TCP " + port + " is reachable from the internet (127.0.0.1:"));
        assertTrue(text("#verdict").matches(".*\\(127\\.0\\.0\\.1:\\d+, \\d+ ms\\)\\.$"), text("#verdict"));
        assertTrue(onFx(() -> stage.getScene().lookup("#verdict").getStyleClass().contains(ReachPane.REACHABLE)));
        assertTrue(text("#verdict-notes").contains("Fetched the test page and found the token."), text("#verdict-notes"));
        // The web server was off: the test served the page itself and stopped afterwards.
        assertEquals("The web server is off.", text("#web-server-url"));

        robot.clickOn("#open-browser");
        waitFor(() -> opened.equals(List.of("https://canyouseeme.org/")));
        assertEquals(List.of(), errors);
    }

    @Test
    void theSelectedForwardToAnotherComputerIsNamed() throws Exception {
        selected.set(Optional.of(new PortMapping(net.portforward.engine.model.Protocol.TCP, 7001,
                InetAddress.getByName(EngineTestSupport.OTHER_CLIENT), 7001, true, "someone else", null, Duration.ZERO)));
        robot.moveTo("#temporary");
        waitFor(() -> text("#test-target").equals("Tests the selected forward: TCP 7001 \u2192 7001"));
        robot.clickOn("#test");
        waitFor(() -> text("#verdict").equals("The router forwards TCP 7001 to " + EngineTestSupport.OTHER_CLIENT
                + ", not to this computer (127.0.0.1)."));
        assertTrue(onFx(() -> stage.getScene().lookup("#verdict").getStyleClass().contains(ReachPane.NOT_REACHABLE)));
    }

    /**
     * A forward the router lists, to this computer, that lets nothing through (the external port
     * leads nowhere on loopback): "Repair" shows, and deletes, adds and tests again. This computer
     * is 127.0.0.1 here, where no forward may lead, so the repair refuses before deleting anything
     * and says so; ReachTestTest and RouterQuirksTest see repairs that work.
     */
    @Test
    void aForwardThatLetsNothingThroughOffersRepair() throws Exception {
        int external;
        external = TestPorts.unused();
        fake.preload(FakeMapping.tcp(external, "127.0.0.1", port, "stale"));
        // A checker that only says no (Transmission's portcheck answering 0): the PortForward
        // checker here would see 127.0.0.1, not the router's address, and rightly say double NAT.
        ServerSocket no = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        closing.add(no);
        Thread t = new Thread(() -> {
            while (!no.isClosed()) {
                try (java.net.Socket c = no.accept()) {
                    c.getInputStream().read(new byte[4096]);
                    c.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\n0"
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                } catch (java.io.IOException closed) {
                    // next, or the end
                }
            }
        });
        t.setDaemon(true);
        t.start();
        settings = settings(List.of(new Proxy(Proxy.Type.PORTCHECK, "http://127.0.0.1:" + no.getLocalPort() + "/{port}")));
        selected.set(Optional.of(new PortMapping(net.portforward.engine.model.Protocol.TCP, external,
                InetAddress.getByName("127.0.0.1"), port, true, "stale", null, Duration.ZERO)));
        assertTrue(!onFx(() -> stage.getScene().lookup("#repair").isVisible()));

        robot.clickOn("#test");
        waitFor(() -> onFx(() -> stage.getScene().lookup("#repair").isVisible()));
        assertTrue(text("#verdict").endsWith("repairing it (deleting it and adding it again) may help."), text("#verdict"));

        robot.clickOn("#repair");
        waitFor(() -> text("#verdict-notes").startsWith("The forward TCP " + external + " could not be repaired"));
        assertEquals(0, fake.callCount("DeletePortMapping"), "nothing deleted that could not be put back");
        assertTrue(fake.mapping("TCP", external).isPresent());
    }

    @Test
    void withoutARouterTheWebServerSaysWhatToDo() throws Exception {
        gateway.set(null);
        robot.clickOn("#web-server");
        waitFor(() -> errors.size() == 1);
        assertTrue(errors.get(0).sentence().startsWith("Find your router first"), errors.get(0)::toString);
        waitFor(() -> !onFx(() -> ((javafx.scene.control.ToggleButton) stage.getScene().lookup("#web-server")).isSelected()));
    }
}
