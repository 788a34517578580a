package net.portforward.ui.tray;

import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.awt.event.ItemEvent;
import javafx.application.Platform;

/**
 * The real tray, through {@link java.awt.SystemTray}. AWT builds the icon on its own thread; its
 * callbacks hop to the FX thread (Platform.runLater), where the rest of the app lives.
 *
 * <p>What it tells through the tray is also logged (INFO, on standard error): a notification is
 * gone from the screen after a few seconds, and a user who asks "what did it say last night?"
 * or a test of the whole app can read it there.
 */
public final class AwtTray implements TrayHost {
    private static final System.Logger LOG = System.getLogger(AwtTray.class.getName());
    private TrayIcon icon;
    private CheckboxMenuItem pause;

    @Override
    public boolean available() {
        try {
            return !GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
        } catch (RuntimeException | Error noAwt) {
            return false;
        }
    }

    @Override
    public void show(Menu menu) {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                return;
            }
            PopupMenu popup = new PopupMenu();
            MenuItem open = new MenuItem(TrayKeeper.text().getString("menu.open"));
            open.addActionListener(e -> Platform.runLater(menu::open));
            pause = new CheckboxMenuItem(TrayKeeper.text().getString("menu.pause"));
            pause.addItemListener(e -> {
                boolean paused = e.getStateChange() == ItemEvent.SELECTED;
                Platform.runLater(() -> menu.pauseListening(paused));
            });
            MenuItem quit = new MenuItem(TrayKeeper.text().getString("menu.quit"));
            quit.addActionListener(e -> Platform.runLater(menu::quit));
            popup.add(open);
            popup.add(pause);
            popup.addSeparator();
            popup.add(quit);
            var url = AwtTray.class.getResource("/icons/portforward-32.png");
            Image image = url == null ? new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_ARGB)
                    : Toolkit.getDefaultToolkit().getImage(url);
            icon = new TrayIcon(image, "PortForward", popup);
            icon.setImageAutoSize(true);
            // A click (or double-click, by platform) on the icon opens the window, as Open does.
            icon.addActionListener(e -> Platform.runLater(menu::open));
            try {
                SystemTray.getSystemTray().add(icon);
                LOG.log(System.Logger.Level.INFO, "PortForward is in the system tray");
            } catch (java.awt.AWTException | RuntimeException refused) {
                icon = null;
                LOG.log(System.Logger.Level.WARNING, "The system tray refused PortForward's icon: " + refused);
            }
        });
    }

    @Override
    public void setPaused(boolean paused) {
        EventQueue.invokeLater(() -> {
            if (pause != null) {
                pause.setState(paused);
            }
        });
    }

    @Override
    public void message(String title, String text, boolean warning) {
        EventQueue.invokeLater(() -> {
            String oneLine = title + ": " + text.replace('\n', ' ');
            if (icon != null) {
                // X11's notification (XToolkit's balloon) drops line breaks and glues the words on
                // either side together ("hadjust started"): there the lines go as one paragraph.
                boolean x11 = "sun.awt.X11.XToolkit".equals(Toolkit.getDefaultToolkit().getClass().getName());
                icon.displayMessage(title, x11 ? text.replace('\n', ' ') : text,
                        warning ? TrayIcon.MessageType.WARNING : TrayIcon.MessageType.INFO);
                LOG.log(System.Logger.Level.INFO, "Told through the system tray: " + oneLine);
            } else {
                LOG.log(System.Logger.Level.WARNING, "Not told (no tray icon): " + oneLine);
            }
        });
    }

    @Override
    public void remove() {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                SystemTray.getSystemTray().remove(icon);
                icon = null;
            }
        });
    }
}
