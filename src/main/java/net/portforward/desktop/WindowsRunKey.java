package net.portforward.desktop;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Windows: a value in the user's Run key, which Explorer starts at login. Written with
 * {@code reg.exe}, which every Windows has, rather than a native library.
 */
final class WindowsRunKey implements Autostart {
    static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String VALUE = "PortForward";

    private final SystemCommand reg;

    WindowsRunKey(SystemCommand reg) {
        this.reg = reg;
    }

    @Override
    public boolean isOn() {
        return reg.run(List.of("reg", "query", KEY, "/v", VALUE)).map(SystemCommand.Answer::ok).orElse(false);
    }

    @Override
    public void turnOn(LaunchCommand command) throws IOException {
        run(addCommand(command));
    }

    @Override
    public void turnOff() throws IOException {
        if (isOn()) {
            run(List.of("reg", "delete", KEY, "/v", VALUE, "/f"));
        }
    }

    @Override
    public String where() {
        return KEY + "\\" + VALUE;
    }

    /**
     * {@code reg add} with the command line as the value's data. Java quotes an argument that holds
     * a space but leaves the quotes inside it alone, and reg reads {@code \"} as a quote (the
     * usual Windows rule), so the quotes of the command line are written {@code \"}.
     */
    static List<String> addCommand(LaunchCommand command) {
        return List.of("reg", "add", KEY, "/v", VALUE, "/t", "REG_SZ", "/d",
                commandLine(command).replace("\"", "\\\""), "/f");
    }

    /** The command line as Windows splits it: an argument with a space (or empty) in double quotes. */
    static String commandLine(LaunchCommand command) {
        return command.arguments().stream()
                .map(a -> a.isEmpty() || a.contains(" ") || a.contains("\t") ? "\"" + a + "\"" : a)
                .collect(Collectors.joining(" "));
    }

    private void run(List<String> command) throws IOException {
        SystemCommand.Answer answer = reg.run(command)
                .orElseThrow(() -> new IOException("reg.exe did not answer in time"));
        if (!answer.ok()) {
            throw new IOException("reg.exe refused: " + answer.output().strip());
        }
    }
}
