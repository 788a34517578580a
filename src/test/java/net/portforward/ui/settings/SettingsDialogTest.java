package net.portforward.ui.settings;

import static net.portforward.ui.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import net.portforward.config.Proxy;
import net.portforward.config.Settings;
import net.portforward.config.SettingsLoader;
import net.portforward.config.SettingsTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The settings dialog driven like a user would, with TestFX on the headless toolkit (started with
 * {@link Platform#startup}, as the other window tests do).
 */
@Timeout(60)
class SettingsDialogTest {
    private static final Path HOME = Path.of("/home/alice");
    private static final Path DATA = Path.of("/home/alice/.local/share/portforward");
    private static final Proxy OWN = new Proxy(Proxy.Type.PORTFORWARD, "https://check.example.net/v1");

    private final FxRobot robot = new FxRobot();
    private Stage owner;
    private Dialog<Settings> dialog;
    private SettingsForm form;

    @BeforeAll
    static void startFx() throws InterruptedException {
        net.portforward.ui.FxTestSupport.startFx();
    }

    @BeforeEach
    void showDialog() {
        form = new SettingsForm(Settings.defaults(DATA), HOME, DATA);
        robot.interact(() -> {
            owner = new Stage();
            owner.setScene(new Scene(new StackPane(), 900, 700));
            owner.show();
            dialog = SettingsDialog.create(owner, form, List.of("eth0", "wlan0"));
            dialog.show();
        });
    }

    @AfterEach
    void closeWindows() {
        robot.interact(() -> {
            dialog.close();
            owner.close();
        });
    }

    private <T extends Node> T find(String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    private String errorUnder(String fieldId) {
        Label error = find("#" + fieldId + "Error", Label.class);
        return error.isVisible() ? error.getText() : "";
    }

    /** Focus first, which scrolls the field into view, then click and type over its text. */
    private void replaceText(String query, String text) {
        Node field = find(query, Node.class);
        robot.interact(field::requestFocus);
        robot.clickOn(field);
        robot.push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            robot.write(text);
        }
    }

    private void click(String query) {
        Node node = find(query, Node.class);
        robot.interact(node::requestFocus);
        robot.clickOn(node);
    }

    @Test
    void everyControlHasItsId() {
        for (String id : List.of("discoveryTimeout", "grace", "interface", "router", "httpTimeout", "protocol", "webPort",
                "startWebServer", "listen", "pollInterval", "proxies", "proxyType", "proxyUrl", "proxyAdd", "proxyUp",
                "proxyDown", "proxyRemove", "dataDir", "dataDirBrowse", "language", "ok", "cancel")) {
            assertTrue(robot.lookup("#" + id).tryQuery().isPresent(), "#" + id);
        }
        assertEquals("Settings", dialog.getTitle());
        assertEquals("Automatic", find("#interface", ComboBox.class).getEditor().getText());
        assertEquals(List.of("Automatic", "eth0", "wlan0"), find("#interface", ComboBox.class).getItems());
    }

    @Test
    void aBadDurationShowsItsErrorAndDisablesOk() {
        Button ok = find("#ok", Button.class);
        assertFalse(ok.isDisabled());
        assertEquals("", errorUnder("discoveryTimeout"));

        replaceText("#discoveryTimeout", "3 sec");
        assertEquals("Write a time like 300ms, 3s, 2m or 1h.", errorUnder("discoveryTimeout"));
        assertTrue(find("#discoveryTimeoutError", Label.class).getStyleClass().contains(SettingsDialog.FIELD_ERROR));
        assertTrue(ok.isDisabled());

        robot.push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE).write("0");
        assertEquals("Must be longer than zero.", errorUnder("discoveryTimeout"));
        assertTrue(ok.isDisabled());

        robot.eraseText(1).write("5s");
        assertEquals("", errorUnder("discoveryTimeout"));
        assertFalse(find("#discoveryTimeoutError", Label.class).isManaged(), "no gap under a good field");
        assertFalse(ok.isDisabled());

        replaceText("#pollInterval", "soon");
        assertEquals("Write a time like 300ms, 3s, 2m or 1h.", errorUnder("pollInterval"));
        assertTrue(ok.isDisabled());
        replaceText("#pollInterval", "1m");
        assertFalse(ok.isDisabled());

        click("#ok");
        assertFalse(dialog.isShowing());
        assertEquals(Duration.ofSeconds(5), dialog.getResult().discoveryTimeout());
        assertEquals(Duration.ofMinutes(1), dialog.getResult().pollInterval());
    }

    @Test
    void okReturnsTheNewSettings() {
        replaceText("#grace", "1s");
        replaceText("#interface", "wlan0");
        replaceText("#router", "http://192.168.1.1:5000/rootDesc.xml");
        replaceText("#httpTimeout", "2500ms");
        replaceText("#webPort", "99999");
        assertEquals("Write a port number from 1 to 65535.", errorUnder("webPort"));
        replaceText("#webPort", "8080");
        click("#startWebServer");
        click("#listen");

        // A new checker, added at the end and moved to the top.
        robot.interact(() -> find("#proxyType", ChoiceBox.class).setValue(Proxy.Type.PORTFORWARD));
        replaceText("#proxyUrl", "https://check.example.net/v1");
        click("#proxyAdd");
        assertEquals("", find("#proxyUrl", TextField.class).getText());
        ListView<?> proxies = find("#proxies", ListView.class);
        assertEquals(3, proxies.getItems().size());
        robot.interact(() -> proxies.getSelectionModel().select(2));
        click("#proxyUp");
        click("#proxyUp");
        assertTrue(find("#proxyUp", Button.class).isDisabled(), "already at the top");
        assertEquals(0, proxies.getSelectionModel().getSelectedIndex(), "the selection follows the checker");
        robot.interact(() -> proxies.getSelectionModel().select(2));
        click("#proxyRemove");

        replaceText("#dataDir", "~/pf-data");
        click("#ok");

        Settings expected = new Settings(Duration.ofSeconds(3), Duration.ofSeconds(1), "wlan0",
                URI.create("http://192.168.1.1:5000/rootDesc.xml"), Duration.ofMillis(2500), 8080, true, false,
                Duration.ofSeconds(30), List.of(OWN, Settings.DEFAULT_PROXIES.get(0)), HOME.resolve("pf-data"), List.of());
        assertEquals(expected, dialog.getResult());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theProtocolIsAChoiceInWords() {
        ChoiceBox<String> protocol = find("#protocol", ChoiceBox.class);
        List<String> shown = protocol.getItems().stream().map(protocol.getConverter()::toString).toList();
        assertEquals(List.of("Automatic (best the router offers)", "UPnP", "PCP", "NAT-PMP"), shown);
        assertEquals("Automatic (best the router offers)", protocol.getConverter().toString(protocol.getValue()));
        robot.interact(() -> protocol.setValue("pcp"));
        assertEquals("pcp", form.protocolProperty().get());
        click("#ok");
        assertEquals(net.portforward.engine.model.MappingProtocol.PCP, dialog.getResult().protocol());
    }

    @Test
    void automaticInterfaceAndCancel() {
        replaceText("#interface", "Ethernet #2");
        assertTrue(errorUnder("interface").startsWith("Cannot contain a line break, or a space followed by ; or #"));
        assertTrue(find("#ok", Button.class).isDisabled());
        replaceText("#interface", "Automatic");
        assertEquals("", form.networkInterfaceProperty().get());
        assertFalse(find("#ok", Button.class).isDisabled());
        assertTrue(find("#listen", CheckBox.class).isSelected());

        click("#cancel");
        assertFalse(dialog.isShowing());
        assertNull(dialog.getResult());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLanguageIsChosenByItsOwnNameAndSaved(@TempDir Path dir) throws Exception {
        ChoiceBox<String> language = find("#language", ChoiceBox.class);
        List<String> shown = language.getItems().stream().map(language.getConverter()::toString).toList();
        // The tests run with -Duser.language=en: the system's language is English.
        assertEquals(List.of("System (English)", "Deutsch", "English", "Español", "Français", "Italiano", "Nederlands",
                "Polski", "Português (Brasil)", "Русский", "简体中文", "日本語"), shown);
        assertEquals("System (English)", language.getConverter().toString(language.getValue()));

        click("#language");
        robot.clickOn("Deutsch");
        assertEquals("de", form.typed(SettingsTable.LANGUAGE).get());
        click("#ok");
        assertEquals(Locale.GERMAN, dialog.getResult().language());

        // Through the settings writer into portforward.ini, and read back as the next start reads it.
        SettingsLoader loader = new SettingsLoader("Linux", dir,
                Map.of(), SettingsLoader.shippedDefaults());
        Path ini = dir.resolve("portforward.ini");
        Files.writeString(ini, SettingsLoader.shippedDefaults());
        loader.save(ini, dialog.getResult());
        assertTrue(Files.readString(ini).matches("(?s).*\\[window\\][^\\[]*language\\s*=\\s*de\\s.*"),
                Files.readString(ini));
        assertEquals(Locale.GERMAN, loader.load(Optional.of(ini)).language());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLanguageFromTheFileIsShownAsTheChoiceItReadsAs() {
        for (String[] fileAndShown : new String[][] {{"de-DE", "Deutsch"}, {"pt-BR", "Português (Brasil)"},
                {"sv", "Svenska"}}) {
            Settings settings = Settings.defaults(DATA);
            Settings withLanguage = new Settings(settings.discoveryTimeout(), settings.discoveryGrace(), null, null,
                    settings.httpTimeout(), settings.webServerPort(), settings.startWebServer(),
                    settings.listenForChanges(), settings.pollInterval(), settings.restoreKept(), settings.protocol(),
                    settings.proxies(), DATA, settings.closeToTray(), settings.theme(), List.of(),
                    Locale.forLanguageTag(fileAndShown[0]));
            SettingsForm other = new SettingsForm(withLanguage, HOME, DATA);
            String shownAs = onFx(() -> {
                Dialog<Settings> d = SettingsDialog.create(owner, other, List.of());
                d.show();
                ChoiceBox<String> box = (ChoiceBox<String>) d.getDialogPane().lookup("#language");
                d.close();
                return box.getConverter().toString(box.getValue());
            });
            assertEquals(fileAndShown[1], shownAs, fileAndShown[0]);
            // Untouched, the file's code is written back as it was.
            assertEquals(fileAndShown[0], other.toSettings().language().toLanguageTag());
        }
    }

    @Test
    void aDialogOpenedAfterTheLanguageIsChosenSpeaksIt() {
        // As DesktopApp does after OK: the window's bundles are looked up anew for each dialog.
        net.portforward.ui.common.UiText.setLanguage(Locale.GERMAN);
        try {
            String title = onFx(() -> SettingsDialog.create(owner, new SettingsForm(Settings.defaults(DATA), HOME, DATA),
                    List.of()).getTitle());
            assertEquals("Einstellungen", title);
        } finally {
            net.portforward.ui.common.UiText.setLanguage(null);
        }
        assertEquals("Settings", onFx(() -> SettingsDialog.create(owner, new SettingsForm(Settings.defaults(DATA),
                HOME, DATA), List.of()).getTitle()), "back to the system's language");
    }

    @Test
    void theUsualDataFolderIsNamedUnderTheField() {
        List<String> notes = new ArrayList<>();
        robot.lookup(".muted").queryAllAs(Label.class).forEach(l -> notes.add(l.getText()));
        assertTrue(notes.contains("Usual place: " + DATA), notes.toString());
    }
}
