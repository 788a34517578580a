package net.portforward.desktop;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the desktop is set to dark, for the window's "system" theme: GNOME's color-scheme (or a
 * GTK_THEME ending in :dark) on Linux, AppsUseLightTheme on Windows, AppleInterfaceStyle on macOS.
 * Each asks a short command that may hang or be missing (the caller's {@link SystemCommand} has a
 * time limit): run it off the FX thread. Light when the answer cannot be read.
 */
public final class DarkSetting {
    static final List<String> GNOME = List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme");
    static final List<String> WINDOWS = List.of("reg", "query",
            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize", "/v", "AppsUseLightTheme");
    static final List<String> MACOS = List.of("defaults", "read", "-g", "AppleInterfaceStyle");

    private final OperatingSystem os;
    private final Map<String, String> env;
    private final SystemCommand command;

    public DarkSetting(OperatingSystem os, Map<String, String> env, SystemCommand command) {
        this.os = os;
        this.env = env;
        this.command = command;
    }

    /** This machine's setting, each question limited to {@code limit}. */
    public static DarkSetting forThisMachine(java.time.Duration limit) {
        return new DarkSetting(OperatingSystem.current(), System.getenv(), SystemCommand.withTimeout(limit));
    }

    /** True when the desktop says dark; false when it says light or cannot be asked. */
    public boolean isDark() {
        return switch (os) {
            case LINUX -> gtkThemeIsDark(env.get("GTK_THEME"))
                    || command.run(GNOME).filter(SystemCommand.Answer::ok).map(a -> gnomeIsDark(a.output())).orElse(false);
            case WINDOWS -> command.run(WINDOWS).filter(SystemCommand.Answer::ok)
                    .flatMap(a -> windowsIsDark(a.output())).orElse(false);
            // "defaults" fails (exit 1, "does not exist") when the Mac is light: no key means light.
            case MACOS -> command.run(MACOS).filter(SystemCommand.Answer::ok).map(a -> macIsDark(a.output())).orElse(false);
        };
    }

    /** {@code gsettings get org.gnome.desktop.interface color-scheme}: 'prefer-dark', 'default' or 'prefer-light'. */
    static boolean gnomeIsDark(String output) {
        return output.contains("prefer-dark");
    }

    /** GTK_THEME names a theme and its variant: "Adwaita:dark". */
    static boolean gtkThemeIsDark(String gtkTheme) {
        return gtkTheme != null && gtkTheme.strip().endsWith(":dark");
    }

    /**
     * {@code reg query … /v AppsUseLightTheme}: a line "AppsUseLightTheme    REG_DWORD    0x0" (dark)
     * or "0x1" (light); empty when there is no such line.
     */
    static Optional<Boolean> windowsIsDark(String output) {
        for (String line : output.split("\\R")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 3 && parts[0].equalsIgnoreCase("AppsUseLightTheme") && parts[1].equals("REG_DWORD")) {
                try {
                    return Optional.of(Long.decode(parts[2]) == 0);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** {@code defaults read -g AppleInterfaceStyle}: "Dark" when dark. */
    static boolean macIsDark(String output) {
        return output.strip().equalsIgnoreCase("dark");
    }
}
