package net.portforward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.portforward.app.CommandLineParts;
import net.portforward.config.SettingsLoader;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.discovery.DiscoveryPolicy;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.FaultRule;
import net.portforward.testing.JsonText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line speaks the user's language: the system's (LANG, i.e. Java's default locale),
 * or the one [window] language sets. JSON keys and values stay English; sentences do not.
 */
class CliLanguageTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    private static final String CLIENT = EngineTestSupport.CLIENT;

    @TempDir
    Path home;

    private final List<FakeRouter> fakes = new ArrayList<>();
    private Locale before;

    @BeforeEach
    void germanSystem() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void stop() {
        Locale.setDefault(before);
        fakes.forEach(FakeRouter::close);
    }

    private FakeRouter fake(FakeRouter.Options options) {
        FakeRouter f = FakeRouter.start(options);
        fakes.add(f);
        return f;
    }

    private record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    private Run runOn(FakeRouter f, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--router");
        all.add(f.location().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new Cli(new SettingsLoader("Linux", home, Map.of(), SettingsLoader.shippedDefaults()),
                    DiscoveryPolicy.none(), CommandLineParts::open, o, e).run(all.toArray(String[]::new));
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void settingsFile(String text) throws Exception {
        Path config = home.resolve(".config/portforward/portforward.ini");
        Files.createDirectories(config.getParent());
        Files.writeString(config, text);
    }

    @Test
    void infoSpeaksGermanOnAGermanSystem() {
        FakeRouter f = fake(FakeRouter.Options.igd2().externalIp("25.77.0.2")
                .mappings(FakeMapping.tcp(8080, CLIENT, 80, "web"), FakeMapping.tcp(9090, "192.168.1.50", 90, "NAS")));

        Run r = runOn(f, "info");

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Internetadresse:"), r.toString());
        assertTrue(r.out().contains("25.77.0.2 (öffentlich)"), r.toString());
        assertTrue(r.out().contains("Doppeltes NAT:"), r.toString());
        assertTrue(r.out().contains("Weiterleitungen:   2 (") && r.out().contains("zu diesem Computer)"), r.toString());
        assertTrue(r.out().contains("Der Router hat eine öffentliche Internetadresse"), r.toString());
        assertFalse(r.out().contains("Internet address"), "no English left in the summary: " + r);
    }

    @Test
    void jsonKeysAndValuesStayEnglishWhileTheExplanationIsGerman() {
        FakeRouter f = fake(FakeRouter.Options.igd2().externalIp("100.64.0.7"));

        Map<String, Object> info = JsonText.object(runOn(f, "info", "--json").out().trim());

        assertEquals("DOUBLE_NAT", info.get("natVerdict"));
        assertEquals("Connected", info.get("connectionStatus"));
        assertTrue(String.valueOf(info.get("natExplanation")).contains("doppeltes NAT"), info.toString());
    }

    @Test
    void aRefusedAddIsExplainedInGermanWithTheRoutersCode() {
        FakeRouter f = fake(FakeRouter.Options.igd2().fault(FaultRule.fault("AddPortMapping", 606)));

        Run r = runOn(f, "add", "8080", "TCP", "80", "--client", CLIENT);

        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith("Die Einstellungen des Routers erlauben diese Weiterleitung nicht"), r.toString());
        assertTrue(r.err().contains("(UPnP-Fehler 606") && r.err().contains("auf AddPortMapping)"), r.toString());
    }

    @Test
    void aTakenPortNamesItsHolderAndTheFreePortInGerman() {
        FakeRouter f = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, "192.168.1.50", 80, "NAS")));

        Run r = runOn(f, "add", "8080", "TCP", "80", "--client", CLIENT);

        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith("TCP 8080 wird schon an 192.168.1.50 („NAS“) weitergeleitet."), r.toString());
        assertTrue(r.err().contains("Der externe Port 8081 ist frei."), "a port is a number, not 8.081: " + r);
        assertTrue(r.err().contains("Um stattdessen diesen weiterzuleiten: add 8081 TCP 80"), r.toString());
    }

    @Test
    void theLanguageSettingOverridesTheSystems() throws Exception {
        settingsFile("[window]\nlanguage = en\n");
        FakeRouter f = fake(FakeRouter.Options.igd2().fault(FaultRule.fault("AddPortMapping", 606)));

        Run r = runOn(f, "add", "8080", "TCP", "80", "--client", CLIENT);

        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith("The router's settings do not allow this mapping"), r.toString());
        assertTrue(r.err().contains("(UPnP error 606") && r.err().contains("to AddPortMapping)"), r.toString());
    }

    @Test
    void aLanguageWithoutWordsFallsBackToEnglishNotToTheSystems() throws Exception {
        settingsFile("[window]\nlanguage = tlh\n");
        FakeRouter f = fake(FakeRouter.Options.igd2().externalIp("25.77.0.2"));

        Run r = runOn(f, "info");

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Internet address:"), r.toString());
    }

    @Test
    void listHeadingsAndValuesAreGermanAndTheColumnsStayInLine() {
        FakeRouter f = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web")));

        Run r = runOn(f, "list");

        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        String header = lines.get(0);
        for (String heading : List.of("Extern", "Zielcomputer", "Port", "Ein", "Gültigkeit", "Beschreibung")) {
            assertTrue(header.contains(heading), header);
        }
        assertFalse(header.contains("Internal client") || header.contains("Lease"), header);
        String row = lines.stream().filter(l -> l.startsWith("TCP")).findFirst().orElseThrow();
        assertTrue(row.contains(" ja ") && row.contains("unbegrenzt"), row);
        // Each value starts where its heading does, however long the German heading is.
        assertEquals(header.indexOf("Zielcomputer"), row.indexOf(CLIENT), header + "\n" + row);
        assertEquals(header.indexOf("Beschreibung"), row.indexOf("web"), header + "\n" + row);
    }

    @Test
    void anEmptyTableAndItsJsonKeys() {
        FakeRouter f = fake(FakeRouter.Options.igd2());

        assertTrue(runOn(f, "list").out().contains("(keine Weiterleitungen)"));
        assertEquals("[]", runOn(f, "list", "--json").out().trim());
    }

    @Test
    void aRefusedDeleteIsSaidInGerman() {
        FakeRouter f = fake(FakeRouter.Options.igd2());

        Run r = runOn(f, "delete", "9999", "TCP");

        assertEquals(Cli.USAGE, r.code(), r.toString());
        assertEquals("Der Router hat keine Weiterleitung TCP 9999.", r.err().strip(), r.toString());
    }

    @Test
    void aMistakeInTheSettingsFileIsAGermanWarningWithItsLine() throws Exception {
        settingsFile("[webserver]\nport = abc\n");
        FakeRouter f = fake(FakeRouter.Options.igd2());

        Run r = runOn(f, "list");

        assertEquals(0, r.code(), r.toString());
        Path file = home.resolve(".config/portforward/portforward.ini");
        assertTrue(r.err().contains("Warnung: " + file + " Zeile 2: „port = abc“ ist keine Portnummer (1-65535);"
                + " stattdessen gilt 9542"), r.toString());
    }

    @Test
    void aWrongCommandLineIsSaidInGerman() {
        FakeRouter f = fake(FakeRouter.Options.igd2());

        Run option = runOn(f, "list", "--bogus");
        assertEquals(Cli.USAGE, option.code(), option.toString());
        assertEquals("Unbekannte Option --bogus. Siehe --help.", option.err().strip());

        Run port = runOn(f, "add", "70000", "TCP", "80");
        assertEquals(Cli.USAGE, port.code(), port.toString());
        assertEquals("Externer Port 70000 ist keine Portnummer: Erlaubt sind 1 bis 65535.", port.err().strip());

        Run protocol = runOn(f, "list", "--protocol", "igd");
        assertEquals("--protocol „igd“ ist keines von auto, upnp, pcp, natpmp.", protocol.err().strip(), protocol.toString());
    }

    @Test
    void helpIsGermanWhileTheCommandsStayAsTheyAreTyped() {
        FakeRouter f = fake(FakeRouter.Options.igd2());

        Run r = runOn(f, "--help");

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("PortForward: Findet Ihren Router"), r.out());
        assertTrue(r.out().contains("Befehle:") && r.out().contains("Optionen:"), r.out());
        assertTrue(r.out().contains("  list [--json|--csv]          die Portweiterleitungen des Routers"), r.out());
        assertTrue(r.out().contains("  --timeout SECONDS  wie lange die Suche dauern darf (Standard 3)"), r.out());
        assertFalse(r.out().contains("Commands:") || r.out().contains("the router's port forwards"), r.out());
    }

    @Test
    void aRangeTellsEachStepAndItsSumInGerman() {
        FakeRouter f = fake(FakeRouter.Options.igd2());

        Run r = runOn(f, "add", "27015-27016", "TCP", "--client", CLIENT);

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("TCP 27015 \u2192 " + CLIENT + ":27015 wird angelegt (1 von 2)\u2026"), r.out());
        assertTrue(r.out().contains("TCP 27015-27016: 2 angelegt."), r.out());
    }
}
