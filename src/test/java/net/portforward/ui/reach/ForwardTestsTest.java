package net.portforward.ui.reach;

import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import net.portforward.checker.CheckerTestAccess;
import net.portforward.config.Proxy;
import net.portforward.config.Settings;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.Protocol;
import net.portforward.testing.EngineFixture;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.ui.FxTestSupport;
import net.portforward.ui.TestWindow;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.main.MainViewModel;
import net.portforward.ui.main.MappingRow;
import net.portforward.ui.router.PathView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The main window's row tests driven like a user: the router a FakeRouter on 127.0.0.1 (so this
 * computer is 127.0.0.1), the checker a real one on 127.0.0.1 that connects back over loopback,
 * where no NAT stands between an external port and this computer.
 */
class ForwardTestsTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    @TempDir
    Path data;
    private final FxRobot robot = new FxRobot();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestWindow app;
    private final List<ErrorReport> errors = new CopyOnWriteArrayList<>();
    private Stage stage;
    private MainViewModel vm;
    /** Reachable: the test page answers on it. */
    private int open;
    /** Forwarded to a port where the test page answers, from an external port where nothing does. */
    private int shut;
    private int shutInternal;
    /** UDP, held by a program of the user's. */
    private int game;

    @BeforeAll
    static void fx() throws Exception {
        FxTestSupport.startFx();
    }

    private void open(String checkerUrl) throws Exception {
        open = freePort();
        shut = freePort();
        shutInternal = freePort();
        DatagramSocket server = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        closing.add(server);
        game = server.getLocalPort();
        FakeRouter fake = FakeRouter.start(FakeRouter.Options.igd2().mappings(
                FakeMapping.tcp(open, "127.0.0.1", open, "web"),
                FakeMapping.tcp(shut, "127.0.0.1", shutInternal, "blocked"),
                FakeMapping.udp(game, "127.0.0.1", game, "game"),
                FakeMapping.tcp(7001, EngineTestSupport.OTHER_CLIENT, 7001, "someone else")));
        closing.add(fake);
        Settings settings = new Settings(Duration.ofSeconds(1), Duration.ofMillis(100), null, null,
                Duration.ofSeconds(5), freePort(), false, false, Duration.ofSeconds(30),
                List.of(new Proxy(Proxy.Type.PORTFORWARD, checkerUrl)), data, List.of());
        app = TestWindow.open(new PortForwardEngine(EngineFixture.options(data, fake.location())), errors::add, w -> {
            ReachWindow reach = w.closeOnFx(new ReachWindow(w.stage, w.runner, ReachViewModel.Context.of(() -> settings,
                    () -> w.engine, w.vm::gateway, Optional::empty), errors::add, url -> { }));
            w.window.addTool(reach.toolbarButton());
            reach.attachTo(w.window, w.vm);
        });
        stage = app.stage;
        vm = app.vm;
        waitFor(() -> onFx(() -> vm.rows().size() == 4 && !vm.busyProperty().get()));
        // The rows' cells exist once the table has laid them out, a pulse or more after the rows
        // came (seen: "(no row)" right after, in one of five fast-suite runs).
        waitFor(() -> !reachCell(Protocol.TCP, open).equals("(no row)") && !reachCell(Protocol.TCP, shut).equals("(no row)")
                && !reachCell(Protocol.UDP, game).equals("(no row)") && !reachCell(Protocol.TCP, 7001).equals("(no row)"));
    }

    private void openWithChecker() throws Exception {
        open("http://127.0.0.1:" + CheckerTestAccess.start(InetAddress.getByName("127.0.0.1"), closing) + "/");
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            app.close();
        }
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    /** The "Reachable" cell of the row with {@code key}. */
    private String reachCell(Protocol protocol, int port) {
        MappingKey key = new MappingKey(protocol, port);
        return onFx(() -> {
            for (Node n : stage.getScene().getRoot().lookupAll(".table-cell")) {
                if (n instanceof TableCell<?, ?> c && c.getTableColumn() != null && "colReach".equals(c.getTableColumn().getId())
                        && c.getTableRow() != null && c.getTableRow().getItem() instanceof MappingRow r
                        && r.mapping().key().equals(key)) {
                    return c.getText();
                }
            }
            return "(no row)";
        });
    }

    @SuppressWarnings("unchecked")
    private void select(Protocol protocol, int port) {
        onFx(() -> {
            TableView<MappingRow> table = (TableView<MappingRow>) stage.getScene().lookup("#mappings");
            table.getSelectionModel().clearSelection();
            table.getItems().stream().filter(r -> r.mapping().key().equals(new MappingKey(protocol, port))).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
            return null;
        });
    }

    private boolean idle() {
        return onFx(() -> !vm.busyProperty().get());
    }

    /** On the FX thread only. */
    private Node node(String id) {
        return stage.getScene().lookup(id);
    }

    @Test
    void aRowTestedFromTheToolbarIsReachableAndThePathTurnsGreen() throws Exception {
        openWithChecker();
        assertEquals("Not tested", reachCell(Protocol.TCP, open));
        select(Protocol.TCP, open);
        robot.clickOn("#testForward");
        waitFor(() -> reachCell(Protocol.TCP, open).startsWith("Reachable (at "));
        waitFor(this::idle);
        assertTrue(onFx(() -> node("#path-internet").getStyleClass().contains(PathView.PASSED)));
        assertTrue(onFx(() -> node("#path-computer").getStyleClass().contains(PathView.PASSED)));
        assertTrue(onFx(() -> ((Label) node("#path-caption")).getText()).endsWith(": reachable from the internet."));

        // A re-read of the router's table keeps the result with its row.
        robot.clickOn("#refresh");
        waitFor(this::idle);
        waitFor(() -> reachCell(Protocol.TCP, open).startsWith("Reachable (at "));
        assertEquals(List.of(), errors);
    }

    @Test
    void aRowThatCannotBeReachedSaysWhyAndWhereThePathStops() throws Exception {
        openWithChecker();
        select(Protocol.TCP, shut);
        // The table's menu as a right click opens it, its item chosen.
        assertTrue(onFx(() -> {
            TableView<?> table = (TableView<?>) node("#mappings");
            table.getContextMenu().show(table, javafx.geometry.Side.BOTTOM, 0, 0);
            javafx.scene.control.MenuItem test = table.getContextMenu().getItems().stream()
                    .filter(i -> "menuTest".equals(i.getId())).findFirst().orElseThrow();
            boolean offered = !test.isDisable() && test.getText().equals("Test from the internet");
            test.fire();
            table.getContextMenu().hide();
            return offered;
        }), "the menu offers the test for the selected row");
        // The checker saw this computer come from 127.0.0.1, the router says 25.77.0.2: another NAT between.
        waitFor(() -> reachCell(Protocol.TCP, shut).startsWith("Not reachable: your router sits behind another one"));
        waitFor(this::idle);
        assertTrue(onFx(() -> node("#path-outer-nat").getStyleClass().contains(PathView.FAILED)),
                "the path shows the outer router, where the test stopped");
        assertEquals("Not tested", reachCell(Protocol.TCP, open));
    }

    @Test
    void testAllTestsThisComputersForwardsAndLeavesAUdpPortInUseToItsProgram() throws Exception {
        openWithChecker();
        robot.clickOn("#testAll");
        waitFor(() -> !reachCell(Protocol.UDP, game).equals("Not tested")
                && !reachCell(Protocol.TCP, shut).equals("Not tested") && idle());
        assertTrue(reachCell(Protocol.UDP, game).startsWith("Cannot tell: a program uses this UDP port, only it can"
                + " test it (at "), reachCell(Protocol.UDP, game));
        assertTrue(reachCell(Protocol.TCP, open).startsWith("Reachable"), reachCell(Protocol.TCP, open));
        assertTrue(reachCell(Protocol.TCP, shut).startsWith("Not reachable"), reachCell(Protocol.TCP, shut));
        assertEquals("Not tested", reachCell(Protocol.TCP, 7001), "another device's forward is not in Test all");
        net.portforward.ui.Screenshots.take(stage, "main-reachable-column");

        // More information, with the traffic graph reading the router's counters.
        robot.clickOn("#moreInformation");
        waitFor(() -> onFx(() -> Window.getWindows().stream().anyMatch(w -> w.getScene() != null
                && w.getScene().lookup("#traffic-now") instanceof Label l && l.getText().startsWith("Now: "))));
        Window info = onFx(() -> Window.getWindows().stream().filter(w -> w.getScene() != null
                && w.getScene().lookup("#traffic") != null).findFirst().orElseThrow());
        net.portforward.ui.Screenshots.take(info, "more-information-traffic");
    }

    @Test
    void testAllShowsItsProgressAndCancelStopsIt() throws Exception {
        // A checker that accepts and never answers: the first test waits until cancelled.
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        closing.add(silent);
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread accept = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
        closing.add(() -> held.forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }));
        open("http://127.0.0.1:" + silent.getLocalPort() + "/");

        robot.clickOn("#testAll");
        waitFor(() -> onFx(() -> ((Label) node("#message")).getText()).startsWith("(1/3) "));
        assertTrue(onFx(() -> node("#progress").isVisible()));
        robot.clickOn("#cancel");
        waitFor(this::idle);
        assertEquals("Not tested", reachCell(Protocol.TCP, open));
        assertEquals("Not tested", reachCell(Protocol.UDP, game));
        assertEquals(List.of(), errors, "a cancelled test is no error");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
