package net.portforward.ui.tray;

import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import net.portforward.engine.PortForwardEngine;
import net.portforward.testing.EngineFixture;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.ui.FxTestSupport;
import net.portforward.ui.TestWindow;
import net.portforward.ui.main.MainViewModel;
import net.portforward.ui.watch.ChangeNotifier;
import net.portforward.ui.watch.WatchViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The router's news while the window sits in the tray: the real main window, its change watch and
 * notifier against the fake router, wired to a {@link TrayKeeper} as the app wires them, with a
 * fake tray that records what it was asked to say. While hidden, news goes to the tray and no
 * popup is made; once the window is open again, popups come back.
 */
class TrayNewsTest {
    private static final String OTHER = "192.168.1.24";

    @TempDir
    Path data;
    private final FxRobot robot = new FxRobot();
    private TestWindow window;
    private final TrayKeeperTest.FakeTray tray = new TrayKeeperTest.FakeTray(true);
    private Stage stage;
    private MainViewModel vm;
    private WatchViewModel watch;
    private ChangeNotifier notifier;
    private TrayKeeper keeper;
    private FakeRouter fake;

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startFx();
    }

    /** The window as DesktopApp wires it, with the forward on {@code keptPort} kept by the user. */
    private void open(FakeRouter router, int keptPort, Duration pollInterval) throws Exception {
        fake = router;
        window = TestWindow.open(new PortForwardEngine(EngineFixture.options(data, fake.location())), w -> {
            w.closeAfter(fake);
            notifier = w.watch(true, pollInterval, true);
            notifier.setPutBackByItself(m -> m.externalPort() == keptPort);
            keeper = new TrayKeeper(w.stage, tray, w.watch().listeningProperty(), () -> { }, sentence -> { });
            notifier.setElsewhere(keeper::tellFromTray);
            w.stage.setOnCloseRequest(keeper::closeRequested);
            keeper.use(true);
        });
        stage = window.stage;
        vm = window.vm;
        watch = window.watch();
        waitFor(() -> onFx(() -> watch.modeTextProperty().get()).startsWith("Listening"));
        waitFor(() -> !onFx(() -> vm.busyProperty().get()));
    }

    @AfterEach
    void close() throws Exception {
        if (keeper != null) {
            onFx(() -> {
                keeper.remove();
                Platform.setImplicitExit(false); // the other tests' toolkit outlives their windows
                return null;
            });
        }
        if (window != null) {
            window.close();
        }
    }

    /** The window's close button, as the user clicks it. */
    private void closeWindow() {
        boolean hidden = onFx(() -> {
            WindowEvent e = new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST);
            stage.getOnCloseRequest().handle(e);
            return e.isConsumed() && !stage.isShowing();
        });
        assertTrue(hidden, "closing hid the window into the tray");
    }

    private boolean anyPopup() {
        return onFx(() -> !robot.lookup(".notification-bar").queryAll().isEmpty());
    }

    @Test
    void anotherComputersChangeWhileHiddenIsToldByTheTrayAndPopupsComeBackWithTheWindow() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2()), 0, Duration.ofMinutes(5));
        closeWindow();
        fake.table().put(FakeMapping.tcp(8080, OTHER, 80, "nas"));
        fake.eventing().notifySubscribers();

        waitFor(() -> !tray.messages.isEmpty());
        assertEquals(List.of("The router changed: TCP 8080 \u2192 192.168.1.24:80 added (\"nas\")"), tray.messages);
        assertEquals(List.of(false), tray.warnings, "news, not a warning");
        assertEquals(0, onFx(notifier::shown), "no popup while the window is hidden");
        assertFalse(anyPopup());
        assertTrue(onFx(() -> watch.log().size()) == 1, "the change is in the window's list for later");

        // The tray's Open: the next change pops up in the window again, and the tray stays quiet.
        onFx(() -> {
            tray.menu.open();
            return null;
        });
        fake.table().put(FakeMapping.udp(9000, OTHER, 9000, "cam"));
        fake.eventing().notifySubscribers();
        waitFor(() -> onFx(notifier::shown) == 1);
        assertTrue(anyPopup());
        assertEquals(1, tray.messages.size(), tray.messages.toString());
    }

    @Test
    void aRestartWhileHiddenSaysWhatComesBackByItselfAndWhatWaitsForTheWindow() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2().mappings(
                FakeMapping.tcp(8080, OTHER, 80, "nas"),
                FakeMapping.udp(27015, "192.168.1.23", 27015, "game"))), 27015, Duration.ofMillis(300));
        waitFor(() -> onFx(() -> vm.rows().size()) == 2);
        closeWindow();
        fake.restart();

        waitFor(() -> !tray.messages.isEmpty());
        String said = tray.messages.get(0);
        assertTrue(said.startsWith("The router restarted: Router restarted: 2 mappings are gone"), said);
        assertTrue(said.contains("\nPutting back the port forward you keep."), said);
        assertTrue(said.endsWith("\nOpen PortForward to put them back."), said);
        assertEquals(true, tray.warnings.get(0), "something is lost until the user acts");
        assertEquals(0, onFx(notifier::shown));
        assertFalse(anyPopup());
    }

    @Test
    void newsThatNeedsNoAnswerGoesToTheTrayWhileHidden() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2()), 0, Duration.ofMinutes(5));
        closeWindow();
        // As the ledger tells of kept forwards it put back.
        onFx(() -> {
            notifier.tell("Port forwards put back", "1 port forward put back.", List.of("TCP 9443 is back."), false);
            return null;
        });
        assertEquals(1, tray.messages.size(), tray.messages.toString());
        assertTrue(tray.messages.get(0).startsWith("Port forwards put back: 1 port forward put back.\nTCP 9443 is back."),
                tray.messages.get(0));
        assertEquals(0, onFx(notifier::shown));
        assertTrue(onFx(() -> watch.log().size()) == 1, "its line is in the window's list");
    }
}
