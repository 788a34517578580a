package net.portforward.ui.settings;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.portforward.desktop.Autostart;
import net.portforward.desktop.LaunchCommand;
import net.portforward.engine.error.PortForwardException;
import net.portforward.ui.TaskRunner;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.common.UiText;

/**
 * The settings dialog's "Start PortForward in the system tray when I log in": the system's login
 * entry ({@link Autostart}) read once at start and written or removed after OK, each off the FX
 * thread (files, or {@code reg} on Windows). A failure is told in the window's words.
 */
public final class LoginEntry {
    private final Autostart autostart;
    private final Supplier<LaunchCommand> command;
    /** Whether the entry is there, as last read; read and written off the FX thread. */
    private volatile boolean on;

    /**
     * @param command what the entry starts (this Java with the jar, or the installed app), with {@code --tray}
     */
    public LoginEntry(Autostart autostart, Supplier<LaunchCommand> command) {
        this.autostart = autostart;
        this.command = command;
    }

    /** Reads whether the entry is there. Blocking: call off the FX thread (the app's init does). */
    public void read() {
        try {
            on = autostart.isOn();
        } catch (IOException unreadable) {
            on = false;
        }
    }

    /** Whether the entry was there when last read or written: the check box's first state. */
    public boolean isOn() {
        return on;
    }

    /**
     * After OK: writes or removes the entry through {@code runner} when {@code wanted} differs from
     * what is there; a failure goes to {@code errors}. FX thread.
     */
    public void set(boolean wanted, TaskRunner runner, Consumer<ErrorReport> errors) {
        if (wanted == on) {
            return;
        }
        runner.run(p -> {
            try {
                if (wanted) {
                    autostart.turnOn(command.get());
                } else {
                    autostart.turnOff();
                }
                on = autostart.isOn();
            } catch (IOException e) {
                throw new PortForwardException(UiText.format(text(), wanted ? "loginEntry.notWritten"
                        : "loginEntry.notRemoved", autostart.where(), e.getMessage()));
            }
            return on;
        }, done -> { }, e -> errors.accept(new ErrorReport(text().getString("loginEntry.failed"), e.getMessage(), "")));
    }

    private static java.util.ResourceBundle text() {
        return UiText.bundle(SettingsForm.BUNDLE);
    }
}
