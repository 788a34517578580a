package net.portforward.desktop;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Linux and other XDG desktops: {@code $XDG_CONFIG_HOME/autostart/portforward.desktop}
 * ({@code ~/.config} when the variable is unset or not a full path, as the XDG Base Directory
 * specification says), which GNOME, KDE, Xfce and the others start at login.
 */
final class XdgAutostart extends LoginFile {
    static final String FILE_NAME = "portforward.desktop";

    XdgAutostart(Path configHome) {
        super(configHome.resolve("autostart").resolve(FILE_NAME));
    }

    static XdgAutostart forUser(Path home, Map<String, String> env) {
        String xdg = env.getOrDefault("XDG_CONFIG_HOME", "");
        Path configHome = !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return new XdgAutostart(configHome);
    }

    @Override
    String content(LaunchCommand command) {
        return entry(command);
    }

    static String entry(LaunchCommand command) {
        return "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=PortForward\n"
                + "Comment=Keeps your port forwards, in the system tray\n"
                + "Exec=" + exec(command) + "\n"
                + "Terminal=false\n"
                + "X-GNOME-Autostart-enabled=true\n";
    }

    /**
     * The Exec line as the Desktop Entry specification wants it: an argument with a space or a
     * reserved character in double quotes, with {@code " ` $ \} escaped inside them; {@code %}
     * doubled (field codes); then every backslash doubled again, since Exec is a string value.
     */
    static String exec(LaunchCommand command) {
        return command.arguments().stream().map(XdgAutostart::quote).collect(Collectors.joining(" "))
                .replace("\\", "\\\\");
    }

    private static String quote(String arg) {
        String a = arg.replace("%", "%%");
        if (!a.isEmpty() && a.chars().noneMatch(c -> " \t\n\"'\\><~|&;$*?#()`".indexOf(c) >= 0)) {
            return a;
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : a.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
