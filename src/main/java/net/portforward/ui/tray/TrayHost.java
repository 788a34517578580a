package net.portforward.ui.tray;

/**
 * The system tray as {@link TrayKeeper} needs it: small, so a fake stands in for it in tests.
 * Calls come from the FX thread; the menu's actions are handed back on the FX thread.
 */
public interface TrayHost {

    /** What the tray menu does, each run on the FX thread. */
    interface Menu {
        void open();

        void pauseListening(boolean paused);

        void quit();
    }

    /** True when the desktop has a system tray to put PortForward in. */
    boolean available();

    /** Puts PortForward's icon and its menu (Open, Pause listening, Quit) into the tray. */
    void show(Menu menu);

    /** Ticks or unticks "Pause listening" to match the window's check box. */
    void setPaused(boolean paused);

    /** A notification from the tray icon, for news while the window is hidden. */
    void message(String title, String text, boolean warning);

    /** Takes the icon out of the tray. */
    void remove();
}
