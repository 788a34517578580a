package net.portforward.ui.tray;

import static net.portforward.ui.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import net.portforward.ui.FxTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tray's logic with a fake tray: what closing, Open, Pause listening and Quit do. */
class TrayKeeperTest {

    /** Records what the keeper asks of the tray; {@link #menu} is what a click in it would run. */
    static final class FakeTray implements TrayHost {
        final boolean there;
        Menu menu;
        Boolean paused;
        int removed;
        final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Boolean> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();

        FakeTray(boolean there) {
            this.there = there;
        }

        @Override
        public boolean available() {
            return there;
        }

        @Override
        public void show(Menu menu) {
            this.menu = menu;
        }

        @Override
        public void setPaused(boolean paused) {
            this.paused = paused;
        }

        @Override
        public void message(String title, String text, boolean warning) {
            messages.add(title + ": " + text);
            warnings.add(warning);
        }

        @Override
        public void remove() {
            removed++;
            menu = null;
        }
    }

    private Stage stage;
    private final BooleanProperty listening = new SimpleBooleanProperty(true);
    private final List<String> told = new ArrayList<>();
    private int quits;

    @BeforeAll
    static void fx() throws InterruptedException {
        FxTestSupport.startFx();
    }

    @BeforeEach
    void window() throws InterruptedException {
        stage = onFx(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new Pane(), 200, 100));
            s.show();
            return s;
        });
    }

    @AfterEach
    void close() throws InterruptedException {
        onFx(() -> {
            Platform.setImplicitExit(false); // the other tests' toolkit outlives their windows
            stage.hide();
            return null;
        });
    }

    private TrayKeeper keeper(FakeTray tray) throws InterruptedException {
        return onFx(() -> {
            TrayKeeper k = new TrayKeeper(stage, tray, listening, () -> quits++, told::add);
            stage.setOnCloseRequest(k::closeRequested);
            return k;
        });
    }

    private WindowEvent closeRequest() throws InterruptedException {
        return onFx(() -> {
            WindowEvent e = new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST);
            stage.getOnCloseRequest().handle(e);
            return e;
        });
    }

    @Test
    void closingHidesIntoTheTrayAndTheWatchGoesOn() throws InterruptedException {
        FakeTray tray = new FakeTray(true);
        TrayKeeper keeper = keeper(tray);
        assertFalse(onFx(() -> {
            keeper.use(true);
            return Platform.isImplicitExit();
        }), "the app outlives its hidden window");
        assertTrue(keeper.inTray());
        assertEquals(false, tray.paused);
        assertTrue(closeRequest().isConsumed(), "the close became a hide");
        assertFalse(onFx(stage::isShowing));
        assertTrue(listening.get(), "still listening for changes");
        assertEquals(0, quits);
        assertEquals(List.of(), told);
    }

    @Test
    void openShowsTheWindowAgain() throws InterruptedException {
        FakeTray tray = new FakeTray(true);
        TrayKeeper keeper = keeper(tray);
        onFx(() -> {
            keeper.use(true);
            return null;
        });
        closeRequest();
        assertTrue(onFx(() -> {
            tray.menu.open();
            return stage.isShowing();
        }));
    }

    @Test
    void quitGoesThroughTheAppsShutdownAndTakesTheIconAway() throws InterruptedException {
        FakeTray tray = new FakeTray(true);
        TrayKeeper keeper = keeper(tray);
        onFx(() -> {
            keeper.use(true);
            tray.menu.quit();
            keeper.remove();
            return null;
        });
        assertEquals(1, quits);
        assertEquals(1, tray.removed);
        assertFalse(keeper.inTray());
    }

    @Test
    void pauseStopsListeningAndTheMenuFollowsTheWindowsCheckBox() throws InterruptedException {
        FakeTray tray = new FakeTray(true);
        TrayKeeper keeper = keeper(tray);
        onFx(() -> {
            keeper.use(true);
            tray.menu.pauseListening(true);
            return null;
        });
        assertFalse(listening.get());
        onFx(() -> {
            listening.set(true); // the window's "Listen for changes" ticked again
            return null;
        });
        assertEquals(false, tray.paused);
    }

    @Test
    void newsGoesToTheTrayOnlyWhileTheWindowIsHidden() throws InterruptedException {
        FakeTray tray = new FakeTray(true);
        TrayKeeper keeper = keeper(tray);
        onFx(() -> {
            keeper.use(true);
            return null;
        });
        assertFalse(onFx(() -> keeper.tellFromTray("Router changed", "port 80 went", false)), "the window shows");
        closeRequest();
        assertTrue(onFx(() -> keeper.tellFromTray("Router changed", "port 80 went", false)));
        assertEquals(List.of("Router changed: port 80 went"), tray.messages);
    }

    @Test
    void withoutATrayClosingQuitsAndTheUserIsToldOnce() throws InterruptedException {
        FakeTray none = new FakeTray(false);
        TrayKeeper keeper = keeper(none);
        assertTrue(onFx(() -> {
            keeper.use(true);
            boolean exits = Platform.isImplicitExit();
            Platform.setImplicitExit(false); // this test's toolkit must stay for the next test
            keeper.use(true); // settings saved again: not told twice
            Platform.setImplicitExit(false);
            return exits;
        }), "closing the last window ends the app as before");
        assertFalse(keeper.inTray());
        assertEquals(1, told.size(), told.toString());
        assertTrue(told.get(0).startsWith("Your desktop has no system tray, so closing the window quits PortForward"));
        assertFalse(closeRequest().isConsumed(), "the close goes through");
        assertEquals(null, none.menu);
        assertFalse(onFx(() -> keeper.tellFromTray("t", "x", false)), "popups as usual");
    }

    @Test
    void turningTheSettingOffTakesTheIconAwayAndClosingQuitsAgain() throws InterruptedException {
        FakeTray tray = new FakeTray(true);
        TrayKeeper keeper = keeper(tray);
        boolean exits = onFx(() -> {
            keeper.use(true);
            keeper.use(false);
            boolean e = Platform.isImplicitExit();
            Platform.setImplicitExit(false);
            return e;
        });
        assertTrue(exits);
        assertEquals(1, tray.removed);
        assertFalse(closeRequest().isConsumed());
        assertEquals(List.of(), told, "the user turned it off: nothing to explain");
    }
}
