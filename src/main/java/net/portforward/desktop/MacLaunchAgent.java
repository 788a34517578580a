package net.portforward.desktop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.portforward.files.AtomicFile;

/** macOS: a LaunchAgent in {@code ~/Library/LaunchAgents}, which launchd runs at login (RunAtLoad). */
final class MacLaunchAgent implements Autostart {
    static final String LABEL = "net.portforward.PortForward";

    private final Path file;

    MacLaunchAgent(Path home) {
        this.file = home.resolve("Library").resolve("LaunchAgents").resolve(LABEL + ".plist");
    }

    Path file() {
        return file;
    }

    @Override
    public boolean isOn() {
        return Files.isRegularFile(file);
    }

    @Override
    public void turnOn(LaunchCommand command) throws IOException {
        AtomicFile.writeDocument(file, plist(command));
    }

    @Override
    public void turnOff() throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public String where() {
        return file.toString();
    }

    static String plist(LaunchCommand command) {
        StringBuilder args = new StringBuilder();
        for (String a : command.arguments()) {
            args.append("    <string>").append(xml(a)).append("</string>\n");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                  <key>Label</key>
                  <string>%s</string>
                  <key>ProgramArguments</key>
                  <array>
                %s  </array>
                  <key>RunAtLoad</key>
                  <true/>
                  <key>ProcessType</key>
                  <string>Interactive</string>
                </dict>
                </plist>
                """.formatted(LABEL, args);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
