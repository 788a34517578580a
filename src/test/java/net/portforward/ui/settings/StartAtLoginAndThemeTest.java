package net.portforward.ui.settings;

import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import net.portforward.config.Settings;
import net.portforward.config.Theme;
import net.portforward.desktop.Autostart;
import net.portforward.desktop.LaunchCommand;
import net.portforward.desktop.OperatingSystem;
import net.portforward.ui.FxTestSupport;
import net.portforward.ui.TaskRunner;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.theme.Themes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The settings dialog as the gear button opens it (wired as DesktopApp wires it): "Start
 * PortForward in the system tray when I log in" writes and removes the login entry in a temporary
 * home after OK, and the theme choice changes the whole app at once, back again on Cancel.
 */
@Timeout(90)
class StartAtLoginAndThemeTest {
    private static final Path HOME = Path.of("/home/alice");
    private static final Path DATA = Path.of("/home/alice/.local/share/portforward");
    private static final LaunchCommand INSTALLED = new LaunchCommand(List.of("/opt/portforward/bin/portforward", "--tray"));

    @TempDir
    Path home;
    private final FxRobot robot = new FxRobot();
    private final List<ErrorReport> errors = new CopyOnWriteArrayList<>();
    private final TaskRunner runner = new TaskRunner();
    private Stage owner;
    private Dialog<Settings> dialog;
    private SettingsForm form;

    @BeforeAll
    static void startFx() throws InterruptedException {
        FxTestSupport.startFx();
    }

    @BeforeEach
    void owner() {
        robot.interact(() -> {
            Themes.apply(Theme.LIGHT, false);
            owner = new Stage();
            owner.setScene(new Scene(new StackPane(), 900, 700));
            owner.show();
        });
    }

    @AfterEach
    void close() throws InterruptedException {
        robot.interact(() -> Themes.apply(Theme.LIGHT, false));
        FxTestSupport.closeWindowsAndNotifications();
        runner.close();
    }

    /** The gear button: the dialog on the saved settings, the theme followed as chosen, the entry set on OK. */
    private void openSettings(LoginEntry entry, Settings saved) {
        robot.interact(() -> {
            form = new SettingsForm(saved, HOME, DATA);
            form.startAtLoginProperty().set(entry.isOn());
            Themes.preview(form.themeProperty(), false);
            dialog = SettingsDialog.create(owner, form, List.of());
            dialog.setOnHidden(e -> {
                if (dialog.getResult() == null) {
                    Themes.apply(saved.theme(), false);
                } else {
                    entry.set(form.startAtLoginProperty().get(), runner, errors::add);
                }
            });
            dialog.show();
        });
    }

    private void click(String query) {
        Node node = robot.lookup(query).query();
        robot.interact(node::requestFocus); // scrolls it into view
        robot.clickOn(node);
    }

    private boolean ticked() {
        return onFx(() -> robot.lookup("#startAtLogin").queryAs(CheckBox.class).isSelected());
    }

    @Test
    void tickingStartAtLoginWritesTheEntryAndUntickingRemovesIt() throws Exception {
        Autostart linux = Autostart.forSystem(OperatingSystem.LINUX, home, Map.of(), command -> {
            throw new AssertionError("no command expected: " + command);
        });
        Path file = home.resolve(".config/autostart/portforward.desktop");
        LoginEntry entry = new LoginEntry(linux, () -> INSTALLED);
        entry.read();

        openSettings(entry, Settings.defaults(DATA));
        assertFalse(ticked());
        click("#startAtLogin");
        click("#ok");
        waitFor(() -> Files.isRegularFile(file));
        assertTrue(Files.readString(file).contains("\nExec=/opt/portforward/bin/portforward --tray\n"));
        waitFor(entry::isOn);

        openSettings(entry, Settings.defaults(DATA));
        assertTrue(ticked(), "the box shows the entry that is there");
        click("#startAtLogin");
        click("#cancel");
        assertTrue(Files.isRegularFile(file), "Cancel changes nothing");

        openSettings(entry, Settings.defaults(DATA));
        click("#startAtLogin");
        click("#ok");
        waitFor(() -> !Files.exists(file));
        waitFor(() -> !entry.isOn());
        assertEquals(List.of(), errors);
    }

    @Test
    void anEntryThatCannotBeWrittenIsToldInTheWindowsWords() throws Exception {
        Autostart full = new Autostart() {
            @Override
            public boolean isOn() {
                return false;
            }

            @Override
            public void turnOn(LaunchCommand command) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void turnOff() {
            }

            @Override
            public String where() {
                return "~/.config/autostart/portforward.desktop";
            }
        };
        LoginEntry entry = new LoginEntry(full, () -> INSTALLED);
        entry.read();
        openSettings(entry, Settings.defaults(DATA));
        click("#startAtLogin");
        click("#ok");
        waitFor(() -> !errors.isEmpty());
        assertEquals(new ErrorReport("Start at login not changed", "The login entry"
                + " (~/.config/autostart/portforward.desktop) could not be written: No space left on device", ""),
                errors.get(0));
        assertFalse(entry.isOn());
    }

    @Test
    void theChosenThemeShowsAtOnceAndCancelTakesItBack() throws Exception {
        LoginEntry entry = new LoginEntry(Autostart.forSystem(OperatingSystem.LINUX, home, Map.of(), c -> {
            throw new AssertionError("no command expected: " + c);
        }), () -> INSTALLED);
        openSettings(entry, Settings.defaults(DATA)); // "As my desktop is set", and this desktop is light
        assertTrue(background(dialog.getDialogPane()).getBrightness() > 0.8);

        chooseTheme("Dark");
        waitFor(Themes::darkIsOn);
        assertTrue(background(dialog.getDialogPane()).getBrightness() < 0.2, "the open dialog turned dark at once");
        assertTrue(background((Region) owner.getScene().getRoot()).getBrightness() < 0.2, "and so did the window");

        chooseTheme("Light");
        waitFor(() -> !Themes.darkIsOn());
        chooseTheme("Dark");
        waitFor(Themes::darkIsOn);
        click("#cancel");
        waitFor(() -> !Themes.darkIsOn());

        // OK keeps the choice: it is in the settings to be saved.
        openSettings(entry, Settings.defaults(DATA));
        chooseTheme("Dark");
        click("#ok");
        assertEquals(Theme.DARK, onFx(() -> dialog.getResult().theme()));
        assertTrue(Themes.darkIsOn());
    }

    /** Opens the theme choice and clicks the named item, as the user picks it. */
    private void chooseTheme(String name) {
        click("#theme");
        robot.clickOn(name);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    private static Color background(Region region) {
        return onFx(() -> {
            region.applyCss();
            var fills = region.getBackground() == null ? List.<javafx.scene.layout.BackgroundFill>of()
                    : region.getBackground().getFills();
            return fills.isEmpty() ? Color.TRANSPARENT : (Color) fills.get(fills.size() - 1).getFill();
        });
    }
}
