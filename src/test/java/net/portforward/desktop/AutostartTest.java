package net.portforward.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The login entries, written into and removed from a temporary home; reg is never run. */
class AutostartTest {
    @TempDir
    Path home;

    private static final LaunchCommand INSTALLED =
            new LaunchCommand(List.of("/opt/portforward/bin/portforward", "--tray"));

    @Test
    void linuxWritesAnXdgEntryUnderDotConfigAndRemovesIt() throws IOException {
        Autostart linux = Autostart.forSystem(OperatingSystem.LINUX, home, Map.of(), unused());
        Path file = home.resolve(".config/autostart/portforward.desktop");
        assertFalse(linux.isOn());
        linux.turnOn(INSTALLED);
        assertTrue(linux.isOn());
        String entry = Files.readString(file);
        assertTrue(entry.startsWith("[Desktop Entry]\n"), entry);
        assertTrue(entry.contains("\nExec=/opt/portforward/bin/portforward --tray\n"), entry);
        assertTrue(entry.contains("\nType=Application\n"), entry);
        assertEquals(file.toString(), linux.where());
        linux.turnOff();
        assertFalse(Files.exists(file));
        assertFalse(linux.isOn());
        linux.turnOff(); // nothing there: still fine
    }

    @Test
    void linuxHonoursXdgConfigHomeButOnlyAFullPath() throws IOException {
        Path xdg = home.resolve("elsewhere");
        Autostart linux = Autostart.forSystem(OperatingSystem.LINUX, home, Map.of("XDG_CONFIG_HOME", xdg.toString()), unused());
        linux.turnOn(INSTALLED);
        assertTrue(Files.isRegularFile(xdg.resolve("autostart/portforward.desktop")));
        assertFalse(Files.exists(home.resolve(".config")));
        Autostart relative = Autostart.forSystem(OperatingSystem.LINUX, home, Map.of("XDG_CONFIG_HOME", "rel"), unused());
        assertEquals(home.resolve(".config/autostart/portforward.desktop").toString(), relative.where());
    }

    @Test
    void anExecLineQuotesSpacesAndEscapesWhatTheSpecReserves() {
        LaunchCommand java = new LaunchCommand(List.of("/usr/lib/jvm/java 17/bin/java", "-jar", "/home/al$ice/100%/pf.jar",
                "--tray"));
        assertEquals("\"/usr/lib/jvm/java 17/bin/java\" -jar \"/home/al\\\\$ice/100%%/pf.jar\" --tray",
                XdgAutostart.exec(java));
    }

    @Test
    void macWritesALaunchAgentThatRunsAtLoad() throws IOException {
        Autostart mac = Autostart.forSystem(OperatingSystem.MACOS, home, Map.of(), unused());
        mac.turnOn(new LaunchCommand(List.of("/Applications/PortForward.app/Contents/MacOS/PortForward", "--tray",
                "--config", "/Users/a&b/pf.ini")));
        Path plist = home.resolve("Library/LaunchAgents/net.portforward.PortForward.plist");
        String text = Files.readString(plist);
        assertTrue(text.contains("<string>/Applications/PortForward.app/Contents/MacOS/PortForward</string>\n"
                + "    <string>--tray</string>"), text);
        assertTrue(text.contains("<string>/Users/a&amp;b/pf.ini</string>"), text);
        assertTrue(text.contains("<key>RunAtLoad</key>\n  <true/>"), text);
        assertTrue(mac.isOn());
        mac.turnOff();
        assertFalse(Files.exists(plist));
    }

    @Test
    void windowsBuildsRegAddWithTheLauncherQuotedAndDeletesOnlyWhatIsThere() throws IOException {
        List<List<String>> ran = new ArrayList<>();
        boolean[] there = {false};
        SystemCommand reg = command -> {
            ran.add(command);
            if (command.get(1).equals("query")) {
                return Optional.of(new SystemCommand.Answer(there[0] ? 0 : 1, ""));
            }
            return Optional.of(new SystemCommand.Answer(0, "The operation completed successfully."));
        };
        Autostart windows = Autostart.forSystem(OperatingSystem.WINDOWS, home, Map.of(), reg);
        LaunchCommand exe = new LaunchCommand(List.of("C:\\Program Files\\PortForward\\PortForward.exe", "--tray"));
        assertEquals("\"C:\\Program Files\\PortForward\\PortForward.exe\" --tray", WindowsRunKey.commandLine(exe));
        windows.turnOn(exe);
        assertEquals(List.of("reg", "add", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "/v", "PortForward",
                "/t", "REG_SZ", "/d", "\\\"C:\\Program Files\\PortForward\\PortForward.exe\\\" --tray", "/f"), ran.get(0));
        ran.clear();
        windows.turnOff();
        assertEquals(1, ran.size(), "nothing to delete: only the query ran");
        there[0] = true;
        assertTrue(windows.isOn());
        ran.clear();
        windows.turnOff();
        assertEquals(List.of("reg", "delete", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "/v",
                "PortForward", "/f"), ran.get(1));
    }

    @Test
    void aRegThatRefusesOrHangsIsAnErrorToTell() throws IOException {
        Autostart refused = Autostart.forSystem(OperatingSystem.WINDOWS, home, Map.of(),
                c -> Optional.of(new SystemCommand.Answer(1, "ERROR: Access is denied.\r\n")));
        IOException e = assertThrows(IOException.class, () -> refused.turnOn(INSTALLED));
        assertEquals("reg.exe refused: ERROR: Access is denied.", e.getMessage());
        Autostart hung = Autostart.forSystem(OperatingSystem.WINDOWS, home, Map.of(), c -> Optional.empty());
        assertThrows(IOException.class, () -> hung.turnOn(INSTALLED));
        assertFalse(hung.isOn());
    }

    private static SystemCommand unused() {
        return command -> {
            throw new AssertionError("no command expected: " + command);
        };
    }
}
