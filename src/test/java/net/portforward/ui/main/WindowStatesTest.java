package net.portforward.ui.main;

import net.portforward.TestPorts;
import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import net.portforward.engine.EngineOptions;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.discovery.DefaultRoute;
import net.portforward.engine.discovery.DiscoveryPolicy;
import net.portforward.testing.EngineFixture;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.FakeSsdp;
import net.portforward.testing.QuirkProfile;
import net.portforward.ui.FxTestSupport;
import net.portforward.ui.Screenshots;
import net.portforward.ui.TestWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Every state of the main window as a home user meets it, against fakes on 127.0.0.1: searching,
 * no router (no network, nothing answering, UPnP off), a router without a usable service, double
 * NAT, the router gone mid-session, busy with a long listing. Each says what happened in the
 * window's own words (never a command-line flag), the status line says how the search ended, and
 * the router panel shows no empty widgets. With {@code -Dportforward.screenshots=DIR} each state
 * is also saved as a picture (see {@link Screenshots}).
 */
class WindowStatesTest {
    private static final String IGD2 = "urn:schemas-upnp-org:device:InternetGatewayDevice:2";

    @TempDir
    Path data;
    private final FxRobot robot = new FxRobot();
    private final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestWindow window;
    private Stage stage;
    private MainViewModel vm;

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startFx();
    }

    @AfterEach
    void close() throws Exception {
        TestWindow.close(window, closing);
    }

    private <T extends AutoCloseable> T closing(T c) {
        closing.add(c);
        return c;
    }

    private void open(EngineOptions options) throws InterruptedException {
        window = TestWindow.open(new PortForwardEngine(options), w -> {
            // Every status line the window showed, so a test can ask for one that was soon replaced.
            Label status = (Label) w.window.scene().lookup("#message");
            messages.add(status.getText());
            status.textProperty().addListener((o, was, now) -> messages.add(now));
        });
        stage = window.stage;
        vm = window.vm;
    }

    private void openRouter(FakeRouter fake) throws InterruptedException {
        open(EngineFixture.options(data, closing(fake).location(), Duration.ofSeconds(2)));
    }

    /** The default gateway is 127.0.0.1 on lo, its SSDP at {@code ssdpPort}, PCP at a port nothing uses. */
    private EngineOptions searching(int ssdpPort) throws Exception {
        DiscoveryPolicy policy = DiscoveryPolicy.unicastOnly(new DefaultRoute("lo", InetAddress.getByName("127.0.0.1")),
                ssdpPort, unusedUdpPort());
        return EngineFixture.searching(data, policy, null);
    }

    private static int unusedUdpPort() throws Exception {
        return TestPorts.unused();
    }

    private void problemShown() throws InterruptedException {
        waitFor(() -> onFx(() -> vm.problemProperty().get() != null && !vm.busyProperty().get()));
    }

    private String text(String id) {
        return onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    /** Whether the node and every parent up to the window are visible: what the user can see. */
    private boolean visible(String id) {
        return onFx(() -> {
            for (Node n = robot.lookup(id).queryAs(Node.class); n != null; n = n.getParent()) {
                if (!n.isVisible()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** No command-line flag, the status line tells how it ended, no empty address row. */
    private void noRouterReadsAsAWindow(String title) {
        assertEquals(title, text("#problemTitle"));
        String explanation = text("#problemExplanation");
        assertFalse(explanation.contains("--"), "no command-line flags in the window: " + explanation);
        assertEquals(title + ".", text("#message"), "the status line no longer says it is searching");
        assertEquals("No router", text("#routerName"));
        assertFalse(visible("#copyAddress"), "no copy button without an address");
        assertFalse(visible("#externalAddress"));
        assertTrue(visible("#problem"));
        assertFalse(visible("#mappings"));
    }

    @Test
    void searching() throws Exception {
        FakeRouter fake = FakeRouter.start(FakeRouter.Options.igd2());
        fake.setCallDelay(Duration.ofMillis(1500));
        openRouter(fake);
        waitFor(() -> onFx(() -> vm.busyProperty().get()));
        assertEquals("Looking for your router\u2026", text("#routerName"));
        assertEquals("Looking for your router\u2026", onFx(() -> ((Label) robot.lookup("#mappings")
                .queryAs(javafx.scene.control.TableView.class).getPlaceholder()).getText()),
                "not \"no port forwards\" before a router was read");
        assertFalse(visible("#copyAddress"));
        assertTrue(onFx(() -> robot.lookup("#progress").queryAs(ProgressBar.class).isVisible()));
        assertTrue(visible("#cancel"));
        assertFalse(text("#message").isEmpty());
        Screenshots.take(stage, "01-searching");
        fake.setCallDelay(Duration.ZERO);
        waitFor(() -> onFx(() -> !vm.busyProperty().get() && vm.statusProperty().get() != null));
        assertTrue(visible("#copyAddress"));
    }

    @Test
    void noNetworkAtAll() throws Exception {
        open(EngineFixture.options(data, null));
        problemShown();
        noRouterReadsAsAWindow("Not connected to a network");
        assertTrue(text("#problemExplanation").contains("\u201cSearch on\u201d"), text("#problemExplanation"));
        Screenshots.take(stage, "02-no-network");
    }

    @Test
    void nothingAnsweredOnTheChosenInterface() throws Exception {
        open(EngineFixture.options(data, null));
        problemShown();
        onFx(() -> {
            vm.chosenInterfaceProperty().set("lo");
            vm.discover();
            return null;
        });
        waitFor(() -> onFx(() -> vm.busyProperty().get()));
        problemShown();
        noRouterReadsAsAWindow("No router found");
        String explanation = text("#problemExplanation");
        assertTrue(explanation.startsWith("Nothing answered UPnP, PCP or NAT-PMP on lo."), explanation);
        assertEquals("lo", onFx(() -> robot.lookup("#interfaceChoice")
                .queryAs(javafx.scene.control.ComboBox.class).getValue()), "the choice searched on stays shown");
        assertTrue(explanation.contains("give the router's description URL with \u201cConnect to URL\u2026\u201d"),
                explanation);
        Screenshots.take(stage, "03-nothing-answered");
    }

    @Test
    void theRouterWithUpnpOffNamesWhatWasTried() throws Exception {
        open(searching(unusedUdpPort()));
        problemShown();
        assertTrue(messages.stream().anyMatch(m -> m != null && m.startsWith("Searching for routers on lo")),
                messages::toString);
        noRouterReadsAsAWindow("Your router did not answer");
        assertTrue(text("#problemExplanation").startsWith("Your router at 127.0.0.1 answered none of UPnP, PCP or"
                + " NAT-PMP."), text("#problemExplanation"));
        Screenshots.take(stage, "04-upnp-off");
    }

    @Test
    void aRouterWithoutAUsableService() throws Exception {
        FakeRouter fake = closing(FakeRouter.start(QuirkProfile.NO_MAPPING_SERVICE.options()));
        FakeSsdp ssdp = closing(FakeSsdp.start().answer(IGD2, fake.location()));
        open(searching(ssdp.port()));
        problemShown();
        noRouterReadsAsAWindow("Your router offers no port forwarding");
        String explanation = text("#problemExplanation");
        assertTrue(explanation.contains("has no port-forwarding service"), explanation);
        assertTrue(visible("#problemCopyReport"));
        Screenshots.take(stage, "05-no-usable-service");
    }

    @Test
    void doubleNat() throws Exception {
        openRouter(FakeRouter.start(FakeRouter.Options.igd2().externalIp("192.168.0.10")
                .mappings(FakeMapping.tcp(8080, "192.168.1.23", 80, "web"))));
        waitFor(() -> onFx(() -> !vm.busyProperty().get() && vm.rows().size() == 1));
        assertEquals("Double NAT", text("#natBadge"));
        assertTrue(text("#externalAddress").contains("192.168.0.10"));
        assertTrue(visible("#copyAddress"));
        assertFalse(visible("#problem"));
        Screenshots.take(stage, "06-double-nat");
    }

    @Test
    void theRouterGoneMidSession() throws Exception {
        FakeRouter fake = FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, "192.168.1.23", 80,
                "web")));
        openRouter(fake);
        waitFor(() -> onFx(() -> !vm.busyProperty().get() && vm.rows().size() == 1));
        fake.crash();
        robot.clickOn("#refresh");
        problemShown();
        assertEquals("Your router stopped answering", text("#problemTitle"));
        assertEquals("Your router stopped answering.", text("#message"));
        assertFalse(visible("#mappings"));
        assertFalse(visible("#copyAddress"));
        assertFalse(visible("#natBadge"), "no verdict on a router that does not answer");
        assertTrue(robot.lookup(".dialog-pane").queryAll().isEmpty(), "the pane says it; no dialog to click away");
        Screenshots.take(stage, "07-router-gone");
        fake.restart(); // back, with an empty table as after a real restart
        robot.clickOn("#retry");
        waitFor(() -> onFx(() -> !vm.busyProperty().get() && vm.statusProperty().get() != null));
        assertFalse(visible("#problem"));
        assertTrue(visible("#mappings"));
    }

    @Test
    void busyWithALongListing() throws Exception {
        int count = 120;
        FakeRouter fake = FakeRouter.start(FakeRouter.Options.igd1().mappings(IntStream.range(0, count)
                .mapToObj(i -> FakeMapping.tcp(20000 + i, "192.168.1." + (20 + i % 40), 20000 + i, "game server " + i))
                .toList()));
        openRouter(fake);
        waitFor(() -> onFx(() -> !vm.busyProperty().get() && vm.rows().size() == count));
        fake.setCallDelay(Duration.ofMillis(40));
        robot.type(KeyCode.F5);
        waitFor(() -> onFx(() -> vm.busyProperty().get() && vm.rows().size() > 20));
        assertTrue(visible("#progress"));
        assertTrue(visible("#cancel"));
        assertTrue(onFx(() -> robot.lookup("#add").queryAs(Button.class).isDisabled()));
        assertTrue(visible("#copyAddress"), "the router stays shown while its table is read");
        Screenshots.take(stage, "08-busy-long-listing");
        fake.setCallDelay(Duration.ZERO);
        waitFor(() -> onFx(() -> !vm.busyProperty().get()));
        assertEquals(count + " port forwards.", text("#message"));
    }
}
