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
 */
public final class AwtTray implements TrayHost {
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
            } catch (java.awt.AWTException | RuntimeException refused) {
                icon = null;
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
            if (icon != null) {
                icon.displayMessage(title, text, warning ? TrayIcon.MessageType.WARNING : TrayIcon.MessageType.INFO);
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
