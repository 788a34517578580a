package net.portforward.ui.main;

import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import net.portforward.engine.PortForwardEngine;
import net.portforward.testing.EngineFixture;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.ui.FxTestSupport;
import net.portforward.ui.FxWatchdog;
import net.portforward.ui.TestWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The real main window against the in-process fake router, driven like a user with TestFX on the
 * headless toolkit. One test drives every operation against a slow router under a watchdog: the
 * FX thread blocked for more than 100 ms across most of a router call means the call ran on it.
 * (Opening a dialog alone takes up to about 110 ms here with software rendering; background calls
 * overlap such a moment, but a 300 ms call cannot fit inside it.) The engine also refuses outright
 * to run on the FX thread (FxWatchdogTest).
 */
class MainWindowTest {
    private static final String CLIENT = "192.168.1.23";
    private static final long FX_BLOCK_LIMIT_MS = 100;
    private static final Duration SLOW_ROUTER = Duration.ofMillis(300);

    @TempDir
    Path data;
    private final FxRobot robot = new FxRobot();
    private TestWindow window;
    private FxWatchdog watchdog;
    private MainViewModel vm;
    private FakeRouter fake;

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startFx();
        // Loading the dialog classes and styling a dialog the first time takes longer than the
        // limit; that is start-up, not a blocked thread, so it happens before any watchdog runs.
        onFx(() -> {
            var d = net.portforward.ui.mapping.MappingDialog.create(null,
                    net.portforward.ui.mapping.MappingForm.adding(java.net.InetAddress.getLoopbackAddress()));
            d.show();
            d.close();
            return null;
        });
        // Typing and clicking for the first time loads the robot's and text input's classes too.
        Stage warm = onFx(() -> {
            Stage st = new Stage();
            TextField field = new TextField();
            field.setId("warmUp");
            st.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(field), 200, 80));
            st.show();
            return st;
        });
        new FxRobot().clickOn("#warmUp").write("8080").eraseText(4);
        onFx(() -> {
            warm.close();
            var e = net.portforward.ui.common.ErrorDialog.create(null,
                    new net.portforward.ui.common.ErrorReport("warm-up", "warm-up", ""));
            e.show();
            e.close();
            return null;
        });
    }

    private void open(FakeRouter router, Duration httpTimeout) throws Exception {
        fake = router;
        window = TestWindow.open(new PortForwardEngine(EngineFixture.options(data, fake.location(), httpTimeout)),
                w -> w.closeAfter(fake));
        vm = window.vm;
        // The first layout and paint of the window take longer than the limit under software
        // rendering; the watchdog covers everything after, where engine calls happen.
        idle();
    }

    @AfterEach
    void close() throws Exception {
        if (watchdog != null) {
            watchdog.close();
        }
        if (window != null) {
            window.close();
        }
    }


    /** Add…, the external port typed, the client set to another LAN computer, OK. */
    private void addThroughTheDialog(int port) throws InterruptedException {
        robot.clickOn("#add");
        robot.clickOn("#externalPort").write(String.valueOf(port));
        TextField client = find("#internalClient", TextField.class);
        onFx(() -> {
            client.setText(CLIENT);
            return null;
        });
        waitFor(() -> onFx(() -> !find(".dialog-pane #ok", Button.class).isDisabled()));
        net.portforward.ui.FxTestSupport.clickWhenReady(robot, ".dialog-pane #ok");
    }

    private int rows() {
        return onFx(() -> vm.rows().size());
    }

    private void idle() throws InterruptedException {
        waitFor(() -> onFx(() -> !vm.busyProperty().get()));
    }

    private <T extends Node> T find(String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    @Test
    void showsTheRouterAndFillsTheTable() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web"),
                FakeMapping.udp(27015, "192.168.1.24", 27015, "game"))), Duration.ofSeconds(2));
        waitFor(() -> rows() == 2);
        idle();
        assertTrue(onFx(() -> find("#externalAddress", Label.class).getText()).contains("25.77.0.2"));
        assertEquals("Public address", onFx(() -> find("#natBadge", Label.class).getText()));
        assertEquals("2 port forwards.", onFx(() -> find("#message", Label.class).getText()));
    }

    @Test
    void addThroughTheDialogWithValidationWhileTyping() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2()), Duration.ofSeconds(2));
        idle();
        robot.clickOn("#add");
        robot.clickOn("#externalPort").write("70000");
        waitFor(() -> onFx(() -> !find("#externalPortError", Label.class).getText().isEmpty()));
        assertTrue(onFx(() -> find(".dialog-pane #ok", Button.class).isDisabled()));
        robot.doubleClickOn("#externalPort").eraseText(5).write("8080");
        TextField client = find("#internalClient", TextField.class);
        robot.doubleClickOn(client);
        onFx(() -> {
            client.setText(CLIENT);
            return null;
        });
        robot.clickOn("#description").write("web server");
        waitFor(() -> onFx(() -> !find(".dialog-pane #ok", Button.class).isDisabled()));
        net.portforward.ui.FxTestSupport.clickWhenReady(robot, ".dialog-pane #ok");
        waitFor(() -> fake.mapping("TCP", 8080).isPresent());
        waitFor(() -> rows() == 1);
        idle();
        assertEquals("web server", fake.mapping("TCP", 8080).orElseThrow().description());
        // Focus went to the filter while the buttons were disabled; it is back on the table.
        waitFor(() -> onFx(() -> find("#mappings", Node.class).isFocused()));
        assertEquals(CLIENT, fake.mapping("TCP", 8080).orElseThrow().internalClient());
    }

    @Test
    void aConflictReopensTheDialogWithTheHolderAndAFreePort() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, "192.168.1.24", 80, "theirs"))),
                Duration.ofSeconds(2));
        waitFor(() -> rows() == 1);
        idle();
        addThroughTheDialog(8080);
        waitFor(() -> onFx(() -> robot.lookup("#conflictBanner").tryQuery().map(Node::isVisible).orElse(false)));
        assertTrue(onFx(() -> find("#conflict", Label.class).getText()).contains("192.168.1.24"));
        robot.clickOn("#useOfferedPort");
        assertEquals("8081", onFx(() -> find("#externalPort", TextField.class).getText()));
        net.portforward.ui.FxTestSupport.clickWhenReady(robot, ".dialog-pane #ok");
        waitFor(() -> fake.mapping("TCP", 8081).isPresent());
        assertEquals("192.168.1.24", fake.mapping("TCP", 8080).orElseThrow().internalClient());
    }

    @Test
    void aRefusedLowPortReopensTheDialogWithWhatWasTypedAndAPortFrom1024() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2().reservedPortsBelow(1024,
                net.portforward.testing.SoapFaults.ACTION_NOT_AUTHORIZED)), Duration.ofSeconds(2));
        idle();
        robot.clickOn("#add");
        robot.clickOn("#externalPort").write("80");
        TextField client = find("#internalClient", TextField.class);
        onFx(() -> {
            client.setText(CLIENT);
            return null;
        });
        robot.clickOn("#description").write("web server");
        robot.clickOn("#permanent");
        robot.clickOn("#keep");
        waitFor(() -> onFx(() -> !find(".dialog-pane #ok", Button.class).isDisabled()));
        net.portforward.ui.FxTestSupport.clickWhenReady(robot, ".dialog-pane #ok");

        waitFor(() -> onFx(() -> robot.lookup("#conflictBanner").tryQuery().map(Node::isVisible).orElse(false)));
        assertTrue(onFx(() -> find("#conflict", Label.class).getText()).contains("below 1024"));
        assertEquals("80", onFx(() -> find("#externalPort", TextField.class).getText()));
        assertEquals(CLIENT, onFx(() -> find("#internalClient", TextField.class).getText()));
        assertEquals("web server", onFx(() -> find("#description", TextField.class).getText()));
        assertFalse(onFx(() -> find("#permanent", javafx.scene.control.CheckBox.class).isSelected()));
        assertFalse(onFx(() -> find("#keep", javafx.scene.control.CheckBox.class).isSelected()));
        assertEquals("Use port 1024", onFx(() -> find("#useOfferedPort", Button.class).getText()));

        robot.clickOn("#useOfferedPort");
        assertEquals("1024", onFx(() -> find("#internalPort", TextField.class).getText()), "same port follows");
        net.portforward.ui.FxTestSupport.clickWhenReady(robot, ".dialog-pane #ok");
        waitFor(() -> fake.mapping("TCP", 1024).isPresent());
        assertEquals("web server", fake.mapping("TCP", 1024).orElseThrow().description());
        assertEquals(CLIENT, fake.mapping("TCP", 1024).orElseThrow().internalClient());
    }

    @Test
    void editAndDeleteThroughTheDialogsAndTheKeyboard() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web"))),
                Duration.ofSeconds(2));
        waitFor(() -> rows() == 1);
        idle();
        waitFor(() -> onFx(() -> robot.lookup("web").tryQuery().isPresent()));
        robot.doubleClickOn("web");
        TextField description = find("#description", TextField.class);
        onFx(() -> {
            description.setText("renamed");
            return null;
        });
        net.portforward.ui.FxTestSupport.clickWhenReady(robot, ".dialog-pane #ok");
        waitFor(() -> fake.mapping("TCP", 8080).map(m -> m.description().equals("renamed")).orElse(false));
        waitFor(() -> rows() == 1);
        idle();

        waitFor(() -> onFx(() -> robot.lookup("renamed").tryQuery().isPresent()));
        robot.clickOn("renamed");
        robot.type(KeyCode.DELETE);
        waitFor(() -> onFx(() -> robot.lookup("#deleteList").tryQuery().isPresent()));
        robot.clickOn(".dialog-pane #delete");
        waitFor(() -> fake.mapping("TCP", 8080).isEmpty());
        waitFor(() -> rows() == 0);
    }

    @Test
    void aRefusalReopensTheDialogWithWhatWasTypedAndTheRoutersAnswer() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2()), Duration.ofSeconds(2));
        idle();
        fake.failNext("AddPortMapping", 1, 606);
        addThroughTheDialog(9000);
        waitFor(() -> onFx(() -> robot.lookup("#conflictBanner").tryQuery().map(Node::isVisible).orElse(false)));
        String said = onFx(() -> find("#conflict", Label.class).getText());
        assertTrue(said.startsWith("The router's settings do not allow"), said);
        assertTrue(said.contains("606"), said);
        assertFalse(onFx(() -> find("#useOfferedPort", Button.class).isVisible()), "no other port to offer");
        assertEquals("9000", onFx(() -> find("#externalPort", TextField.class).getText()));
        assertEquals(CLIENT, onFx(() -> find("#internalClient", TextField.class).getText()));
        net.portforward.ui.FxTestSupport.clickWhenReady(robot, ".dialog-pane #ok");
        waitFor(() -> fake.mapping("TCP", 9000).isPresent());
    }

    @Test
    void aRouterErrorIsASentenceWithTheCodeOneClickAway() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web"))),
                Duration.ofSeconds(2));
        waitFor(() -> rows() == 1);
        idle();
        fake.failNext("DeletePortMapping", 1, 606);
        waitFor(() -> onFx(() -> robot.lookup("web").tryQuery().isPresent()));
        robot.clickOn("web");
        robot.type(KeyCode.DELETE);
        waitFor(() -> onFx(() -> robot.lookup("#deleteList").tryQuery().isPresent()));
        robot.clickOn(".dialog-pane #delete");
        waitFor(() -> onFx(() -> robot.lookup("#errorSentence").tryQuery().isPresent()));
        String sentence = onFx(() -> find("#errorSentence", Label.class).getText());
        assertTrue(sentence.startsWith("The router's settings do not allow"), sentence);
        assertFalse(sentence.contains("Exception"), sentence);
        assertTrue(onFx(() -> find("#errorDetails", javafx.scene.control.TextArea.class).getText()).contains("606"));
    }

    @Test
    void progressIsVisibleWhileASlowRouterAnswersAndCancelStopsIt() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web"))),
                Duration.ofSeconds(5));
        waitFor(() -> rows() == 1);
        idle();
        fake.setCallDelay(Duration.ofMillis(500));
        robot.type(KeyCode.F5);
        waitFor(() -> onFx(() -> find("#progress", ProgressBar.class).isVisible()));
        assertTrue(onFx(() -> find("#cancel", Button.class).isVisible()));
        assertTrue(onFx(() -> find("#add", Button.class).isDisabled()), "no second operation while one runs");
        assertFalse(onFx(() -> find("#message", Label.class).getText()).isEmpty());
        robot.clickOn("#cancel");
        idle();
        assertEquals("Cancelled.", onFx(() -> find("#message", Label.class).getText()));
    }

    @Test
    void noRouterShowsADiagnosisWithRetry() throws Exception {
        FakeRouter down = FakeRouter.start(FakeRouter.Options.igd2());
        down.crash();
        open(down, Duration.ofSeconds(1));
        waitFor(() -> onFx(() -> find("#problem", Node.class).isVisible()));
        assertEquals("The router could not be read", onFx(() -> find("#problemTitle", Label.class).getText()));
        assertFalse(onFx(() -> find("#mappings", Node.class).isVisible()));
        fake.restart();
        robot.clickOn("#retry");
        waitFor(() -> onFx(() -> !find("#problem", Node.class).isVisible()));
        assertTrue(onFx(() -> find("#mappings", Node.class).isVisible()));
    }

    @Test
    void noRouterCallEverBlocksTheFxThread() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web"))),
                Duration.ofSeconds(5));
        waitFor(() -> rows() == 1);
        idle();
        fake.setCallDelay(SLOW_ROUTER);
        watchdog = new FxWatchdog();
        robot.type(KeyCode.F5);
        idle();
        addThroughTheDialog(9000);
        waitFor(() -> fake.mapping("TCP", 9000).isPresent());
        waitFor(() -> rows() == 2);
        idle();
        MappingRow web = onFx(() -> vm.rows().stream().filter(r -> r.mapping().externalPort() == 8080).findFirst()
                .orElseThrow());
        onFx(() -> {
            web.enabledProperty().set(false);
            return null;
        });
        waitFor(() -> fake.mapping("TCP", 8080).map(m -> !m.enabled()).orElse(false));
        idle();
        watchdog.close();

        List<FakeRouter.Span> calls = fake.requestSpans();
        assertTrue(calls.size() >= 10, "the router was asked " + calls.size() + " times");
        List<Long> blockedAcrossACall = new ArrayList<>();
        for (FxWatchdog.Block b : watchdog.longerThan(FX_BLOCK_LIMIT_MS)) {
            if (calls.stream().anyMatch(c -> b.overlapMillis(c.arrivedNanos(), c.answeredNanos())
                    > SLOW_ROUTER.toMillis() * 3 / 4)) {
                blockedAcrossACall.add(b.millis());
            }
        }
        assertTrue(blockedAcrossACall.isEmpty(), "the FX thread was blocked for more than " + FX_BLOCK_LIMIT_MS
                + " ms during a router call: " + blockedAcrossACall + " ms");
    }

    @Test
    void severalWanServicesGetAPickerAndEachItsOwnTable() throws Exception {
        FakeRouter mikrotik = FakeRouter.start(FakeRouter.Options.mikrotikTwoWan());
        mikrotik.wan(0).table().put(FakeMapping.tcp(8080, CLIENT, 80, "first wan"));
        mikrotik.wan(1).table().put(FakeMapping.tcp(9090, CLIENT, 90, "second wan"));
        mikrotik.wan(1).setConnectionStatus("Disconnected");
        open(mikrotik, Duration.ofSeconds(2));
        waitFor(() -> rows() == 1);
        idle();
        assertTrue(onFx(() -> find("#gatewayPicker", Node.class).isVisible()));
        assertEquals(2, (int) onFx(() -> vm.gateways().size()));
        assertEquals(8080, (int) onFx(() -> vm.rows().get(0).mapping().externalPort()), "the connected WAN first");
        onFx(() -> {
            vm.selectedGatewayProperty().set(vm.gateways().get(1));
            return null;
        });
        waitFor(() -> onFx(() -> vm.rows().size() == 1 && vm.rows().get(0).mapping().externalPort() == 9090));
    }

    @Test
    void moreInformationListsTheRoutersFieldsSelectably() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2()), Duration.ofSeconds(2));
        idle();
        robot.clickOn("#moreInformation");
        waitFor(() -> onFx(() -> robot.lookup("#routerInfo").tryQuery().isPresent()));
        TextField external = find("#info-externalIp", TextField.class);
        assertEquals("25.77.0.2", onFx(external::getText));
        assertFalse(onFx(external::isEditable), "shown for selecting and copying, not for editing");
        assertTrue(onFx(() -> robot.lookup("#info-friendlyName").tryQuery().isPresent()));
        assertTrue(onFx(() -> robot.lookup("#info-natExplanation").tryQuery().isPresent()));
    }

    @Test
    void aRouterBehindCarrierGradeNatGetsTheDoubleNatBadgeAndItsExplanation() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2().externalIp("100.64.1.2")), Duration.ofSeconds(2));
        idle();
        assertEquals("Double NAT", onFx(() -> find("#natBadge", Label.class).getText()));
        robot.clickOn("#natBadge");
        waitFor(() -> onFx(() -> robot.lookup(".dialog-pane .content").tryQuery().isPresent()));
        String shown = onFx(() -> robot.lookup(".dialog-pane .content").queryAs(Label.class).getText());
        assertTrue(shown.contains("will not make you reachable"), shown);
    }

    @Test
    void connectToUrlReachesARouterDiscoveryCannotFind() throws Exception {
        FakeRouter down = FakeRouter.start(FakeRouter.Options.igd2());
        down.crash();
        open(down, Duration.ofSeconds(1));
        waitFor(() -> onFx(() -> find("#problem", Node.class).isVisible()));
        try (FakeRouter other = FakeRouter.start(FakeRouter.Options.igd1())) {
            robot.clickOn("#problemConnect");
            TextField url = find("#routerUrl", TextField.class);
            onFx(() -> {
                url.setText(other.location().toString());
                return null;
            });
            robot.clickOn("#routerUrl").type(KeyCode.ENTER);
            waitFor(() -> onFx(() -> !find("#problem", Node.class).isVisible()));
            assertTrue(onFx(() -> vm.gateway().upnp().orElseThrow().service().serviceType()).endsWith("WANIPConnection:1"));
        }
    }

    @Test
    void thisComputersRowsAreMarked() throws Exception {
        // In direct mode to the fake, this computer reaches the router from 127.0.0.1.
        open(FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, "127.0.0.1", 80, "mine"),
                FakeMapping.tcp(8081, CLIENT, 80, "other"))), Duration.ofSeconds(2));
        waitFor(() -> rows() == 2);
        idle();
        // Rows are styled when they are laid out, a pulse after they arrive.
        waitFor(() -> onFx(() -> robot.lookup(".table-row-cell." + MappingTable.THIS_COMPUTER).queryAll().size() == 1));
        Set<Node> marked = onFx(() -> robot.lookup(".table-row-cell." + MappingTable.THIS_COMPUTER).queryAll());
        assertEquals(1, marked.size());
    }
}
