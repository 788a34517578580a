package net.portforward.ui.reach;

import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import net.portforward.config.Proxy;
import net.portforward.config.Settings;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.reach.Reason;
import net.portforward.reach.Verdict;
import net.portforward.testing.EngineFixture;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.ui.FxTestSupport;
import net.portforward.ui.TestWindow;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.common.UiText;
import net.portforward.ui.main.MainViewModel;
import net.portforward.ui.main.MappingRow;
import net.portforward.ui.router.NetworkPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Every verdict a row test can give, as the "Reachable" column shows it: for this computer's
 * forwards and another device's, the cell's words, its colour class and its tooltip, all from the
 * window's bundle in the window's language (never the engine's English sentence); and two verdicts
 * the checkers themselves cause, from real runs: none answering, and none that tests by itself.
 */
class ForwardTestsReasonsTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    /** The engine's own verdict sentence; the cell words the reason itself and never shows this. */
    private static final net.portforward.engine.error.Fact ENGINE_FACT =
            net.portforward.reach.ReachFact.NO_ROUTER.with("TCP 1", "checker", 1);
    private static final String ENGINE_SENTENCE = "found no router to check the forward on";
    private static final Proxy CHECKER = new Proxy(Proxy.Type.PORTFORWARD, "http://checker.example.net:8088/");

    @TempDir
    Path data;
    private final FxRobot robot = new FxRobot();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestWindow app;
    private final List<ErrorReport> errors = new CopyOnWriteArrayList<>();
    private Stage stage;
    private MainViewModel vm;
    private ForwardTests tests;

    @BeforeAll
    static void fx() throws Exception {
        FxTestSupport.startFx();
    }

    /** The window on a router with a TCP and a UDP forward each to this computer and to another device. */
    private void open(List<Proxy> proxies) throws Exception {
        FakeRouter fake = FakeRouter.start(FakeRouter.Options.igd2().mappings(
                FakeMapping.tcp(8080, "127.0.0.1", 8081, "web"),
                FakeMapping.udp(27015, "127.0.0.1", 27016, "game"),
                FakeMapping.tcp(7001, EngineTestSupport.OTHER_CLIENT, 7002, "nas"),
                FakeMapping.udp(9000, EngineTestSupport.OTHER_CLIENT, 9001, "camera")));
        closing.add(fake);
        Settings settings = new Settings(Duration.ofSeconds(1), Duration.ofMillis(100), null, null,
                Duration.ofSeconds(5), 0, false, false, Duration.ofSeconds(30), proxies, data, List.of());
        app = TestWindow.open(new PortForwardEngine(EngineFixture.options(data, fake.location())), errors::add, w -> {
            ReachWindow reach = w.closeOnFx(new ReachWindow(w.stage, w.runner, ReachViewModel.Context.of(() -> settings,
                    () -> w.engine, w.vm::gateway, Optional::empty), errors::add, url -> { }));
            tests = reach.attachTo(w.window, w.vm);
            w.stage.setWidth(1400); // the Reachable column in view
        });
        stage = app.stage;
        vm = app.vm;
        waitFor(() -> onFx(() -> vm.rows().size() == 4 && !vm.busyProperty().get()));
        // The rows' cells exist once the table has laid them out, a pulse or more after the rows came.
        waitFor(() -> !cell(Protocol.TCP, 8080).text().equals("(no row)") && !cell(Protocol.UDP, 27015).text().equals("(no row)")
                && !cell(Protocol.TCP, 7001).text().equals("(no row)") && !cell(Protocol.UDP, 9000).text().equals("(no row)"));
    }

    @AfterEach
    void close() throws Exception {
        UiText.setLanguage(null);
        if (app != null) {
            app.close();
        }
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    /** The "Reachable" cell of a row: its text, its tooltip and its classes. */
    private record Cell(String text, String tooltip, List<String> classes) {
    }

    private Cell cell(Protocol protocol, int port) {
        MappingKey key = new MappingKey(protocol, port);
        return onFx(() -> {
            for (Node n : stage.getScene().getRoot().lookupAll(".table-cell")) {
                if (n instanceof TableCell<?, ?> c && c.getTableColumn() != null && "colReach".equals(c.getTableColumn().getId())
                        && c.getTableRow() != null && c.getTableRow().getItem() instanceof MappingRow r
                        && r.mapping().key().equals(key)) {
                    return new Cell(c.getText(), c.getTooltip() == null ? null : c.getTooltip().getText(),
                            List.copyOf(c.getStyleClass()));
                }
            }
            return new Cell("(no row)", null, List.of());
        });
    }

    private PortMapping mapping(Protocol protocol, int port) {
        return onFx(() -> vm.rows().stream().map(MappingRow::mapping)
                .filter(m -> m.key().equals(new MappingKey(protocol, port))).findFirst().orElseThrow());
    }

    /** A verdict as the engine gives it, put in as the test of {@code m} would. */
    private ForwardTests.Result show(PortMapping m, Reason reason) {
        boolean reachable = reason == Reason.REACHABLE;
        boolean asked = !ForwardTestsView.untestable(reason);
        Verdict v = new Verdict(reachable, reason, ENGINE_FACT, asked ? CHECKER : null,
                asked ? Duration.ofMillis(84) : null, Duration.ofSeconds(1), null, List.of(ENGINE_FACT), false);
        InetAddress device = "127.0.0.1".equals(m.internalClient().getHostAddress()) ? null : m.internalClient();
        ForwardTests.Result r = new ForwardTests.Result(m, v, Instant.parse("2026-03-01T14:02:00Z"), device);
        onFx(() -> {
            tests.results().put(m.key(), r);
            return null;
        });
        return r;
    }

    private static String bundle(String key) {
        return ResourceBundle.getBundle("net.portforward.ui.reach.ReachText", UiText.language()).getString(key);
    }

    private static String reasonWords(Reason reason, boolean device) {
        ResourceBundle text = ResourceBundle.getBundle("net.portforward.ui.reach.ReachText", UiText.language());
        String key = "reason." + reason.name();
        return device && text.containsKey(key + ".device") ? text.getString(key + ".device") : text.getString(key);
    }

    @Test
    void everyVerdictShowsItsReasonItsColourAndItsWhyFromTheBundle() throws Exception {
        open(List.of(CHECKER));
        record Row(Protocol protocol, int port, boolean device) {
        }
        List<Row> rows = List.of(new Row(Protocol.TCP, 8080, false), new Row(Protocol.UDP, 27015, false),
                new Row(Protocol.TCP, 7001, true), new Row(Protocol.UDP, 9000, true));
        for (Reason reason : Reason.values()) {
            for (Row row : rows) {
                PortMapping m = mapping(row.protocol(), row.port());
                ForwardTests.Result shown = show(m, reason);
                // Waits for the cell to show this result; what it shows is checked below, on its own terms.
                waitFor(() -> cell(row.protocol(), row.port()).text()
                        .equals(ForwardTestsView.text(shown, ZoneId.systemDefault())));
                Cell c = cell(row.protocol(), row.port());
                String what = reason + " on " + row;
                assertFalse(c.tooltip().contains(ENGINE_SENTENCE), what + ": " + c.tooltip());
                assertFalse(c.text().contains(ENGINE_SENTENCE), what + ": " + c.text());
                assertTrue(c.tooltip().startsWith("Tested at "), what + ": " + c.tooltip());
                String expectedClass = reason == Reason.REACHABLE ? ForwardTestsView.REACHABLE
                        : ForwardTestsView.untestable(reason) ? ForwardTestsView.UNKNOWN : ForwardTestsView.NOT_REACHABLE;
                assertTrue(c.classes().contains(expectedClass), what + ": " + c.classes());
                if (reason != Reason.REACHABLE) {
                    assertTrue(c.text().startsWith(ForwardTestsView.untestable(reason) ? "Cannot tell: " : "Not reachable: "),
                            what + ": " + c.text());
                    assertTrue(c.text().contains(reasonWords(reason, row.device())), what + ": " + c.text());
                }
                assertEquals(row.device(), c.tooltip().contains("another device. The test reaches that device"),
                        what + ": " + c.tooltip());
                assertEquals(!ForwardTestsView.untestable(reason), c.tooltip().contains("Checked by checker.example.net:8088"
                        + " in 84 ms."), what + ": " + c.tooltip());
            }
        }
    }

    @Test
    void theWhyOfEachVerdictNamesThePortsAndTheDevice() throws Exception {
        open(List.of(CHECKER));
        show(mapping(Protocol.TCP, 8080), Reason.LOCAL_FIREWALL);
        show(mapping(Protocol.UDP, 27015), Reason.UDP_IN_USE);
        show(mapping(Protocol.TCP, 7001), Reason.SERVER_NOT_RUNNING);
        show(mapping(Protocol.UDP, 9000), Reason.UDP_IN_USE);
        waitFor(() -> cell(Protocol.TCP, 8080).tooltip() != null && cell(Protocol.UDP, 27015).tooltip() != null
                && cell(Protocol.TCP, 7001).tooltip() != null && cell(Protocol.UDP, 9000).tooltip() != null);
        assertEquals("Tested at 14:02.\nThe forward is there and this computer answers on port 8081, but nothing from"
                + " outside gets through: most likely a firewall on this computer (or the router's own) blocks it.\n"
                + "Checked by checker.example.net:8088 in 84 ms.", cell(Protocol.TCP, 8080).tooltip().replaceFirst(
                        "Tested at [^.]*\\.", "Tested at 14:02."));
        assertTrue(cell(Protocol.UDP, 27015).text().startsWith("Cannot tell: a program uses this UDP port, only it can"
                + " test it (at "), cell(Protocol.UDP, 27015).text());
        assertTrue(cell(Protocol.UDP, 27015).tooltip().contains("\nA program on this computer uses UDP 27016, so"
                + " PortForward cannot answer the checker there"), cell(Protocol.UDP, 27015).tooltip());
        assertTrue(cell(Protocol.TCP, 7001).text().startsWith("Not reachable: no program answers on that device (at "),
                cell(Protocol.TCP, 7001).text());
        assertTrue(cell(Protocol.TCP, 7001).tooltip().contains("\nNothing on 192.168.1.24 answers on port 7002,"
                + " where the forward leads."), cell(Protocol.TCP, 7001).tooltip());
        assertTrue(cell(Protocol.UDP, 9000).tooltip().contains("\nUDP 9000 leads to 192.168.1.24, another device: only"
                + " the program that uses the port there can test it."), cell(Protocol.UDP, 9000).tooltip());
    }

    @Test
    void inGermanTheCellAndItsWhyAreGerman() throws Exception {
        open(List.of(CHECKER));
        UiText.setLanguage(Locale.GERMAN);
        PortMapping web = mapping(Protocol.TCP, 8080);
        show(web, Reason.DOUBLE_NAT);
        waitFor(() -> cell(Protocol.TCP, 8080).tooltip() != null);
        Cell c = cell(Protocol.TCP, 8080);
        assertTrue(c.tooltip().contains("\nIhr Router steht hinter einem anderen Router"), c.tooltip());
        assertTrue(c.tooltip().contains("\nGeprüft von checker.example.net:8088 in 84 ms."), c.tooltip());
        assertTrue(c.text().contains(reasonWords(Reason.DOUBLE_NAT, false)), c.text());
        assertTrue(c.tooltip().contains("\n" + bundle("tip.DOUBLE_NAT") + "\n"), c.tooltip());
        assertFalse(c.tooltip().contains("Tested at"), c.tooltip());
    }

    @Test
    void wherePathStopsForEachVerdict() {
        PortMapping m = new PortMapping(Protocol.TCP, 8080, InetAddress.getLoopbackAddress(), 8081, true, "web", null,
                Duration.ZERO);
        for (Reason reason : Reason.values()) {
            Verdict v = new Verdict(reason == Reason.REACHABLE, reason, ENGINE_FACT, null, null, Duration.ZERO, null,
                    List.of(), false);
            NetworkPath.TestMark mark = ForwardTestsView.pathMark(new ForwardTests.Result(m, v, Instant.EPOCH, null),
                    ZoneId.of("UTC"));
            NetworkPath.Hop expected = switch (reason) {
                case SERVER_NOT_RUNNING, LOCAL_FIREWALL -> NetworkPath.Hop.COMPUTER;
                case NO_MAPPING, MAPPING_TO_OTHER_COMPUTER -> NetworkPath.Hop.ROUTER;
                case DOUBLE_NAT -> NetworkPath.Hop.OUTER_NAT;
                default -> null;
            };
            assertEquals(expected, mark.failedAt(), reason.toString());
            assertEquals(reason == Reason.REACHABLE, mark.reachable(), reason.toString());
        }
    }

    @Test
    void checkersThatDoNotAnswerLeaveTheRowUntold() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        open(List.of(new Proxy(Proxy.Type.PORTFORWARD, "http://127.0.0.1:" + closed + "/")));
        robot.clickOn("#testAll");
        waitFor(() -> !cell(Protocol.TCP, 8080).text().equals("Not tested") && onFx(() -> !vm.busyProperty().get()));
        Cell c = cell(Protocol.TCP, 8080);
        assertTrue(c.text().startsWith("Cannot tell: the checkers did not answer (at "), c.text());
        assertTrue(c.classes().contains(ForwardTestsView.UNKNOWN), c.classes().toString());
        assertTrue(c.tooltip().contains("\nEvery reachability checker failed, so PortForward cannot tell whether TCP 8080"
                + " is reachable."), c.tooltip());
        assertEquals(List.of(), errors);
    }

    @Test
    void withOnlyABrowserPageTheRowSaysNoCheckerTestsByItself() throws Exception {
        open(List.of(new Proxy(Proxy.Type.BROWSER, "https://portchecker.example.org/?port={port}")));
        robot.clickOn("#testAll");
        waitFor(() -> !cell(Protocol.TCP, 8080).text().equals("Not tested") && onFx(() -> !vm.busyProperty().get()));
        Cell c = cell(Protocol.TCP, 8080);
        assertTrue(c.text().startsWith("Cannot tell: no automatic checker is set up (at "), c.text());
        assertTrue(c.tooltip().contains("\nNo checker in the settings can test TCP 8080 by itself; open the checker page"
                + " in your browser."), c.tooltip());
        assertEquals(List.of(), errors);
    }
}
