package net.portforward.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @TempDir
    Path home;

    private String shipped;

    @BeforeEach
    void readShippedFile() throws IOException {
        shipped = SettingsParserTest.shippedText();
    }

    private SettingsLoader linux(Map<String, String> env) {
        return new SettingsLoader("Linux", home, env, shipped);
    }

    @Test
    void linuxFollowsXdgAndIgnoresRelativeValues() {
        assertEquals(home.resolve(".config/portforward/portforward.ini"), linux(Map.of()).userConfigFile());
        assertEquals(home.resolve(".local/share/portforward"), linux(Map.of()).defaultDataDir());
        Map<String, String> xdg = Map.of("XDG_CONFIG_HOME", "/etc/xdg-cfg", "XDG_DATA_HOME", "/var/xdg-data");
        assertEquals(Path.of("/etc/xdg-cfg/portforward/portforward.ini"), linux(xdg).userConfigFile());
        assertEquals(Path.of("/var/xdg-data/portforward"), linux(xdg).defaultDataDir());
        Map<String, String> relative = Map.of("XDG_CONFIG_HOME", "cfg", "XDG_DATA_HOME", "");
        assertEquals(home.resolve(".config/portforward"), linux(relative).configDir());
        assertEquals(home.resolve(".local/share/portforward"), linux(relative).defaultDataDir());
        // Other Unixes use the same layout.
        assertEquals(home.resolve(".config/portforward"), new SettingsLoader("FreeBSD", home, Map.of(), shipped).configDir());
    }

    @Test
    void windowsUsesAppData() {
        Path appData = home.resolve("AppData-elsewhere");
        SettingsLoader w = new SettingsLoader("Windows 11", home, Map.of("APPDATA", appData.toString()), shipped);
        assertEquals(appData.resolve("PortForward").resolve("portforward.ini"), w.userConfigFile());
        assertEquals(appData.resolve("PortForward"), w.defaultDataDir());
        SettingsLoader noEnv = new SettingsLoader("Windows 10", home, Map.of(), shipped);
        assertEquals(home.resolve("AppData").resolve("Roaming").resolve("PortForward"), noEnv.configDir());
    }

    @Test
    void macUsesApplicationSupport() {
        SettingsLoader m = new SettingsLoader("Mac OS X", home, Map.of("XDG_CONFIG_HOME", "/ignored"), shipped);
        Path dir = home.resolve("Library").resolve("Application Support").resolve("PortForward");
        assertEquals(dir.resolve("portforward.ini"), m.userConfigFile());
        assertEquals(dir, m.defaultDataDir());
        assertEquals(dir, SettingsLoader.defaultDataDir("Mac OS X", home, Map.of()));
    }

    @Test
    void firstStartSeedsTheUserFileFromTheShippedDefaults() throws Exception {
        SettingsLoader loader = linux(Map.of());
        Path file = loader.userConfigFile();
        assertFalse(Files.exists(file));

        Settings s = loader.load(Optional.empty());

        assertEquals(List.of(), english(s.problems()));
        assertEquals(Settings.defaults(loader.defaultDataDir()), s);
        assertEquals(shipped, Files.readString(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temp file left behind");
        }
    }

    @Test
    void existingUserFileIsReadAndNeverOverwritten() throws Exception {
        SettingsLoader loader = linux(Map.of());
        Path file = loader.userConfigFile();
        Files.createDirectories(file.getParent());
        String mine = "[webserver]\nport = 8123\nstart = true\n";
        Files.writeString(file, mine);

        Settings s = loader.load(Optional.empty());

        assertEquals(8123, s.webServerPort());
        assertTrue(s.startWebServer());
        assertEquals(mine, Files.readString(file));
    }

    @Test
    void problemsNameTheUsersFileByItsPath() throws Exception {
        SettingsLoader loader = linux(Map.of());
        Path file = loader.userConfigFile();
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[webserver]\nport = abc\n");

        Settings s = loader.load(Optional.empty());

        assertEquals(List.of(file + " line 2: \"port = abc\" is not a port number (1-65535); using 9542"), english(s.problems()));
    }

    @Test
    void configOverrideIsUsedAndTheUsersFolderIsLeftAlone() throws Exception {
        Path other = home.resolve("elsewhere.ini");
        Files.writeString(other, "[events]\npoll-interval = 5m\n");
        SettingsLoader loader = linux(Map.of());

        Settings s = loader.load(Optional.of(other));

        assertEquals(java.time.Duration.ofMinutes(5), s.pollInterval());
        assertEquals(List.of(), english(s.problems()));
        assertFalse(Files.exists(loader.configDir()), "--config must not seed the user's own file");
    }

    @Test
    void missingOverrideFileIsAnErrorAndIsNotCreated() {
        Path missing = home.resolve("typo.ini");
        SettingsException e = assertThrows(SettingsException.class, () -> linux(Map.of()).load(Optional.of(missing)));
        assertEquals("The settings file " + missing + " given with --config does not exist", e.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void missingRelativeOverrideSaysWhereItLooked() {
        Path relative = Path.of("no-such-dir-" + System.nanoTime(), "pf.ini");
        SettingsException e = assertThrows(SettingsException.class, () -> linux(Map.of()).load(Optional.of(relative)));
        assertTrue(e.getMessage().endsWith(" does not exist (looked for " + relative.toAbsolutePath() + ")"), e.getMessage());
    }

    @Test
    void unreadableOverrideIsAnError() throws IOException {
        Path folder = Files.createDirectory(home.resolve("a-folder.ini"));
        SettingsException e = assertThrows(SettingsException.class, () -> linux(Map.of()).load(Optional.of(folder)));
        assertTrue(e.getMessage().startsWith("The settings file " + folder + " given with --config cannot be read ("), e.getMessage());
    }

    @Test
    void configFolderBlockedByAFileFallsBackToDefaults() throws Exception {
        // A file where ~/.config should be: fails even for root, unlike permission bits.
        Files.writeString(home.resolve(".config"), "not a folder");
        SettingsLoader loader = linux(Map.of());

        Settings s = loader.load(Optional.empty());

        assertEquals(Settings.defaults(loader.defaultDataDir()).webServerPort(), s.webServerPort());
        assertEquals(Settings.DEFAULT_PROXIES, s.proxies());
        assertEquals(1, s.problems().size(), s.problems().toString());
        assertTrue(s.problems().get(0).english().startsWith("Could not create " + loader.userConfigFile() + " ("), s.problems().get(0).english());
        assertTrue(s.problems().get(0).english().endsWith("); using the built-in settings"), s.problems().get(0).english());
    }

    @Test
    void readOnlyConfigFolderFallsBackToDefaults() throws Exception {
        SettingsLoader loader = linux(Map.of());
        Path dir = Files.createDirectories(loader.configDir());
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(dir), "root can write anyway");
            Settings s = loader.load(Optional.empty());
            assertEquals(9542, s.webServerPort());
            assertEquals(Settings.DEFAULT_PROXIES, s.proxies());
            assertEquals(1, s.problems().size(), s.problems().toString());
            assertEquals("Could not create " + loader.userConfigFile() + " (permission denied: " + dir
                    + "); using the built-in settings", s.problems().get(0).english());
            assertFalse(Files.exists(loader.userConfigFile()));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void unreadableUserFileFallsBackToDefaults() throws Exception {
        SettingsLoader loader = linux(Map.of());
        Files.createDirectories(loader.userConfigFile()); // a folder where the file should be

        Settings s = loader.load(Optional.empty());

        assertEquals(9542, s.webServerPort());
        assertEquals(1, s.problems().size());
        assertTrue(s.problems().get(0).english().startsWith("Could not read " + loader.userConfigFile() + " ("), s.problems().get(0).english());
    }

    @Test
    void classpathCopyMatchesTheTopLevelFileOnceTheBuildShipsIt() throws IOException {
        try (InputStream in = SettingsLoader.class.getResourceAsStream(SettingsLoader.RESOURCE)) {
            assumeTrue(in != null, "pom.xml does not copy portforward.ini into the jar yet");
        }
        assertEquals(shipped, SettingsLoader.shippedDefaults());
    }

    /** The problems as a log would show them: these tests check what is said, in English. */
    static List<String> english(List<net.portforward.engine.error.Fact> problems) {
        return problems.stream().map(net.portforward.engine.error.Fact::english).toList();
    }
}
