package net.portforward.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import net.portforward.config.Proxy;
import net.portforward.config.Settings;
import net.portforward.engine.model.MappingProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain properties: no FX thread needed. */
class SettingsFormTest {

    private static final Path HOME = Path.of("/home/alice");
    private static final Path DATA = Path.of("/home/alice/.local/share/portforward");
    private static final String DURATION = "Write a time like 300ms, 3s, 2m or 1h.";
    private static final String ZERO = "Must be longer than zero.";
    private static final String UNWRITABLE = "Cannot contain a line break, or a space followed by ; or #"
            + " (the settings file would read the rest as a comment).";
    private static final Proxy CHECK = Settings.DEFAULT_PROXIES.get(0);
    private static final Proxy BROWSER = Settings.DEFAULT_PROXIES.get(1);
    private static final Proxy OWN = new Proxy(Proxy.Type.PORTFORWARD, "https://check.example.net/v1");

    private final SettingsForm form = new SettingsForm(Settings.defaults(DATA), HOME, DATA);

    @Test
    void startsFromTheSettingsAsTheUserWouldWriteThem() {
        Settings s = new Settings(Duration.ofSeconds(10), Duration.ZERO, "eth1", URI.create("http://10.0.0.1/d.xml"),
                Duration.ofMillis(1500), 8080, true, false, Duration.ofMinutes(2), List.of(OWN), Path.of("/srv/pf"),
                List.of(net.portforward.config.SettingsFact.SEARCHING_INSTEAD.with()));
        SettingsForm f = new SettingsForm(s, HOME, DATA);
        assertEquals("10s", f.discoveryTimeoutProperty().get());
        assertEquals("0s", f.graceProperty().get());
        assertEquals("eth1", f.networkInterfaceProperty().get());
        assertEquals("http://10.0.0.1/d.xml", f.routerProperty().get());
        assertEquals("1500ms", f.httpTimeoutProperty().get());
        assertEquals("8080", f.webPortProperty().get());
        assertTrue(f.startWebServerProperty().get());
        assertFalse(f.listenProperty().get());
        assertEquals("2m", f.pollIntervalProperty().get());
        assertEquals("/srv/pf", f.dataDirProperty().get());
        assertEquals(List.of(OWN), f.proxies());
        assertTrue(f.isValid());
        // Unchanged form, same settings, minus the file's problems.
        Settings back = f.toSettings();
        assertEquals(List.of(), back.problems());
        assertEquals(new Settings(s.discoveryTimeout(), s.discoveryGrace(), s.networkInterface(), s.router(), s.httpTimeout(),
                s.webServerPort(), s.startWebServer(), s.listenForChanges(), s.pollInterval(), s.proxies(), s.dataDir(),
                List.of()), back);
    }

    @Test
    void defaultsShowEmptyFieldsForAutomaticChoices() {
        assertEquals("", form.networkInterfaceProperty().get());
        assertEquals("", form.routerProperty().get());
        assertEquals("", form.dataDirProperty().get(), "the usual data folder shows as empty");
        assertEquals(Settings.defaults(DATA), form.toSettings());
    }

    @ParameterizedTest
    @ValueSource(strings = {"discoveryTimeout", "httpTimeout", "pollInterval"})
    void durationsMustBeDurationsLongerThanZero(String field) {
        StringProperty input = input(field);
        ReadOnlyStringProperty error = error(field);
        assertEquals("", error.get());
        input.set("3 seconds");
        assertEquals(DURATION, error.get());
        assertFalse(form.isValid());
        input.set("");
        assertEquals(DURATION, error.get());
        input.set("0");
        assertEquals(ZERO, error.get());
        assertFalse(form.isValid());
        input.set(" 1.5s ");
        assertEquals("", error.get());
        assertTrue(form.isValid());
    }

    @Test
    void graceMayBeZeroButMustBeADuration() {
        form.graceProperty().set("0");
        assertEquals("", form.graceErrorProperty().get());
        form.graceProperty().set("-1s");
        assertEquals(DURATION, form.graceErrorProperty().get());
        assertFalse(form.isValid());
        form.graceProperty().set("250ms");
        assertEquals(Duration.ofMillis(250), form.toSettings().discoveryGrace());
    }

    @Test
    void interfaceIsFreeTextThatTheFileCanHold() {
        form.networkInterfaceProperty().set("Ethernet #2");
        assertEquals(UNWRITABLE, form.networkInterfaceErrorProperty().get());
        assertFalse(form.isValid());
        form.networkInterfaceProperty().set("Wi-Fi#2");
        assertEquals("", form.networkInterfaceErrorProperty().get());
        assertEquals("Wi-Fi#2", form.toSettings().networkInterface());
        form.networkInterfaceProperty().set("  ");
        assertNull(form.toSettings().networkInterface(), "blank means automatic");
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.1", "ftp://192.168.1.1/d.xml", "http://", "http://bad host/", "http:/d.xml"})
    void routerMustBeAnHttpAddressWithAHost(String url) {
        form.routerProperty().set(url);
        assertEquals("Write the address of the router's description, like http://192.168.1.1:5000/rootDesc.xml,"
                + " or leave it empty to search.", form.routerErrorProperty().get());
        assertFalse(form.isValid());
    }

    @Test
    void aGoodRouterAddressSwitchesToDirectMode() {
        form.routerProperty().set(" https://router.lan:5000/rootDesc.xml ");
        assertEquals("", form.routerErrorProperty().get());
        assertEquals(URI.create("https://router.lan:5000/rootDesc.xml"), form.toSettings().router());
        form.routerProperty().set("");
        assertNull(form.toSettings().router());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1", "80a", "", "99999999999"})
    void webPortMustBeAPortNumber(String port) {
        form.webPortProperty().set(port);
        assertEquals("Write a port number from 1 to 65535.", form.webPortErrorProperty().get());
        assertFalse(form.isValid());
        form.webPortProperty().set("65535");
        assertEquals("", form.webPortErrorProperty().get());
        assertEquals(65535, form.toSettings().webServerPort());
    }

    @Test
    void dataFolderMustBeFullOrStartWithTilde() {
        form.dataDirProperty().set("data");
        assertEquals("Write a full folder path (or one starting with ~); leave it empty for the usual place.",
                form.dataDirErrorProperty().get());
        assertFalse(form.isValid());
        form.dataDirProperty().set("/srv/pf #old");
        assertEquals(UNWRITABLE, form.dataDirErrorProperty().get());
        form.dataDirProperty().set("/srv/a\u0000b");
        assertEquals("This is not a valid folder path.", form.dataDirErrorProperty().get());
        form.dataDirProperty().set("~/pf/../data");
        assertEquals("", form.dataDirErrorProperty().get());
        assertEquals(HOME.resolve("data"), form.toSettings().dataDir());
        form.dataDirProperty().set("");
        assertEquals(DATA, form.toSettings().dataDir());
    }

    @Test
    void theProtocolIsKeptAndChanged() {
        assertEquals("auto", form.protocolProperty().get());
        assertNull(form.toSettings().protocol(), "automatic: the best the router offers");
        Settings d = Settings.defaults(DATA);
        Settings pcpOnly = new Settings(d.discoveryTimeout(), d.discoveryGrace(), null, null, d.httpTimeout(),
                d.webServerPort(), false, true, d.pollInterval(), true, MappingProtocol.PCP, d.proxies(), DATA, List.of());
        SettingsForm f = new SettingsForm(pcpOnly, HOME, DATA);
        assertEquals("pcp", f.protocolProperty().get());
        assertEquals(MappingProtocol.PCP, f.toSettings().protocol(), "an unchanged form keeps the protocol");
        f.protocolProperty().set("natpmp");
        assertEquals(MappingProtocol.NATPMP, f.toSettings().protocol());
    }

    @Test
    void checkBoxesGoStraightThrough() {
        form.startWebServerProperty().set(true);
        form.listenProperty().set(false);
        Settings s = form.toSettings();
        assertTrue(s.startWebServer());
        assertFalse(s.listenForChanges());
    }

    @Test
    void toSettingsRefusesAnInvalidForm() {
        form.pollIntervalProperty().set("often");
        assertThrows(IllegalStateException.class, form::toSettings);
    }

    @Test
    void validFollowsTheLastMistake() {
        form.discoveryTimeoutProperty().set("x");
        form.webPortProperty().set("x");
        assertFalse(form.validProperty().get());
        form.discoveryTimeoutProperty().set("3s");
        assertFalse(form.validProperty().get(), "the port is still wrong");
        form.webPortProperty().set("9542");
        assertTrue(form.validProperty().get());
    }

    @Test
    void addingACheckerChecksItFirst() {
        assertFalse(form.canAddProxyProperty().get());
        assertEquals("", form.newProxyErrorProperty().get(), "an empty box is no mistake");

        form.newProxyTypeProperty().set(Proxy.Type.PORTCHECK);
        form.newProxyUrlProperty().set("https://check.example.net/");
        assertEquals("This checker needs {port} in the web address, where the port number goes.",
                form.newProxyErrorProperty().get());
        assertFalse(form.addProxy());
        assertTrue(form.isValid(), "a half-typed checker does not block OK");

        form.newProxyUrlProperty().set("check.example.net/{port}");
        assertTrue(form.newProxyErrorProperty().get().startsWith("This checker has \"check.example.net/{port}\""),
                form.newProxyErrorProperty().get());

        form.newProxyTypeProperty().set(Proxy.Type.PORTFORWARD);
        form.newProxyUrlProperty().set(" https://check.example.net/v1 ");
        assertEquals("", form.newProxyErrorProperty().get());
        assertTrue(form.canAddProxyProperty().get());
        assertTrue(form.addProxy());
        assertEquals(List.of(CHECK, BROWSER, OWN), form.proxies());
        assertEquals("", form.newProxyUrlProperty().get(), "the box is cleared for the next one");
        assertEquals(List.of(CHECK, BROWSER, OWN), form.toSettings().proxies());
    }

    @Test
    void checkersMoveAndGo() {
        form.newProxyTypeProperty().set(Proxy.Type.PORTFORWARD);
        form.newProxyUrlProperty().set(OWN.urlTemplate());
        form.addProxy();
        assertEquals(1, form.moveProxyUp(2));
        assertEquals(List.of(CHECK, OWN, BROWSER), form.proxies());
        assertEquals(0, form.moveProxyUp(0), "the first stays first");
        assertEquals(2, form.moveProxyDown(2), "the last stays last");
        assertEquals(1, form.moveProxyDown(0));
        assertEquals(List.of(OWN, CHECK, BROWSER), form.proxies());
        form.removeProxy(1);
        form.removeProxy(7);
        assertEquals(List.of(OWN, BROWSER), form.proxies());
        form.removeProxy(0);
        form.removeProxy(0);
        assertEquals(List.of(), form.toSettings().proxies(), "no checkers: checking is off");
    }

    @Test
    void theListIsChangedOnlyThroughCommands() {
        assertThrows(UnsupportedOperationException.class, () -> form.proxies().clear());
    }

    private StringProperty input(String field) {
        return switch (field) {
            case "discoveryTimeout" -> form.discoveryTimeoutProperty();
            case "httpTimeout" -> form.httpTimeoutProperty();
            default -> form.pollIntervalProperty();
        };
    }

    private ReadOnlyStringProperty error(String field) {
        return switch (field) {
            case "discoveryTimeout" -> form.discoveryTimeoutErrorProperty();
            case "httpTimeout" -> form.httpTimeoutErrorProperty();
            default -> form.pollIntervalErrorProperty();
        };
    }
}
