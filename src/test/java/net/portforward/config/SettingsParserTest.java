package net.portforward.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsParserTest {

    private static final Path HOME = Path.of("/home/alice");
    private static final Path DATA = Path.of("/home/alice/.local/share/portforward");

    private static Settings parse(String text) {
        return SettingsParser.parse("portforward.ini", text, HOME, DATA);
    }

    /** Surefire runs in the project folder, where the shipped file lives. */
    static String shippedText() throws IOException {
        return Files.readString(Path.of("portforward.ini"));
    }

    @Test
    void shippedFileEqualsTheBuiltInDefaults() throws IOException {
        Settings s = parse(shippedText());
        assertEquals(List.of(), english(s.problems()));
        assertEquals(Settings.defaults(DATA), s);
        assertEquals(2, s.proxies().size());
    }

    @Test
    void defaultsHaveTheDocumentedValues() {
        Settings d = Settings.defaults(DATA);
        assertEquals(Duration.ofSeconds(3), d.discoveryTimeout());
        assertEquals(Duration.ofMillis(300), d.discoveryGrace());
        assertNull(d.networkInterface());
        assertNull(d.router());
        assertFalse(d.directMode());
        assertEquals(Duration.ofSeconds(5), d.httpTimeout());
        assertEquals(9542, d.webServerPort());
        assertFalse(d.startWebServer());
        assertTrue(d.listenForChanges());
        assertEquals(Duration.ofSeconds(30), d.pollInterval());
        assertEquals(DATA, d.dataDir());
        assertTrue(SettingsLoader.forThisMachine().defaults().dataDir().isAbsolute());
    }

    @Test
    void theWindowSectionSetsTheTrayAndTheTheme() {
        Settings d = Settings.defaults(DATA);
        assertTrue(d.closeToTray(), "a desktop app people keep running closes to the tray unless told otherwise");
        assertEquals(Theme.SYSTEM, d.theme());
        Settings s = parse("[window]\nclose-to-tray = no\ntheme = Dark\n");
        assertEquals(List.of(), english(s.problems()));
        assertFalse(s.closeToTray());
        assertEquals(Theme.DARK, s.theme());
        Settings wrong = parse("[window]\ntheme = blue\n");
        assertEquals(Theme.SYSTEM, wrong.theme());
        assertEquals(List.of("portforward.ini line 2: \"theme = blue\" is not one of system, light, dark; using system"),
                english(wrong.problems()));
    }

    @Test
    void goodFileSetsEveryField() {
        Settings s = parse("""
                [discovery]
                timeout = 10
                grace = 0
                interface = eth1
                router = http://192.168.1.1:5000/rootDesc.xml
                [network]
                http-timeout = 1500ms
                [webserver]
                port = 8080
                start = yes
                [events]
                listen = off
                poll-interval = 2m
                [proxies]
                checker.1 = portforward https://check.example.net/v1
                [storage]
                data-dir = /srv/pf
                """);
        assertEquals(List.of(), english(s.problems()));
        assertEquals(Duration.ofSeconds(10), s.discoveryTimeout());
        assertEquals(Duration.ZERO, s.discoveryGrace());
        assertEquals("eth1", s.networkInterface());
        assertEquals(URI.create("http://192.168.1.1:5000/rootDesc.xml"), s.router());
        assertTrue(s.directMode());
        assertEquals(Duration.ofMillis(1500), s.httpTimeout());
        assertEquals(8080, s.webServerPort());
        assertTrue(s.startWebServer());
        assertFalse(s.listenForChanges());
        assertEquals(Duration.ofMinutes(2), s.pollInterval());
        assertEquals(List.of(new Proxy(Proxy.Type.PORTFORWARD, "https://check.example.net/v1")), s.proxies());
        assertEquals(Path.of("/srv/pf"), s.dataDir());
    }

    @Test
    void missingKeysAndSectionsGetDefaults() {
        assertEquals(Settings.defaults(DATA), parse("[webserver]\nport = 9542\n"));
        assertEquals(Settings.defaults(DATA), parse(""));
    }

    /** Each broken line: exact message with its line number, default used, the line after it still loads. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        webserver | port = abc           | "port = abc" is not a port number (1-65535); using 9542
        webserver | port = 0             | "port = 0" is not a port number (1-65535); using 9542
        webserver | port = 65536         | "port = 65536" is not a port number (1-65535); using 9542
        webserver | port =               | "port =" is not a port number (1-65535); using 9542
        webserver | start = maybe        | "start = maybe" is not true or false; using false
        discovery | timeout = 3 parsecs  | "timeout = 3 parsecs" is not a duration (like 300ms, 3s, 2m or 1h); using 3s
        discovery | timeout = 0s         | "timeout = 0s" must be longer than zero; using 3s
        discovery | grace = -1s          | "grace = -1s" is not a duration (like 300ms, 3s, 2m or 1h); using 300ms
        discovery | router = 192.168.1.1 | "router = 192.168.1.1" is not a router description address (like http://192.168.1.1:5000/rootDesc.xml); searching for routers instead
        discovery | router = ftp://r/d   | "router = ftp://r/d" is not a router description address (like http://192.168.1.1:5000/rootDesc.xml); searching for routers instead
        network   | http-timeout = soon  | "http-timeout = soon" is not a duration (like 300ms, 3s, 2m or 1h); using 5s
        events    | poll-interval = 0    | "poll-interval = 0" must be longer than zero; using 30s
        events    | listen = 2           | "listen = 2" is not true or false; using true
        storage   | data-dir = data      | "data-dir = data" is not a full folder path (a relative one would depend on where PortForward was started); using /home/alice/.local/share/portforward
        webserver | colour = blue        | "colour" is not a setting of [webserver]; ignored
        webserver | timeout = 3s         | "timeout" is not a setting of [webserver] (it belongs in [discovery]); ignored
        webserver | port 9542            | "port 9542" is not a setting (expected name = value); ignored
        """)
    void brokenLineIsReportedWithItsLineNumber(String section, String line, String message) {
        Settings s = parse("; settings\n[" + section + "]\n" + line + "\n[proxies]\nchecker.3 = browser https://ok.example/\n");
        assertEquals(List.of("portforward.ini line 3: " + message), english(s.problems()));
        assertEquals(List.of(new Proxy(Proxy.Type.BROWSER, "https://ok.example/")), s.proxies(), "the rest of the file still loads");
        Settings d = Settings.defaults(DATA);
        assertEquals(d.webServerPort(), s.webServerPort());
        assertEquals(d.discoveryTimeout(), s.discoveryTimeout());
        assertEquals(d.discoveryGrace(), s.discoveryGrace());
        assertEquals(d.httpTimeout(), s.httpTimeout());
        assertEquals(d.startWebServer(), s.startWebServer());
        assertEquals(d.listenForChanges(), s.listenForChanges());
        assertEquals(d.pollInterval(), s.pollInterval());
        assertNull(s.router());
        assertEquals(DATA, s.dataDir());
    }

    @Test
    void manyProblemsAreListedInLineOrderAndGoodLinesBetweenThemLoad() {
        Settings s = parse(String.join("\n",
                "orphan = 1",          // 1
                "[discovery]",         // 2
                "timeout = forever",   // 3
                "grace = 1s",          // 4
                "[bogus]",             // 5
                "whatever = 1",        // 6
                "[webserver",          // 7
                "port = 1",            // 8
                "[webserver]",         // 9
                "port = 8000",         // 10
                "port = x",            // 11
                "what is this",        // 12
                "port = 8001"));       // 13
        List<String> p = s.problems().stream().map(net.portforward.engine.error.Fact::english).toList();
        assertEquals(8, p.size(), p.toString());
        assertEquals("portforward.ini line 1: \"orphan = 1\" comes before any [section] header; ignored", p.get(0));
        assertTrue(p.get(1).startsWith("portforward.ini line 3: \"timeout = forever\" is not a duration"));
        assertTrue(p.get(2).startsWith("portforward.ini line 5: [bogus] is not a known section (known: discovery, network, webserver, events, proxies, storage, window)"));
        assertTrue(p.get(3).startsWith("portforward.ini line 7: \"[webserver\" is not a section header"));
        assertEquals("portforward.ini line 11: \"port = x\" sets \"port\" again (also on line 10); the later line counts", p.get(4));
        assertEquals("portforward.ini line 11: \"port = x\" is not a port number (1-65535); using 8000", p.get(5));
        assertTrue(p.get(6).startsWith("portforward.ini line 12: \"what is this\""));
        assertEquals("portforward.ini line 13: \"port = 8001\" sets \"port\" again (also on line 11); the later line counts", p.get(7));
        assertEquals(8001, s.webServerPort());
        assertEquals(Duration.ofSeconds(1), s.discoveryGrace());
        assertEquals(Duration.ofSeconds(3), s.discoveryTimeout());
    }

    @Test
    void duplicateKeyLaterWinsAndIsReported() {
        Settings s = parse("[webserver]\nport = 8000\nPORT = 8001\n");
        assertEquals(8001, s.webServerPort());
        assertEquals(List.of("portforward.ini line 3: \"PORT = 8001\" sets \"port\" again (also on line 2); the later line counts"),
                english(s.problems()));
    }

    @Test
    void proxiesAreOrderedByNumberNotByFilePosition() {
        Settings s = parse("""
                [proxies]
                checker.10 = browser https://c.example/?p={port}
                checker.2 = portcheck https://b.example/{port}
                checker.1 = portforward https://a.example/check
                """);
        assertEquals(List.of(), english(s.problems()));
        assertEquals(List.of(
                new Proxy(Proxy.Type.PORTFORWARD, "https://a.example/check"),
                new Proxy(Proxy.Type.PORTCHECK, "https://b.example/{port}"),
                new Proxy(Proxy.Type.BROWSER, "https://c.example/?p={port}")), s.proxies());
        assertEquals(URI.create("https://b.example/51413"), s.proxies().get(1).url(51413));
        assertEquals("portcheck https://b.example/{port}", s.proxies().get(1).toIni());
    }

    @Test
    void emptyProxiesSectionTurnsChecksOff() {
        assertEquals(List.of(), parse("[proxies]\n; none\n").proxies());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        checker.1 = portcheck                         | "checker.1 = portcheck" needs a type and a web address, like "portcheck https://portcheck.transmissionbt.com/{port}"; this checker is left out
        checker.1 = carrier-pigeon https://x.example/ | "checker.1 = carrier-pigeon https://x.example/" has the unknown checker type "carrier-pigeon" (expected portforward, portcheck, browser); this checker is left out
        checker.1 = portcheck https://x.example/open  | "checker.1 = portcheck https://x.example/open" needs {port} in the web address, where the port number goes; this checker is left out
        checker.1 = browser www.example.com/{port}    | "checker.1 = browser www.example.com/{port}" has "www.example.com/{port}", which is not a web address (http://… or https://…); this checker is left out
        checker.1 = browser https://exa mple.com/     | "checker.1 = browser https://exa mple.com/" has "https://exa mple.com/", which is not a web address (http://… or https://…); this checker is left out
        checker.0 = browser https://x.example/        | "checker.0" is not a setting of [proxies] (checkers go in [proxies], numbered checker.1, checker.2, …); ignored
        checker = browser https://x.example/          | "checker" is not a setting of [proxies]; ignored
        """)
    void brokenCheckerIsLeftOutAndTheOthersStay(String line, String message) {
        Settings s = parse("[proxies]\n" + line + "\nchecker.5 = browser https://ok.example/\n");
        assertEquals(List.of("portforward.ini line 2: " + message), english(s.problems()));
        assertEquals(List.of(new Proxy(Proxy.Type.BROWSER, "https://ok.example/")), s.proxies());
    }

    @Test
    void dataDirUnderstandsTildeAndEmptyMeansDefault() {
        assertEquals(HOME.resolve("pf-data"), parse("[storage]\ndata-dir = ~/pf-data\n").dataDir());
        assertEquals(HOME, parse("[storage]\ndata-dir = ~\n").dataDir());
        assertEquals(DATA, parse("[storage]\ndata-dir =\n").dataDir());
        assertEquals(Path.of("/a/c"), parse("[storage]\ndata-dir = \"/a/b/../c\"\n").dataDir());
    }

    @Test
    void emptyInterfaceAndRouterMeanAutomatic() {
        Settings s = parse("[discovery]\ninterface =\nrouter =\n");
        assertNull(s.networkInterface());
        assertNull(s.router());
        assertEquals(List.of(), english(s.problems()));
    }

    /** The problems as a log would show them: these tests check what is said, in English. */
    static List<String> english(List<net.portforward.engine.error.Fact> problems) {
        return problems.stream().map(net.portforward.engine.error.Fact::english).toList();
    }
}
