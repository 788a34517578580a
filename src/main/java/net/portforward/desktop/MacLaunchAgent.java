package net.portforward.desktop;

import java.nio.file.Path;

/** macOS: a LaunchAgent in {@code ~/Library/LaunchAgents}, which launchd runs at login (RunAtLoad). */
final class MacLaunchAgent extends LoginFile {
    static final String LABEL = "net.portforward.PortForward";

    MacLaunchAgent(Path home) {
        super(home.resolve("Library").resolve("LaunchAgents").resolve(LABEL + ".plist"));
    }

    @Override
    String content(LaunchCommand command) {
        return plist(command);
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
