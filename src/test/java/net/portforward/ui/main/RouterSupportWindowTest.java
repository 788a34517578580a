package net.portforward.ui.main;

import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import net.portforward.engine.PortForwardEngine;
import net.portforward.testing.EngineFixture;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.QuirkProfile;
import net.portforward.ui.FxTestSupport;
import net.portforward.ui.TestWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The window's help for routers that need it, against the in-process fake router: any free port
 * (or PortForward's search where the router cannot pick), and "Copy a report" for a bug report,
 * also when the router offers nothing usable.
 */
class RouterSupportWindowTest {
    private static final String CLIENT = "192.168.1.23";

    @TempDir
    Path data;
    private final FxRobot robot = new FxRobot();
    private TestWindow window;
    private MainViewModel vm;
    private FakeRouter fake;

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startFx();
    }

    private void open(FakeRouter router) throws Exception {
        fake = router;
        window = TestWindow.open(new PortForwardEngine(EngineFixture.options(data, fake.location(), Duration.ofSeconds(5))),
                w -> w.closeAfter(fake));
        vm = window.vm;
        idle();
    }

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            window.close();
        }
    }

    private void idle() throws InterruptedException {
        waitFor(() -> onFx(() -> !vm.busyProperty().get() && vm.statusProperty().get() != null
                || vm.problemProperty().get() != null && !vm.busyProperty().get()));
    }

    private <T extends Node> T find(String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    /**
     * Clicks OK once it stands still: a note or error line that came or went resizes the dialog
     * a pulse or two later, and on a busy machine a click could aim at where OK was.
     */
    private void clickOk() throws InterruptedException {
        FxTestSupport.clickWhenReady(robot, ".dialog-pane #ok");
    }

    private void setClient() {
        TextField client = find("#internalClient", TextField.class);
        onFx(() -> {
            client.setText(CLIENT);
            return null;
        });
    }

    @Test
    void anyFreePortIsPickedByAnIgd2RouterAndTheWindowSaysWhich() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, "192.168.1.24", 8080, "theirs"))));
        robot.clickOn("#add");
        robot.clickOn("#anyPort");
        robot.clickOn("#internalPort").write("8080");
        setClient();
        waitFor(() -> onFx(() -> !find(".dialog-pane #ok", Button.class).isDisabled()));
        clickOk();

        waitFor(() -> fake.mappings().stream().anyMatch(m -> m.internalClient().equals(CLIENT)));
        int granted = fake.mappings().stream().filter(m -> m.internalClient().equals(CLIENT)).findFirst().orElseThrow()
                .externalPort();
        assertTrue(granted != 8080, "8080 is another computer's");
        waitFor(() -> onFx(() -> find("#message", Label.class).getText()).contains("The router chose external port "
                + granted));
        waitFor(() -> onFx(() -> vm.rows().size()) == 2);
    }

    @Test
    void anIgd1RouterCannotPickSoPortForwardFindsAFreePort() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd1().mappings(FakeMapping.tcp(8080, "192.168.1.24", 8080, "theirs"))));
        robot.clickOn("#add");
        assertTrue(onFx(() -> find("#anyPort", CheckBox.class).isDisabled()));
        robot.clickOn("#externalPort").write("8080");
        setClient();
        robot.clickOn("#findFreePort");

        waitFor(() -> onFx(() -> find("#conflict", Label.class).getText()).equals("External port 8081 is free."));
        robot.clickOn("#useOfferedPort");
        assertEquals("8081", onFx(() -> find("#externalPort", TextField.class).getText()));
        clickOk();
        waitFor(() -> fake.mapping("TCP", 8081).isPresent());
        assertEquals(0, fake.callCount("AddAnyPortMapping"));
    }

    @Test
    void moreInformationCopiesAMaskedReport() throws Exception {
        open(FakeRouter.start(FakeRouter.Options.igd2()));
        robot.clickOn("#moreInformation");
        waitFor(() -> onFx(() -> robot.lookup("#copyReport").tryQuery().isPresent()));
        robot.clickOn("#copyReport");

        waitFor(() -> onFx(() -> find("#message", Label.class).getText()).startsWith("A report on your router is on the"
                + " clipboard"));
        String copied = onFx(() -> Clipboard.getSystemClipboard().getString());
        assertTrue(copied.startsWith("PortForward router report"), copied);
        assertTrue(copied.contains("AddAnyPortMapping("), "the services' actions: " + copied);
        assertFalse(copied.contains("25.77.0.2"), "the internet address is masked");
    }

    @Test
    void aRouterWithoutAServiceStillGivesAReport() throws Exception {
        open(FakeRouter.start(QuirkProfile.NO_MAPPING_SERVICE.options()));
        waitFor(() -> onFx(() -> find("#problemExplanation", Label.class).getText()).contains("answers UPnP but has no"
                + " port-forwarding service"));
        robot.clickOn("#problemCopyReport");

        waitFor(() -> onFx(() -> find("#message", Label.class).getText()).startsWith("A report on your router"));
        String copied = onFx(() -> Clipboard.getSystemClipboard().getString());
        assertTrue(copied.contains("urn:dslforum-org:service:WANDSLInterfaceConfig:1"), copied);
        assertTrue(copied.contains("has no port-forwarding service"), "the problem, in words: " + copied);
        assertFalse(copied.contains("G6J8W15326003974"), "its serial number is masked");
    }
}
