package net.portforward.ui.pinhole;

import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.model.Retention;
import net.portforward.engine.pinhole.AddressChoice;
import net.portforward.engine.pinhole.Ipv6Network;
import net.portforward.engine.pinhole.PinholeKey;
import net.portforward.engine.model.Protocol;
import net.portforward.ledger.LeaseRenewer;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.PinholeLedger;
import net.portforward.ledger.Session;
import net.portforward.testing.EngineFixture;
import net.portforward.testing.FakeFirewall;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.MovableClock;
import net.portforward.ui.FxTestSupport;
import net.portforward.ui.TestWindow;
import net.portforward.ui.ledger.LedgerUi;
import net.portforward.ui.main.MainViewModel;
import net.portforward.ui.main.MappingRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Pinholes in the real main window, wired as the app wires them, against the fake router's IPv6
 * firewall on ::1 (its SSDP answered by unicast there), on the headless toolkit.
 */
class PinholeWindowTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    private static final int TCP = 6;

    @TempDir
    Path data;
    private final FxRobot robot = new FxRobot();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestWindow window;
    /** The renewals the model scheduled, run by hand. */
    private final List<Runnable> scheduled = new CopyOnWriteArrayList<>();
    private final MovableClock clock = MovableClock.fromNow();
    private FakeRouter fake;
    private FakeFirewall firewall;
    private MainViewModel vm;
    private PinholeModel model;
    private PinholeLedger pinholes;

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startFx();
    }

    @AfterEach
    void close() throws Exception {
        TestWindow.close(window, closing);
    }

    private void open(Ipv6Network ipv6) throws Exception {
        Ledger ledger = new Ledger(data, Session.forThisProcess(), clock, Session.PROCESS_ALIVE);
        pinholes = new PinholeLedger(ledger);
        LeaseRenewer.Scheduler byHand = (task, delay) -> {
            scheduled.add(task);
            return () -> scheduled.remove(task);
        };
        window = TestWindow.open(new PortForwardEngine(EngineFixture.withIpv6(data, fake.location(), ipv6), ledger), w -> {
            LedgerUi ui = new LedgerUi(w.stage, w.window, w.vm, w.runner, ledger, () -> w.engine, LedgerUi.Files2.SYSTEM,
                    report -> w.window.showError(report), (task, delay) -> () -> { });
            ui.install();
            w.closeOnFx(ui);
            model = PinholeModel.attach(w.window, w.vm, w.runner, pinholes, () -> w.engine, byHand);
        });
        vm = window.vm;
        waitFor(() -> onFx(() -> !vm.busyProperty().get() && vm.gateway() != null));
    }

    private void openWithFirewall() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2().ipv6Firewall());
        closing.add(fake);
        firewall = fake.firewall();
        open(Ipv6Network.loopback(firewall.ssdpAddress(), 9));
    }

    private String ipv6Line() {
        return onFx(() -> robot.lookup("#" + PinholeLine.ID).queryAs(Label.class).getText());
    }

    private void waitForLine(String part) throws InterruptedException {
        waitFor(() -> ipv6Line().contains(part));
    }

    @SuppressWarnings("unchecked")
    private List<MappingRow> tableRows() {
        return onFx(() -> List.copyOf(robot.lookup("#mappings").queryAs(TableView.class).getItems()));
    }

    private Optional<MappingRow> pinholeRow(int port) {
        return tableRows().stream().filter(r -> r.pinhole().isPresent() && r.mapping().externalPort() == port)
                .findFirst();
    }

    private String cell(MappingRow row, String columnId) {
        return onFx(() -> {
            @SuppressWarnings("unchecked")
            TableView<MappingRow> t = robot.lookup("#mappings").queryAs(TableView.class);
            return String.valueOf(t.getColumns().stream().filter(c -> columnId.equals(c.getId())).findFirst()
                    .orElseThrow().getCellData(row));
        });
    }

    private void idle() throws InterruptedException {
        waitFor(() -> onFx(() -> !vm.busyProperty().get()));
    }

    /** Opens the Add dialog on {@code port}, unticks what {@code untick} names, and presses OK. */
    private void add(int port, String... untick) throws InterruptedException {
        robot.clickOn("#add");
        robot.clickOn("#externalPort").write(String.valueOf(port));
        client();
        for (String id : untick) {
            robot.clickOn(id);
        }
        waitFor(() -> onFx(() -> !robot.lookup(".dialog-pane #ok").queryAs(Button.class).isDisabled()));
        net.portforward.ui.FxTestSupport.clickWhenReady(robot, ".dialog-pane #ok");
    }

    /**
     * The fake router is reached over loopback, so the window knows this computer by 127.0.0.1,
     * which no router forwards to: the forward goes to a LAN address, as in LedgerWindowTest.
     */
    private void client() {
        onFx(() -> {
            robot.lookup("#internalClient").queryAs(TextField.class).setText(EngineTestSupport.CLIENT);
            return null;
        });
    }

    @Test
    void theRouterPanelSaysPinholesCanBeOpenedForThisComputer() throws Exception {
        openWithFirewall();
        waitForLine("pinholes can be opened for this computer (::1)");
    }

    @Test
    void theRouterPanelSaysWhenTheRouterForbidsPinholesOrItsFirewallIsOff() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2().ipv6Firewall());
        closing.add(fake);
        firewall = fake.firewall().inboundAllowed(false);
        open(Ipv6Network.loopback(firewall.ssdpAddress(), 9));
        waitForLine("the router's settings do not allow opening pinholes");

        firewall.inboundAllowed(true).enabled(false);
        onFx(() -> {
            vm.connectTo(fake.location().toString()); // the router shown again: asked again
            return null;
        });
        waitForLine("the router's firewall is off");
    }

    @Test
    void withoutAPublicAddressTheRouterPanelSaysThereIsNothingToOpenAndTheDialogAddsAForward() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2().ipv6Firewall());
        closing.add(fake);
        firewall = fake.firewall();
        open(Ipv6Network.loopback(firewall.ssdpAddress(), 9).withAddresses(
                name -> new AddressChoice(AddressChoice.Outcome.ONLY_LOCAL, Optional.empty(), name)));
        waitForLine("This computer has no public IPv6 address: there is nothing to open.");

        robot.clickOn("#add");
        assertTrue(robot.lookup("#forwardOrPinhole").queryAll().isEmpty(), "no IPv6 choice where none is possible");
        robot.clickOn("#externalPort").write("8080");
        client();
        net.portforward.ui.FxTestSupport.clickWhenReady(robot, ".dialog-pane #ok");
        waitFor(() -> fake.mapping("TCP", 8080).isPresent());
        idle();
        assertTrue(firewall.pinholes().isEmpty());
    }

    @Test
    void openingAPortForThisComputerDoesBothAndTheTableShowsThePinholeAsIpv6() throws Exception {
        openWithFirewall();
        waitForLine("pinholes can be opened");
        robot.clickOn("#add");
        assertTrue(onFx(() -> robot.lookup("#familyIpv4").queryAs(CheckBox.class).isSelected()
                && robot.lookup("#familyIpv6").queryAs(CheckBox.class).isSelected()), "both by default");
        robot.clickOn("#externalPort").write("8080");
        client();
        net.portforward.ui.FxTestSupport.clickWhenReady(robot, ".dialog-pane #ok");

        waitFor(() -> fake.mapping("TCP", 8080).isPresent() && firewall.pinhole(8080, TCP).isPresent());
        FakeFirewall.Entry hole = firewall.pinhole(8080, TCP).orElseThrow();
        assertEquals(86400, hole.leaseSeconds(), "a permanent forward's pinhole: a day, renewed");
        // The record says "being opened" until the router answered; then the row shows its lease.
        waitFor(() -> pinholeRow(8080).flatMap(r -> r.pinhole().get().leaseEnd()).isPresent());
        MappingRow row = pinholeRow(8080).orElseThrow();
        assertEquals("TCP \u00b7 IPv6", cell(row, "colProtocol"));
        assertEquals("::1", cell(row, "colClient"));
        assertTrue(cell(row, "colLease").matches("(23 h|1 day).*"), cell(row, "colLease"));
        assertEquals("kept", cell(row, "colKept"));
        assertEquals(8080, row.pinhole().get().forwardPort(), "recorded as opened with the forward");

        firewall.traffic(hole.id(), 12);
        onFx(() -> {
            vm.refresh();
            return null;
        });
        waitFor(() -> pinholeRow(8080).map(r -> cell(r, "colDescription")).orElse("").equals(
                "IPv6 pinhole \u00b7 12 packets"));
    }

    @Test
    void deletingTheForwardClosesThePinholeOpenedWithIt() throws Exception {
        openWithFirewall();
        waitForLine("pinholes can be opened");
        add(8080);
        waitFor(() -> firewall.pinhole(8080, TCP).isPresent() && pinholeRow(8080).isPresent());
        idle();
        MappingRow forward = tableRows().stream().filter(r -> r.pinhole().isEmpty()
                && r.mapping().externalPort() == 8080).findFirst().orElseThrow();
        onFx(() -> {
            vm.mappings().delete(List.of(forward));
            return null;
        });
        waitFor(() -> fake.mapping("TCP", 8080).isEmpty() && firewall.pinholes().isEmpty());
        waitFor(() -> pinholeRow(8080).isEmpty());
        assertTrue(pinholes.entries().isEmpty(), "the record closed too");
    }

    @Test
    void deletingThePinholeRowClosesOnlyThePinhole() throws Exception {
        openWithFirewall();
        waitForLine("pinholes can be opened");
        add(8080);
        waitFor(() -> pinholeRow(8080).isPresent());
        idle();
        MappingRow row = pinholeRow(8080).orElseThrow();
        onFx(() -> {
            vm.mappings().delete(List.of(row));
            return null;
        });
        waitFor(() -> firewall.pinholes().isEmpty() && pinholeRow(8080).isEmpty());
        idle();
        assertTrue(fake.mapping("TCP", 8080).isPresent(), "the forward stays");
    }

    @Test
    void aPinholeAloneIsForThisComputerAndTemporaryOnesLastAnHourAtMost() throws Exception {
        openWithFirewall();
        waitForLine("pinholes can be opened");
        robot.clickOn("#add");
        robot.clickOn("#externalPort").write("27015");
        client();
        robot.clickOn("#familyIpv4");
        robot.clickOn("#keep");
        robot.clickOn("#familyIpv6");
        assertTrue(onFx(() -> robot.lookup(".dialog-pane #ok").queryAs(Button.class).isDisabled()), "neither chosen");
        assertEquals("Choose an IPv4 forward, an IPv6 pinhole, or both.",
                onFx(() -> robot.lookup("#familyError").queryAs(Label.class).getText()));
        robot.clickOn("#familyIpv6");
        net.portforward.ui.FxTestSupport.clickWhenReady(robot, ".dialog-pane #ok");

        waitFor(() -> firewall.pinhole(27015, TCP).isPresent());
        idle();
        assertTrue(fake.mapping("TCP", 27015).isEmpty(), "no IPv4 forward");
        assertEquals(3600, firewall.pinhole(27015, TCP).get().leaseSeconds());
        waitFor(() -> pinholeRow(27015).map(r -> cell(r, "colKept")).orElse("").equals("for now"));
        assertEquals(Retention.FOR_NOW, pinholes.entries().get(0).retention());

        model.closeTemporaryAndStop(Duration.ofSeconds(5));
        assertTrue(firewall.pinholes().isEmpty(), "a temporary pinhole closes with the window");
    }

    @Test
    void keepRenewAndRestoreWorkAsForForwards() throws Exception {
        openWithFirewall();
        waitForLine("pinholes can be opened");
        add(8080);
        waitFor(() -> pinholeRow(8080).isPresent());
        idle();
        PinholeKey key = new PinholeKey(Protocol.TCP, 8080);

        // Keep: the table menu's switch, as for forwards.
        onFx(() -> {
            vm.mappings().setPinholeRetention(key, Retention.FOR_NOW);
            return null;
        });
        waitFor(() -> pinholeRow(8080).map(r -> cell(r, "colKept")).orElse("").equals("for now"));
        onFx(() -> {
            vm.mappings().setPinholeRetention(key, Retention.KEEP);
            return null;
        });
        waitFor(() -> pinholeRow(8080).map(r -> cell(r, "colKept")).orElse("").equals("kept"));

        // Renewal at half the lease, by the window's renewer.
        Instant before = pinholes.entries().get(0).leaseEnd().orElseThrow();
        clock.advance(Duration.ofHours(13));
        firewall.advance(Duration.ofHours(13));
        runScheduled();
        waitFor(() -> firewall.pinhole(8080, TCP).map(FakeFirewall.Entry::leaseSeconds).orElse(0L) == 86400);
        assertTrue(pinholes.entries().get(0).leaseEnd().orElseThrow().isAfter(before));

        // A router restart loses it: the kept pinhole is opened again.
        firewall.clear();
        onFx(() -> {
            model.restoreKeptNow();
            return null;
        });
        waitFor(() -> firewall.pinhole(8080, TCP).isPresent());
    }

    private void runScheduled() {
        List<Runnable> now = List.copyOf(scheduled);
        scheduled.clear();
        now.forEach(Runnable::run);
    }
}
