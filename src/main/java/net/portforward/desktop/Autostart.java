package net.portforward.desktop;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The system's entry that starts PortForward when the user logs in: XDG autostart on Linux, the
 * per-user Run key on Windows, a LaunchAgent on macOS. Blocking (files, reg): off the FX thread.
 */
public interface Autostart {

    /** True when the entry is there. */
    boolean isOn() throws IOException;

    /** Writes (or rewrites) the entry so that it runs {@code command}. */
    void turnOn(LaunchCommand command) throws IOException;

    /** Removes the entry; none there is fine. */
    void turnOff() throws IOException;

    /** Where the entry lives, in words for a message ("~/.config/autostart/portforward.desktop"). */
    String where();

    /** This machine's kind of entry, for the user whose home is {@code home}. */
    static Autostart forThisMachine() {
        return forSystem(OperatingSystem.current(), Path.of(System.getProperty("user.home")), System.getenv(),
                SystemCommand.withTimeout(Duration.ofSeconds(5)));
    }

    static Autostart forSystem(OperatingSystem os, Path home, Map<String, String> env, SystemCommand command) {
        return switch (os) {
            case WINDOWS -> new WindowsRunKey(command);
            case MACOS -> new MacLaunchAgent(home);
            case LINUX -> XdgAutostart.forUser(home, env);
        };
    }
}
