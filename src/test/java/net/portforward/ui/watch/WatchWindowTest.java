package net.portforward.ui.watch;

import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import net.portforward.engine.PortForwardEngine;
import net.portforward.testing.EngineFixture;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.testing.FakeEventing;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.ui.FxTestSupport;
import net.portforward.ui.TestWindow;
import net.portforward.ui.main.MainViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The change watch in the real main window against the fake router, headless: popups for other
 * computers' changes, none for the user's own, the log, a restart with "Put them back", and the
 * listen check box.
 */
class WatchWindowTest {
    private static final String OTHER = "192.168.1.24";

    @TempDir
    Path data;
    private final FxRobot robot = new FxRobot();
    private TestWindow window;
    private MainViewModel vm;
    private WatchViewModel watch;
    private ChangeNotifier notifier;
    private FakeRouter fake;

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startFx();
    }

    private void open(FakeRouter router, Duration pollInterval) throws Exception {
        fake = router;
        window = TestWindow.open(new PortForwardEngine(EngineFixture.options(data, fake.location())), w -> {
            w.closeAfter(fake);
            notifier = w.watch(true, pollInterval, true);
        });
        vm = window.vm;
        watch = window.watch();
    }

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            window.close();
        }
    }

    /**
     * The watch starts when the router is chosen, which can be before the window's first read of
     * the table is done; the window's buttons wait for that read, and so do the tests.
     */
    private void listeningAndIdle() throws Exception {
        waitFor(() -> mode().startsWith("Listening"));
        waitFor(() -> !onFx(() -> vm.busyProperty().get()));
    }

    private String mode() {
        return onFx(() -> watch.modeTextProperty().get());
    }

    private Optional<Node> popupWith(String text) {
        return onFx(() -> robot.lookup(".notification-bar").queryAll().stream()
                .filter(n -> robot.from(n).lookup((Label l) -> l.getText() != null && l.getText().contains(text))
                        .tryQuery().isPresent())
                .findFirst());
    }

    private void clickPopupButton(Node popup, String text) throws InterruptedException {
        Button b = onFx(() -> robot.from(popup).lookup((Button x) -> text.equals(x.getText())).queryAs(Button.class));
        FxTestSupport.clickWhenReady(robot, b);
    }

    private boolean tableHas(int port) {
        return onFx(() -> vm.rows().stream().anyMatch(r -> r.mapping().externalPort() == port));
    }

    @Test
    void anotherComputersAddPopsUpAndRefreshNowShowsIt() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2()), Duration.ofMinutes(5));
        listeningAndIdle();
        fake.table().put(FakeMapping.tcp(8080, OTHER, 80, "nas"));
        fake.eventing().notifySubscribers();

        waitFor(() -> popupWith("TCP 8080 \u2192 192.168.1.24:80 added (\"nas\")").isPresent());
        Node popup = popupWith("added").orElseThrow();
        assertTrue(onFx(() -> robot.from(popup).lookup((Label l) -> "The router changed".equals(l.getText()))
                .tryQuery().isPresent()), "popup title");
        // The theme's colours, not ControlsFX's Modena ones (which the theme leaves undefined: no background).
        assertTrue(onFx(() -> popup.lookup(".pane") instanceof javafx.scene.layout.Region pane
                && pane.getBackground() != null && !pane.getBackground().getFills().isEmpty()), "popup background");
        net.portforward.ui.Screenshots.take(popup.getScene().getWindow().getScene().getWindow(), "watch-popup");
        assertEquals(false, tableHas(8080), "not in the table before Refresh now");
        clickPopupButton(popup, "Refresh now");
        waitFor(() -> tableHas(8080));
        List<WatchViewModel.Entry> log = onFx(() -> List.copyOf(watch.log()));
        assertEquals(1, log.size());
        assertEquals("TCP 8080 \u2192 192.168.1.24:80 added (\"nas\")", log.get(0).change());
        assertEquals(OTHER, log.get(0).computer());
    }

    @Test
    void aPopupDoesNotTakeTheKeyboardFromTheWindow() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2()), Duration.ofMinutes(5));
        listeningAndIdle();
        robot.clickOn("#filter").write("ab");
        fake.table().put(FakeMapping.tcp(8080, OTHER, 80, "nas"));
        fake.eventing().notifySubscribers();
        waitFor(() -> popupWith("TCP 8080").isPresent());
        robot.write("cd");
        assertEquals("abcd", onFx(() -> vm.filterProperty().get()), "typing goes on in the window");
    }

    @Test
    void theUsersOwnChangeIsLoggedWithoutAPopup() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2()), Duration.ofMinutes(5));
        listeningAndIdle();
        PortMapping mine = new PortMapping(Protocol.UDP, 27015, java.net.InetAddress.getByName("192.168.1.23"), 27015,
                true, "game", null, Duration.ZERO);
        onFx(() -> {
            vm.mappings().add(List.of(mine), conflict -> { });
            return null;
        });
        try {
            waitFor(() -> onFx(() -> watch.log().size()) == 1);
        } catch (AssertionError e) {
            throw new AssertionError("log " + onFx(() -> List.copyOf(watch.log())) + ", mode " + mode() + ", router "
                    + fake.eventing().log() + ", NOTIFY answers " + fake.eventing().notifyAnswers(), e);
        }
        waitFor(() -> !onFx(() -> vm.busyProperty().get()) && tableHas(27015));
        // The notifier has had the change (a popup, if one were made, is made then): none shown.
        waitFor(() -> onFx(() -> notifier.handled()) == 1);
        assertEquals(0, onFx(() -> notifier.shown()));
        assertTrue(popupWith("27015").isEmpty());
    }

    @Test
    void aChangeByAnotherPartOfThisAppIsLoggedWithoutAPopup() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2()), Duration.ofMinutes(5));
        listeningAndIdle();
        // As the reachability test adds its temporary forward: through the engine, not the table.
        var engine = onFx(() -> vm.engine());
        var gateway = onFx(() -> vm.gateway());
        engine.open(gateway).add(new PortMapping(Protocol.TCP, 9542, java.net.InetAddress.getByName("192.168.1.23"),
                9542, true, "test", null, Duration.ofMinutes(10)), net.portforward.engine.progress.Progress.NONE);
        waitFor(() -> onFx(() -> watch.log().size()) == 1);
        waitFor(() -> onFx(() -> notifier.handled()) == 1);
        assertEquals(0, onFx(() -> notifier.shown()));
        // Another computer's change a moment later still pops up.
        fake.table().put(FakeMapping.tcp(8080, OTHER, 80, "nas"));
        fake.eventing().notifySubscribers();
        waitFor(() -> popupWith("TCP 8080").isPresent());
    }

    @Test
    void aRestartSaysSoAndPutsTheLostMappingsBackInOneClick() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2().mappings(
                FakeMapping.tcp(8080, OTHER, 80, "nas"),
                FakeMapping.udp(27015, "192.168.1.23", 27015, "game"))), Duration.ofMillis(300));
        listeningAndIdle();
        waitFor(() -> tableHas(8080) && tableHas(27015));
        fake.restart();

        try {
            waitFor(() -> popupWith("Router restarted: 2 mappings are gone").isPresent());
        } catch (AssertionError e) {
            throw new AssertionError("no restart popup; log " + onFx(() -> List.copyOf(watch.log())) + ", popups "
                    + onFx(() -> robot.lookup(".notification-bar").queryAll().size()), e);
        }
        Node popup = popupWith("Router restarted").orElseThrow();
        waitFor(() -> !tableHas(8080)); // the table was read again by itself
        clickPopupButton(popup, "Put them back");
        try {
            waitFor(() -> fake.table().size() == 2);
        } catch (AssertionError e) {
            throw new AssertionError("not put back; router has " + fake.mappings() + ", window says \""
                    + onFx(() -> vm.messageProperty().get()) + "\", busy " + onFx(() -> vm.busyProperty().get()), e);
        }
        waitFor(() -> tableHas(8080) && tableHas(27015));
        assertEquals(OTHER, fake.mapping("TCP", 8080).orElseThrow().internalClient());
    }

    @Test
    void aRefusingRouterIsCheckedEveryPollIntervalAndTheWindowSaysWhy() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2().eventing(FakeEventing.Behaviour.REFUSES)), Duration.ofMillis(300));
        waitFor(() -> mode().startsWith("Checking"));
        assertEquals("Checking the router every 300 ms: The router refused to report changes (HTTP 501 to SUBSCRIBE).",
                mode());
        // The window's first read of the table must be done: a mapping already in the table when
        // the check finds it is not news (seen on a loaded machine: that read came after the put).
        waitFor(() -> !onFx(() -> vm.busyProperty().get()));
        fake.table().put(FakeMapping.tcp(2222, OTHER, 22, "ssh"));
        try {
            waitFor(() -> popupWith("TCP 2222").isPresent());
        } catch (AssertionError e) {
            throw new AssertionError("no popup; log " + onFx(() -> List.copyOf(watch.log())) + ", mode " + mode()
                    + ", batches handled " + onFx(notifier::handled) + ", popups shown " + onFx(notifier::shown), e);
        }
    }

    @Test
    void uncheckingListenUnsubscribes() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2()), Duration.ofMinutes(5));
        waitFor(() -> fake.eventing().subscriberCount() == 1);
        robot.clickOn("#change-log .title");
        robot.clickOn("#listen");
        waitFor(() -> fake.eventing().subscriberCount() == 0);
        assertEquals("Not listening for changes in the router.", mode());
        robot.clickOn("#listen");
        waitFor(() -> fake.eventing().subscriberCount() == 1);
    }
}
