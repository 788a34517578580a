package net.portforward.ui.about;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import net.portforward.ui.FxTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;

/** The About dialog on the headless toolkit, with this build's real build.properties. */
@Timeout(60)
class AboutDialogTest {
    private final FxRobot robot = new FxRobot();
    private final List<String> opened = new ArrayList<>();
    private Stage owner;
    private Dialog<ButtonType> dialog;
    private BuildInfo info;

    @BeforeAll
    static void startFx() throws InterruptedException {
        FxTestSupport.startFx();
    }

    @BeforeEach
    void showDialog() {
        info = BuildInfo.load();
        robot.interact(() -> {
            owner = new Stage();
            owner.setScene(new Scene(new StackPane(), 700, 500));
            owner.show();
            dialog = AboutDialog.create(owner, info, opened::add);
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

    private String label(String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    @Test
    void theVersionIsTheBuiltOneNotAPlaceholder() {
        assertTrue(info.version().matches("\\d+\\.\\d+\\.\\d+.*"), info.version());
        assertEquals("PortForward " + info.version(), dialog.getHeaderText());
        assertEquals("About PortForward", dialog.getTitle());
    }

    @Test
    void everyLibraryInsideIsListedWithItsVersionAndLicence() {
        // Licences as each library's pom states them; versions as pom.xml builds them.
        Map<String, String> licences = Map.of(
                "javafx", "GPL-2.0 with Classpath Exception",
                "jupnp", "CDDL-1.0",
                "slf4j", "MIT",
                "ikonli", "Apache-2.0",
                "controlsfx", "BSD-3-Clause",
                "atlantafx", "MIT",
                "nanohttpd", "BSD-3-Clause");
        for (Map.Entry<String, String> e : licences.entrySet()) {
            assertEquals(e.getValue(), label("licence-" + e.getKey()), e.getKey());
            String version = label("version-" + e.getKey());
            assertTrue(version.matches("\\d+(\\.\\d+)+.*"), () -> e.getKey() + " version " + version);
        }
        assertEquals("3.0.4", label("version-jupnp"));
        assertEquals("jUPnP", label("library-jupnp"));
        assertEquals(System.getProperty("java.version"), label("version-java"));
        assertEquals("GPL-2.0 with Classpath Exception", label("licence-java"));
        assertEquals(licences.size() + 1, info.libraries().size(), "the runtime and every library, once");
        // Shown whole, not cut to "…": every cell is as wide as its text wants.
        for (Label cell : robot.lookup("#libraries .label").queryAllAs(Label.class)) {
            assertTrue(cell.getWidth() >= cell.prefWidth(-1) - 0.5, () -> cell.getText() + " is cut: " + cell.getWidth());
        }
    }

    @Test
    void theProjectLinkOpensInTheBrowser() {
        Hyperlink link = robot.lookup("#projectLink").queryAs(Hyperlink.class);
        assertFalse(info.projectUrl().contains("${"), "the build filled in the link: " + info.projectUrl());
        assertTrue(info.projectUrl().startsWith("https://"), info.projectUrl());
        assertEquals(info.projectUrl(), link.getText());
        robot.clickOn(link);
        assertEquals(List.of(info.projectUrl()), opened);
    }

    @Test
    void closeCloses() {
        robot.clickOn(robot.lookup(".dialog-pane .button").queryButton());
        assertFalse(dialog.isShowing());
    }
}
