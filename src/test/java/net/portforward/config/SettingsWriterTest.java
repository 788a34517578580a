package net.portforward.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsWriterTest {

    private static final Path HOME = Path.of("/home/alice");
    private static final Path DATA = Path.of("/home/alice/.local/share/portforward");
    private static final UserFolders FOLDERS = new UserFolders(HOME, DATA);
    private static final Proxy CHECK = new Proxy(Proxy.Type.PORTCHECK, "https://portcheck.transmissionbt.com/{port}");
    private static final Proxy BROWSER = new Proxy(Proxy.Type.BROWSER, "https://canyouseeme.org/");
    private static final Proxy OWN = new Proxy(Proxy.Type.PORTFORWARD, "https://check.example.net/v1");

    private String shipped;

    @BeforeEach
    void readShipped() throws IOException {
        shipped = SettingsParserTest.shippedText();
    }

    private static Settings parse(String text) {
        return SettingsParser.parse("portforward.ini", text, HOME, DATA);
    }

    private static String update(String text, Settings s) {
        return SettingsWriter.update(text, s, HOME, DATA);
    }

    /** Every field different from the defaults. */
    private static Settings custom() {
        return new Settings(Duration.ofSeconds(10), Duration.ZERO, "eth1", URI.create("http://192.168.1.1:5000/rootDesc.xml"),
                Duration.ofMillis(1500), 8080, true, false, Duration.ofMinutes(2), List.of(OWN, CHECK),
                Path.of("/srv/pf"), List.of());
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }

    @Test
    void unchangedSettingsLeaveTheFileByteForByte() {
        assertEquals(shipped, update(shipped, parse(shipped)));
    }

    @Test
    void valuesChangeInPlaceAndEveryCommentStays() {
        Settings s = new Settings(Duration.ofSeconds(10), Duration.ZERO, "eth1", URI.create("http://192.168.1.1:5000/rootDesc.xml"),
                Duration.ofMillis(1500), 8080, true, false, Duration.ofMinutes(2), Settings.DEFAULT_PROXIES,
                Path.of("/srv/pf"), List.of());
        String out = update(shipped, s);

        List<String> before = lines(shipped);
        List<String> after = lines(out);
        assertEquals(before.size(), after.size(), "no line added or removed");
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.add(after.get(i));
            }
        }
        assertEquals(List.of("timeout = 10s", "grace = 0s", "interface = eth1",
                "router = http://192.168.1.1:5000/rootDesc.xml", "http-timeout = 1500ms", "port = 8080", "start = true",
                "listen = false", "poll-interval = 2m", "data-dir = /srv/pf"), changed);
        assertEquals(s, parse(out));
    }

    @Test
    void aLineThatAlreadyMeansTheValueIsLeftAsWritten() {
        String text = "[discovery]\ntimeout = 3000ms ; three seconds\n[storage]\ndata-dir = ~/pf\n[events]\nlisten = yes\n";
        Settings same = parse(text);
        String kept = update(text, same);
        assertTrue(kept.startsWith("[discovery]\ntimeout = 3000ms ; three seconds\n"), kept);
        assertTrue(kept.contains("\ndata-dir = ~/pf\n[events]\nlisten = yes\n"), kept);

        Settings other = new Settings(Duration.ofSeconds(5), same.discoveryGrace(), null, null, same.httpTimeout(),
                same.webServerPort(), false, true, same.pollInterval(), same.proxies(), HOME.resolve("pf"), List.of());
        String out = update(text, other);
        assertTrue(out.startsWith("[discovery]\ntimeout = 5s ; three seconds\n"), out);
        assertTrue(out.contains("data-dir = ~/pf\n"), out);
        assertTrue(out.contains("listen = yes\n"), out);
    }

    @Test
    void missingKeysAndSectionsAreAddedAndUnknownLinesKept() {
        String text = """
                ; my own notes
                [discovery]
                timeout = 3s
                ; done with discovery

                [colours]
                theme = dark
                """;
        Settings s = custom();
        String out = update(text, s);
        assertEquals(s, withoutProblems(parse(out)));
        assertTrue(out.startsWith("; my own notes\n[discovery]\ntimeout = 10s\ngrace = 0s\ninterface = eth1\n"
                + "router = http://192.168.1.1:5000/rootDesc.xml\n; done with discovery\n\n[colours]\ntheme = dark\n"), out);
        // The unknown section is still reported by the parser, nothing else.
        assertEquals(1, parse(out).problems().size(), parse(out).problems().toString());
        assertTrue(out.indexOf("[network]") < out.indexOf("[webserver]"));
        assertTrue(out.indexOf("[events]") < out.indexOf("[proxies]"));
        assertTrue(out.contains("\n\n[storage]\ndata-dir = /srv/pf\n"), out);
    }

    @Test
    void anEmptyFileGetsEverySectionAndReadsBack() {
        Settings s = custom();
        String out = update("", s);
        assertTrue(out.startsWith("[discovery]\n"), out);
        assertEquals(s, parse(out));
        assertEquals(List.of(), parse(out).problems());
    }

    @Test
    void aMissingKeyInAnEmptySectionGoesBelowTheSectionsComments() {
        String text = "[network]\n; How long to wait.\n\n[storage]\n";
        String out = update(text, Settings.defaults(DATA));
        assertTrue(out.startsWith("[network]\n; How long to wait.\nhttp-timeout = 5s\nprotocol = auto\n\n[storage]\ndata-dir =\n"), out);
    }

    @Test
    void theUsualDataFolderIsWrittenEmpty() {
        String out = update("[storage]\ndata-dir = /srv/pf\n", Settings.defaults(DATA));
        assertTrue(out.startsWith("[storage]\ndata-dir =\n"), out);
        assertEquals(DATA, parse(out).dataDir());
    }

    @Test
    void proxiesAreRewrittenInTheSettingsOrderWhereTheOldOnesWere() {
        Settings s = settingsWithProxies(List.of(OWN, BROWSER, CHECK));
        String out = update(shipped, s);
        String expected = "checker.1 = portforward https://check.example.net/v1\n"
                + "checker.2 = browser https://canyouseeme.org/\n"
                + "checker.3 = portcheck https://portcheck.transmissionbt.com/{port}\n\n[storage]";
        assertTrue(out.contains("; Delete all checker lines (keep [proxies]) to turn checking off.\n" + expected), out);
        assertEquals(3, out.split("checker\\.\\d", -1).length - 1);
        assertEquals(s, parse(out));
    }

    @Test
    void oddlyNumberedOrBrokenCheckerLinesAreReplaced() {
        String text = "[proxies]\nchecker.7 = browser https://b.example/\nchecker.x = junk\nchecker.3 = portcheck https://a.example/{port}\n; end\n";
        Settings s = settingsWithProxies(List.of(CHECK));
        assertEquals("[proxies]\nchecker.1 = portcheck https://portcheck.transmissionbt.com/{port}\n; end\n",
                update(text, s).substring(0, update(text, s).indexOf("; end\n") + 6));
        assertEquals(s, parse(update(text, s)));
    }

    @Test
    void anEmptyListRemovesTheCheckersButKeepsTheSection() {
        Settings s = settingsWithProxies(List.of());
        String out = update(shipped, s);
        assertFalse(out.contains("checker.1 ="), out);
        assertTrue(out.contains("[proxies]\n"));
        assertEquals(List.of(), parse(out).proxies());
    }

    @Test
    void checkersGoIntoAnEmptyProxiesSection() {
        Settings s = settingsWithProxies(List.of(BROWSER));
        String out = update("[proxies]\n; mine\n", s);
        assertTrue(out.startsWith("[proxies]\n; mine\nchecker.1 = browser https://canyouseeme.org/\n"), out);
    }

    @Test
    void repeatedKeysAllGetTheValue() {
        String out = update("[discovery]\ntimeout = 1s\ntimeout = 2s\n", Settings.defaults(DATA));
        assertTrue(out.startsWith("[discovery]\ntimeout = 3s\ntimeout = 3s\n"), out);
    }

    @Test
    void windowsLineEndingsAndAByteOrderMarkSurvive() {
        String text = "\uFEFF; notes\r\n[discovery]\r\ntimeout=3s\r\n";
        Settings s = custom();
        String out = update(text, s);
        assertTrue(out.startsWith("\uFEFF; notes\r\n[discovery]\r\ntimeout=10s\r\ngrace = 0s\r\n"), out);
        assertFalse(out.replace("\r\n", "").contains("\n"), "only CRLF line endings");
        assertEquals(s, parse(out));
    }

    @Test
    void valuesTheReaderWouldChangeAreQuoted() {
        Settings s = new Settings(Duration.ofSeconds(3), Duration.ofMillis(300), "#2", null, Duration.ofSeconds(5), 9542,
                false, true, Duration.ofSeconds(30), List.of(), Path.of("/srv/\"pf\""), List.of());
        String out = update(shipped, s);
        assertTrue(out.contains("interface = \"#2\""), out);
        assertEquals(s, parse(out));
    }

    @Test
    void valuesTheFileCannotHoldAreRefused() {
        Settings comment = new Settings(Duration.ofSeconds(3), Duration.ofMillis(300), "Ethernet #2", null,
                Duration.ofSeconds(5), 9542, false, true, Duration.ofSeconds(30), List.of(), DATA, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> update(shipped, comment));
        assertTrue(e.getMessage().contains("Ethernet #2"), e.getMessage());

        Settings lineBreak = new Settings(Duration.ofSeconds(3), Duration.ofMillis(300), null, null, Duration.ofSeconds(5),
                9542, false, true, Duration.ofSeconds(30), List.of(), Path.of("/srv/a\nb"), List.of());
        assertThrows(IllegalArgumentException.class, () -> update(shipped, lineBreak));

        Settings zero = new Settings(Duration.ZERO, Duration.ofMillis(300), null, null, Duration.ofSeconds(5),
                9542, false, true, Duration.ofSeconds(30), List.of(), DATA, List.of());
        assertThrows(IllegalArgumentException.class, () -> update(shipped, zero));
    }

    @Test
    void saveWithoutAFileStartsFromTheShippedText(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config").resolve("portforward.ini");
        Settings s = custom();
        SettingsWriter.save(file, s, FOLDERS);
        String written = Files.readString(file);
        assertEquals(SettingsWriter.update(SettingsLoader.shippedDefaults(), s, HOME, DATA), written);
        assertTrue(written.contains("; PortForward settings"));
        assertEquals(s, parse(written));
        assertOnlyFile(file);
    }

    @Test
    void saveReplacesTheFileAndKeepsItsComments(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("portforward.ini");
        Files.writeString(file, "; mine\n[webserver]\nport = 1\n");
        SettingsWriter.save(file, custom(), FOLDERS);
        String written = Files.readString(file);
        assertTrue(written.startsWith("; mine\n[webserver]\nport = 8080\nstart = true\n"), written);
        assertOnlyFile(file);
    }

    @Test
    void aNewSettingsFileIs0600InA0700Folder(@TempDir Path dir) throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("config").resolve("portforward").resolve("portforward.ini");
        SettingsWriter.save(file, custom(), FOLDERS);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void aLinkAnotherUserMadeIsNeverWrittenThrough(@TempDir Path dir) throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Path link = Files.createSymbolicLink(dir.resolve("portforward.ini"), victim);
        java.nio.file.attribute.UserPrincipal other;
        try {
            other = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.getFileAttributeView(link, java.nio.file.attribute.FileOwnerAttributeView.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).setOwner(other);
        } catch (IOException notRoot) {
            assumeTrue(false, "giving a link to another user needs root: " + notRoot);
            return;
        }
        SettingsWriter.SaveException e = assertThrows(SettingsWriter.SaveException.class,
                () -> SettingsWriter.save(link, custom(), FOLDERS));
        assertEquals("Could not save the settings to " + link + ": it is a symbolic link another user made, and"
                + " PortForward does not write through it", e.getMessage());
        assertEquals("precious\n", Files.readString(victim));
    }

    @Test
    void saveKeepsPermissionsAndWritesThroughALink(@TempDir Path dir) throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path real = dir.resolve("real.ini");
        Files.writeString(real, "[webserver]\nport = 1\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(dir.resolve("portforward.ini"), real);
        SettingsWriter.save(link, custom(), FOLDERS);
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertTrue(Files.readString(real).startsWith("[webserver]\nport = 8080\n"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
    }

    @Test
    void aFileInTheWayOfTheFolderGivesAClearMessage(@TempDir Path dir) throws IOException {
        Path blocker = Files.writeString(dir.resolve("config"), "not a folder");
        Path file = blocker.resolve("portforward.ini");
        SettingsWriter.SaveException e = assertThrows(SettingsWriter.SaveException.class, () -> SettingsWriter.save(file, custom(), FOLDERS));
        assertTrue(e.getMessage().startsWith("Could not save the settings to " + file + " ("), e.getMessage());
        assertTrue(e.getMessage().contains(blocker.toString()), e.getMessage());
    }

    @Test
    void aReadOnlyFolderGivesAClearMessageAndLeavesTheFile(@TempDir Path dir) throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = Files.writeString(dir.resolve("portforward.ini"), "[webserver]\nport = 1\n");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        try {
            assumeTrue(!Files.isWritable(dir), "running as root: permissions are not enforced");
            SettingsWriter.SaveException e = assertThrows(SettingsWriter.SaveException.class,
                    () -> SettingsWriter.save(file, custom(), FOLDERS));
            assertEquals("Could not save the settings to " + file + " (permission denied: " + dir + ")", e.getMessage());
            assertEquals("[webserver]\nport = 1\n", Files.readString(file));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void assertOnlyFile(Path file) throws IOException {
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temp file left behind");
        }
    }

    private static Settings withoutProblems(Settings s) {
        return new Settings(s.discoveryTimeout(), s.discoveryGrace(), s.networkInterface(), s.router(), s.httpTimeout(),
                s.webServerPort(), s.startWebServer(), s.listenForChanges(), s.pollInterval(), s.proxies(), s.dataDir(), List.of());
    }

    private static Settings settingsWithProxies(List<Proxy> proxies) {
        Settings d = Settings.defaults(DATA);
        return new Settings(d.discoveryTimeout(), d.discoveryGrace(), null, null, d.httpTimeout(), d.webServerPort(),
                d.startWebServer(), d.listenForChanges(), d.pollInterval(), proxies, DATA, List.of());
    }
}
