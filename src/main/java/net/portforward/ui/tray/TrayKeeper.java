package net.portforward.ui.tray;

import java.util.ResourceBundle;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Keeps PortForward running in the system tray when the window closes ({@code [window]
 * close-to-tray}): the window hides while renewing, restoring and the router watch go on; the
 * tray's Open shows it again, Pause listening stops the watch, Quit ends the app through the
 * app's one shutdown path. Without a tray, closing quits as before and the user is told once.
 * FX thread only.
 */
public final class TrayKeeper {
    /** The tray's words in the window's language, looked up on each use so a language chosen later applies. */
    static ResourceBundle text() {
        return net.portforward.ui.common.UiText.bundle("net.portforward.ui.tray.TrayText");
    }

    private final Stage stage;
    private final TrayHost tray;
    private final BooleanProperty listening;
    private final Runnable quit;
    private final Consumer<String> tell;
    private boolean inTray;
    private boolean toldNoTray;

    /**
     * @param listening the watch's "listen for changes" switch, which Pause listening turns off
     * @param quit the app's shutdown path
     * @param tell how to say a sentence to the user (once, when there is no tray)
     */
    public TrayKeeper(Stage stage, TrayHost tray, BooleanProperty listening, Runnable quit, Consumer<String> tell) {
        this.stage = stage;
        this.tray = tray;
        this.listening = listening;
        this.quit = quit;
        this.tell = tell;
        listening.addListener((o, was, on) -> {
            if (inTray) {
                tray.setPaused(!on);
            }
        });
    }

    /**
     * Follows the close-to-tray setting: with it on and a tray there, the icon goes into the tray
     * and closing hides; otherwise closing quits (and, when the setting wanted the tray, the user
     * hears once why it cannot be).
     */
    public void use(boolean closeToTray) {
        boolean want = closeToTray && tray.available();
        if (want && !inTray) {
            tray.show(new TrayHost.Menu() {
                @Override
                public void open() {
                    TrayKeeper.this.open();
                }

                @Override
                public void pauseListening(boolean paused) {
                    listening.set(!paused);
                }

                @Override
                public void quit() {
                    quit.run();
                }
            });
            tray.setPaused(!listening.get());
        } else if (!want && inTray) {
            tray.remove();
        }
        inTray = want;
        // The app must outlive its hidden window only while the tray can bring it back.
        Platform.setImplicitExit(!want);
        if (closeToTray && !tray.available() && !toldNoTray) {
            toldNoTray = true;
            tell.accept(text().getString("noTray"));
        }
    }

    /** True while PortForward sits in the tray (closing hides instead of quitting). */
    public boolean inTray() {
        return inTray;
    }

    /**
     * The window's close request: hidden into the tray, or let through (the app quits).
     *
     * @return true when the window was hidden instead of closed
     */
    public boolean closeRequested(WindowEvent e) {
        if (!inTray) {
            return false;
        }
        e.consume();
        stage.hide();
        return true;
    }

    /** Shows the window (from the tray, or a second start). */
    public void open() {
        stage.show();
        stage.setIconified(false);
        stage.toFront();
    }

    /**
     * A notification while the window is hidden: the tray's. False when the window shows (or there
     * is no tray), so the caller pops up its own.
     */
    public boolean tellFromTray(String title, String text, boolean warning) {
        if (!inTray || stage.isShowing()) {
            return false;
        }
        tray.message(title, text, warning);
        return true;
    }

    /** Takes the icon out of the tray as the app ends. */
    public void remove() {
        if (inTray) {
            inTray = false;
            tray.remove();
        }
    }
}
