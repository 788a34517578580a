package net.portforward.ui.mapping;

import static net.portforward.ui.mapping.MappingFormTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxRobotInterface;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dialogs driven like a user would, with TestFX on the headless toolkit. The toolkit is
 * started with {@link Platform#startup} (as the other window tests do) rather than TestFX's
 * ApplicationExtension, whose Application.launch fails once another test class has started it.
 */
@Timeout(60)
class MappingDialogTest {
    private static final InetAddress ME = ip("192.168.1.23");

    private final FxRobot robot = new FxRobot();
    private final List<Dialog<?>> dialogs = new ArrayList<>();
    private Stage owner;

    @BeforeAll
    static void startFx() throws InterruptedException {
        net.portforward.ui.FxTestSupport.startFx();
    }

    @BeforeEach
    void showOwner() {
        robot.interact(() -> {
            owner = new Stage();
            owner.setScene(new Scene(new StackPane(), 900, 700));
            owner.show();
        });
    }

    @AfterEach
    void closeWindows() {
        robot.interact(() -> {
            dialogs.forEach(Dialog::close);
            owner.close();
        });
    }

    private <T> Dialog<T> show(Dialog<T> dialog) {
        dialogs.add(dialog);
        robot.interact(dialog::show);
        return dialog;
    }

    private Dialog<List<PortMapping>> showForm(MappingForm form) {
        List<Dialog<List<PortMapping>>> created = new ArrayList<>();
        robot.interact(() -> created.add(MappingDialog.create(owner, form)));
        return show(created.get(0));
    }

    private <T extends Node> T find(String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    private String errorUnder(String fieldId) {
        Label error = find("#" + fieldId + "Error", Label.class);
        return error.isVisible() ? error.getText() : "";
    }

    /**
     * Clicks once the layout is current. The dialog resizes as errors come and go, and the FX
     * toolkit lays it out at its next pulse, which the robot does not wait for: it could aim at
     * where a button was.
     */
    private FxRobotInterface click(String query) {
        try {
            net.portforward.ui.FxTestSupport.clickWhenReady(robot, query);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return robot;
    }

    private void replaceText(String query, String text) {
        click(query);
        robot.push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            robot.write(text);
        }
    }

    /**
     * Error lines that come and go faster than the window takes each new height: the window ends
     * the height of what it shows, with OK inside it (seen: OK below the window's edge after an
     * error came while the window was still shrinking from the one before).
     */
    @Test
    void theWindowFollowsLinesThatComeAndGoFasterThanItResizes() throws InterruptedException {
        MappingForm form = MappingForm.adding(ME);
        Dialog<List<PortMapping>> dialog = showForm(form);
        TextField description = find("#description", TextField.class);
        for (int i = 0; i < 12; i++) {
            String text = i % 2 == 0 ? "Tom & Jerry" : "Tom and Jerry";
            robot.interact(() -> description.setText(text));
        }
        robot.interact(() -> description.setText("Tom & Jerry"));
        Button ok = find("#ok", Button.class);
        net.portforward.ui.FxTestSupport.waitFor(() -> net.portforward.ui.FxTestSupport.onFx(() -> {
            javafx.geometry.Bounds b = ok.localToScene(ok.getBoundsInLocal());
            Scene scene = dialog.getDialogPane().getScene();
            double pane = dialog.getDialogPane().getHeight();
            return b.getMaxY() <= scene.getHeight()
                    && Math.abs(dialog.getDialogPane().prefHeight(dialog.getDialogPane().getWidth()) - pane) <= 0.5;
        }));
        assertTrue(errorUnder("description").startsWith("The description may not contain &"), errorUnder("description"));
    }

    @Test
    void typingShowsErrorsAndOkFollowsTheForm() {
        MappingForm form = MappingForm.adding(ME);
        Dialog<List<PortMapping>> dialog = showForm(form);
        assertEquals("Add port forward", dialog.getTitle());
        Button ok = find("#ok", Button.class);
        assertTrue(ok.isDisabled(), "nothing typed yet");
        assertEquals("", errorUnder("externalPort"), "no error before typing");
        assertTrue(find("#internalPort", TextField.class).isDisabled(), "same port is on");

        click("#externalPort").write("70000");
        assertEquals("External port 70000 is not a port number: use 1 to 65535.", errorUnder("externalPort"));
        assertTrue(ok.isDisabled());

        robot.eraseText(5).write("abc");
        assertEquals("External port \"abc\" is not a port number: use 1 to 65535.", errorUnder("externalPort"));
        robot.eraseText(3);
        assertEquals("Enter the external port, from 1 to 65535.", errorUnder("externalPort"));

        robot.write("8080");
        assertEquals("", errorUnder("externalPort"));
        assertEquals("8080", find("#internalPort", TextField.class).getText(), "follows the external port");
        assertFalse(ok.isDisabled());

        click("#description").write("Tom & Jerry");
        assertTrue(errorUnder("description").startsWith("The description may not contain &"), errorUnder("description"));
        assertTrue(ok.isDisabled());
        replaceText("#description", "Minecraft");
        assertEquals("", errorUnder("description"));

        click("#protocolBoth");
        click("#ok");
        assertFalse(dialog.isShowing());
        assertEquals(List.of(
                new PortMapping(Protocol.TCP, 8080, ME, 8080, true, "Minecraft", null, Duration.ZERO),
                new PortMapping(Protocol.UDP, 8080, ME, 8080, true, "Minecraft", null, Duration.ZERO)),
                dialog.getResult());
    }

    private String okWaits() {
        Label line = find("#okWaits", Label.class);
        return line.isVisible() ? line.getText() : "";
    }

    /** What has the keyboard focus in the dialog shown last. */
    private Node focused() {
        Node[] owner = new Node[1];
        robot.interact(() -> owner[0] = dialogs.get(dialogs.size() - 1).getDialogPane().getScene().getFocusOwner());
        return owner[0];
    }

    @Test
    void theFocusStartsOnTheFirstFieldToTypeIn() {
        showForm(MappingForm.adding(ME));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("externalPort", focused().getId(), "not Cancel");
        robot.interact(() -> dialogs.get(0).close());

        // Editing: external port and protocol are fixed, so the first field open is the internal port...
        showForm(MappingForm.editing(new PortMapping(Protocol.TCP, 8080, ME, 80, true, "web", null, Duration.ZERO), ME));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("internalPort", focused().getId());
        robot.interact(() -> dialogs.get(1).close());

        // ...or, while it follows the external port, the computer's address.
        showForm(MappingForm.editing(new PortMapping(Protocol.TCP, 8080, ME, 8080, true, "web", null, Duration.ZERO), ME));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("internalClient", focused().getId());
    }

    @Test
    void whileOkIsGreyedOutALineSaysWhatIsMissingOrWrong() throws Exception {
        MappingForm form = MappingForm.adding(null);
        Dialog<List<PortMapping>> dialog = showForm(form);
        Button ok = find("#ok", Button.class);
        assertTrue(ok.isDisabled());
        assertEquals("To continue, fill in the external port (the number to open on your router) and the address"
                + " of the computer to forward to.", okWaits(), "also the fields not touched yet");
        net.portforward.ui.Screenshots.take(dialog.getDialogPane().getScene().getWindow(), "add-dialog-empty");

        click("#externalPort").write("70000");
        assertEquals("To continue, correct the external port (the number to open on your router): the note under it"
                + " says how.", okWaits());
        robot.eraseText(5).write("8080");
        assertEquals("To continue, fill in the address of the computer to forward to.", okWaits());

        click("#samePort");
        replaceText("#internalPort", "");
        click("#permanent");
        replaceText("#lease", "");
        assertEquals("To continue, fill in the internal port (the one the program on the computer uses), the address"
                + " of the computer to forward to and how long the forward should last.", okWaits());

        replaceText("#internalPort", "80");
        replaceText("#lease", "2 h");
        replaceText("#internalClient", "192.168.1.40");
        assertFalse(ok.isDisabled());
        assertEquals("", okWaits(), "nothing to say while OK can be pressed");
        assertFalse(find("#okWaits", Label.class).isManaged(), "and no room kept for it");

        click("#description").write("Tom & Jerry");
        assertTrue(ok.isDisabled());
        assertEquals("To continue, correct the description: the note under it says how.", okWaits());
    }

    @Test
    void clientAndSeparateInternalPortAndLease() {
        Dialog<List<PortMapping>> dialog = showForm(MappingForm.adding(ME));
        click("#externalPort").write("2222");
        click("#samePort");
        TextField internal = find("#internalPort", TextField.class);
        assertFalse(internal.isDisabled());
        replaceText("#internalPort", "22");

        replaceText("#internalClient", "router.lan");
        assertEquals("The internal client \"router.lan\" is not an IPv4 address such as 192.168.1.23.",
                errorUnder("internalClient"));
        replaceText("#internalClient", "127.0.0.1");
        assertTrue(errorUnder("internalClient").contains("cannot receive forwarded traffic"));
        assertTrue(find("#ok", Button.class).isDisabled());
        replaceText("#internalClient", "192.168.1.40");
        assertEquals("", errorUnder("internalClient"));

        ComboBox<?> lease = find("#lease", ComboBox.class);
        assertTrue(lease.isDisabled(), "permanent is on");
        click("#permanent");
        assertFalse(lease.isDisabled());
        assertEquals("2 h", lease.getEditor().getText());
        replaceText("#lease", "9 days");
        assertEquals("Routers accept leases of at most 7 days. For one that never ends, tick Permanent.",
                errorUnder("lease"));
        assertTrue(find("#ok", Button.class).isDisabled());

        // Pick from the drop-down as a user would.
        click("#lease .arrow-button");
        robot.clickOn(robot.lookup(".list-cell").match((ListCell<?> cell) -> "1 day".equals(cell.getText()))
                .<ListCell<?>>query());
        assertEquals("1 day", lease.getEditor().getText());
        assertEquals("", errorUnder("lease"));

        click("#ok");
        assertEquals(List.of(new PortMapping(Protocol.TCP, 2222, ip("192.168.1.40"), 22, true, "", null,
                Duration.ofDays(1))), dialog.getResult());
    }

    @Test
    void anyFreePortLetsTheRouterPickAndNeedsOnlyTheInternalPort() {
        MappingForm form = MappingForm.adding(ME);
        Dialog<List<PortMapping>> dialog = showForm(form);
        assertFalse(find("#anyPortInstead", javafx.scene.layout.HBox.class).isVisible(), "this router can pick");

        click("#anyPort");
        assertTrue(find("#externalPort", TextField.class).isDisabled(), "the router picks it");
        TextField internal = find("#internalPort", TextField.class);
        assertFalse(internal.isDisabled(), "the port on this computer is still to say");
        assertTrue(find("#ok", Button.class).isDisabled());
        click("#internalPort").write("25565");
        click("#ok");

        assertTrue(form.anyPortProperty().get());
        assertEquals(List.of(new PortMapping(Protocol.TCP, 25565, ME, 25565, true, "", null, Duration.ZERO)),
                dialog.getResult(), "the internal port is the suggested external one");
    }

    @Test
    void whereTheRouterCannotPickPortForwardFindsAFreePort() {
        MappingForm form = MappingForm.adding(ME);
        form.anyPortOfferedProperty().set(false);
        List<net.portforward.engine.model.MappingKey> asked = new ArrayList<>();
        form.setFreePortSearch((key, result) -> {
            asked.add(key);
            result.accept(OptionalInt.of(key.externalPort() + 1));
        });
        showForm(form);
        assertTrue(find("#anyPort", javafx.scene.control.CheckBox.class).isDisabled());
        assertTrue(find("#anyPortInstead", javafx.scene.layout.HBox.class).isVisible());
        assertEquals("Your router cannot pick a free port itself (only IGD:2 routers can).",
                find("#anyPortNotOffered", Label.class).getText());

        click("#externalPort").write("8080");
        click("#findFreePort");

        assertEquals(List.of(new net.portforward.engine.model.MappingKey(Protocol.TCP, 8080)), asked);
        assertEquals("External port 8081 is free.", find("#conflict", Label.class).getText());
        click("#useOfferedPort");
        assertEquals("8081", find("#externalPort", TextField.class).getText());
        assertEquals("8081", find("#internalPort", TextField.class).getText(), "same port is on");
    }

    @Test
    void aRefusedLowPortOffersOneFrom1024() {
        MappingForm form = MappingForm.adding(ME);
        form.externalPortProperty().set("80");
        form.showConflict(PortConflictException.reservedLowPort(new net.portforward.engine.model.MappingKey(Protocol.TCP,
                80), "UPnP error 606 to AddPortMapping", OptionalInt.of(1024)));
        showForm(form);

        assertEquals("Your router refused TCP 80: many routers keep the ports below 1024 for themselves. External port"
                + " 1024 is free.", find("#conflict", Label.class).getText());
        click("#useOfferedPort");
        assertEquals("1024", find("#externalPort", TextField.class).getText());
    }

    @Test
    void aConflictOffersTheFreePort() throws Exception {
        MappingForm form = MappingForm.adding(ME);
        PortMapping nas = new PortMapping(Protocol.TCP, 8080, ip("192.168.1.50"), 8080, true, "nas", null, Duration.ZERO);
        PortConflictException conflict = new PortConflictException(new net.portforward.engine.model.MappingKey(net.portforward.engine.model.Protocol.TCP, 8080), ListedMapping.clean(nas),
                OptionalInt.of(8081));
        // As after a failed add: the same form, shown again with the router's answer.
        form.externalPortProperty().set("8080");
        form.showConflict(conflict);
        Dialog<List<PortMapping>> dialog = showForm(form);

        assertTrue(find("#conflictBanner", Node.class).isVisible());
        assertTrue(find("#conflictBanner", Node.class).getStyleClass().contains(MappingDialog.CONFLICT_BANNER));
        assertEquals(net.portforward.testing.Said.said(conflict), find("#conflict", Label.class).getText());
        Button use = find("#useOfferedPort", Button.class);
        assertEquals("Use port 8081", use.getText());
        net.portforward.ui.Screenshots.take(dialog.getDialogPane().getScene().getWindow(), "add-dialog-conflict");

        click("#useOfferedPort");
        assertEquals("8081", find("#externalPort", TextField.class).getText());
        assertEquals("8081", find("#internalPort", TextField.class).getText());
        assertFalse(find("#conflictBanner", Node.class).isVisible());

        click("#ok");
        assertEquals(8081, dialog.getResult().get(0).externalPort());
    }

    @Test
    void aConflictWithoutAFreePortHasNoButton() {
        MappingForm form = MappingForm.adding(ME);
        form.externalPortProperty().set("8080");
        form.showConflict(new PortConflictException(new net.portforward.engine.model.MappingKey(net.portforward.engine.model.Protocol.TCP, 8080), null, OptionalInt.empty()));
        showForm(form);
        assertEquals("TCP 8080 is already forwarded to another computer.", find("#conflict", Label.class).getText());
        assertFalse(find("#useOfferedPort", Button.class).isVisible());

        replaceText("#externalPort", "8090");
        assertFalse(find("#conflictBanner", Node.class).isVisible(), "a new port clears it");
    }

    @Test
    void editingFixesTheKeyAndCancelGivesNothing() {
        PortMapping web = new PortMapping(Protocol.TCP, 8080, ME, 80, true, "web", null, Duration.ofHours(2));
        Dialog<List<PortMapping>> dialog = showForm(MappingForm.editing(web, ME));
        assertEquals("Edit port forward", dialog.getTitle());
        assertTrue(find("#externalPort", TextField.class).isDisabled());
        assertTrue(find("#protocolTcp", Node.class).isDisabled());
        assertFalse(find("#protocolBoth", Node.class).isVisible(), "Both is for adding");
        assertEquals("80", find("#internalPort", TextField.class).getText());
        assertEquals("2 h", find("#lease", ComboBox.class).getEditor().getText());
        assertFalse(find("#ok", Button.class).isDisabled());

        replaceText("#internalPort", "8000");
        click("#cancel");
        assertFalse(dialog.isShowing());
        assertNull(dialog.getResult());
    }

    @Test
    void editingGivesTheChangedMapping() {
        PortMapping web = new PortMapping(Protocol.UDP, 5000, ME, 5000, false, "web", null, Duration.ZERO);
        Dialog<List<PortMapping>> dialog = showForm(MappingForm.editing(web, ME));
        click("#samePort");
        replaceText("#internalPort", "5001");
        replaceText("#description", "voice");
        click("#ok");
        assertEquals(List.of(new PortMapping(Protocol.UDP, 5000, ME, 5001, false, "voice", null, Duration.ZERO)),
                dialog.getResult());
    }

    private static final List<PortMapping> TWO = List.of(
            new PortMapping(Protocol.TCP, 8080, ip("192.168.1.23"), 80, true, "web", null, Duration.ZERO),
            new PortMapping(Protocol.UDP, 27015, ip("192.168.1.24"), 27015, true, "", null, Duration.ZERO));

    private Dialog<Boolean> showDelete(List<PortMapping> mappings) {
        List<Dialog<Boolean>> created = new ArrayList<>();
        robot.interact(() -> created.add(DeleteConfirmation.create(owner, mappings)));
        return show(created.get(0));
    }

    @Test
    void deleteListsWhatGoesAndEnterCancels() {
        Dialog<Boolean> dialog = showDelete(TWO);
        assertEquals("Delete these 2 port forwards?", dialog.getHeaderText());
        ListView<?> list = find("#deleteList", ListView.class);
        assertEquals(List.of("TCP 8080 \u2192 192.168.1.23:80 \u00b7 web", "UDP 27015 \u2192 192.168.1.24:27015"),
                List.copyOf(list.getItems()));
        Button cancel = find("#cancel", Button.class);
        Button delete = find("#delete", Button.class);
        assertTrue(cancel.isDefaultButton());
        assertFalse(delete.isDefaultButton());
        assertTrue(cancel.isFocused(), "the focus starts on Cancel");

        robot.push(KeyCode.ENTER);
        assertFalse(dialog.isShowing());
        assertFalse(dialog.getResult());
    }

    @Test
    void deleteNeedsAClickOnDelete() {
        Dialog<Boolean> dialog = showDelete(TWO.subList(0, 1));
        assertEquals("Delete this port forward?", dialog.getHeaderText());
        click("#delete");
        assertFalse(dialog.isShowing());
        assertTrue(dialog.getResult());
    }
}
