package net.portforward.ui.theme;

import static net.portforward.ui.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import net.portforward.config.Settings;
import net.portforward.config.Theme;
import net.portforward.ui.FxTestSupport;
import net.portforward.ui.settings.SettingsDialog;
import net.portforward.ui.settings.SettingsForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Switching the theme changes the whole app at once: a window with portforward.css and a dialog. */
class ThemesTest {
    private static final Path DATA = Path.of("/home/alice/.local/share/portforward");

    @BeforeAll
    static void fx() throws InterruptedException {
        FxTestSupport.startFx();
    }

    @AfterEach
    void back() throws InterruptedException {
        onFx(() -> {
            Themes.apply(Theme.LIGHT, false);
            return null;
        });
        FxTestSupport.closeWindowsAndNotifications();
    }

    @Test
    void aWindowAndADialogTurnDarkAndLightTogether() throws InterruptedException {
        Label muted = new Label("muted");
        muted.getStyleClass().add("muted");
        Stage stage = onFx(() -> {
            VBox root = new VBox(muted);
            Scene scene = new Scene(root, 300, 200);
            scene.getStylesheets().add(ThemesTest.class.getResource("/net/portforward/ui/portforward.css").toExternalForm());
            Stage s = new Stage();
            s.setScene(scene);
            s.show();
            return s;
        });
        Dialog<Settings> dialog = onFx(() -> {
            Dialog<Settings> d = SettingsDialog.create(stage, new SettingsForm(Settings.defaults(DATA),
                    Path.of("/home/alice"), DATA), List.of());
            d.show();
            return d;
        });
        Color windowLight = background((Region) stage.getScene().getRoot());
        Color dialogLight = background(dialog.getDialogPane());
        Paint mutedLight = onFx(muted::getTextFill);
        assertTrue(windowLight.getBrightness() > 0.8, "light: " + windowLight);

        onFx(() -> {
            Themes.apply(Theme.DARK, false);
            return null;
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Themes.darkIsOn());
        Color windowDark = background((Region) stage.getScene().getRoot());
        Color dialogDark = background(dialog.getDialogPane());
        assertTrue(windowDark.getBrightness() < 0.2, "dark: " + windowDark);
        assertTrue(dialogDark.getBrightness() < 0.2, "dark dialog: " + dialogDark + " (light was " + dialogLight + ")");
        assertNotEquals(mutedLight, onFx(muted::getTextFill), "portforward.css's muted text follows the theme");

        onFx(() -> {
            Themes.apply(Theme.SYSTEM, false);
            return null;
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertFalse(Themes.darkIsOn(), "system, on a light desktop");
        assertEquals(windowLight, background((Region) stage.getScene().getRoot()));
        onFx(() -> {
            Themes.apply(Theme.SYSTEM, true);
            return null;
        });
        assertTrue(Themes.darkIsOn(), "system, on a dark desktop");
    }

    private static Color background(Region region) throws InterruptedException {
        return onFx(() -> {
            region.applyCss();
            var fills = region.getBackground() == null ? List.<javafx.scene.layout.BackgroundFill>of()
                    : region.getBackground().getFills();
            return fills.isEmpty() ? Color.TRANSPARENT : (Color) fills.get(fills.size() - 1).getFill();
        });
    }
}
