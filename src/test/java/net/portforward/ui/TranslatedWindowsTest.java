package net.portforward.ui;

import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import net.portforward.config.Settings;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.PinholeLedger;
import net.portforward.testing.EngineFixture;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.QuirkProfile;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.common.UiText;
import net.portforward.ui.ledger.LedgerUi;
import net.portforward.ui.main.MainViewModel;
import net.portforward.ui.main.MainWindow;
import net.portforward.ui.pinhole.PinholeModel;
import net.portforward.ui.reach.ReachViewModel;
import net.portforward.ui.reach.ReachWindow;
import net.portforward.ui.settings.SettingsDialog;
import net.portforward.ui.settings.SettingsForm;
import net.portforward.ui.watch.ChangeNotifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The window and every dialog in languages with long words (German) and in Japanese, wired as the
 * app wires them against the fake router: no label, button, heading or popup shows its words cut
 * to "…" or running out of sight ({@link CutTexts}). Each test lists everything cut before it
 * fails. Japanese runs once its bundles are in the build (skipped before, saying so) and needs a
 * Japanese font JavaFX can use (see {@link #hasCjkFont}), without which its widths are not real.
 * With {@code -Dportforward.screenshots=DIR} every window is also saved as a picture.
 */
@Timeout(180)
class TranslatedWindowsTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    private static final String CLIENT = EngineTestSupport.CLIENT;
    private static final String OTHER = EngineTestSupport.OTHER_CLIENT;

    @TempDir
    Path data;
    private TestWindow app;
    /** Every cut text found, described; a set, so a window looked at twice reports once. */
    private final Set<String> cut = new LinkedHashSet<>();
    private Locale before;
    private String language;
    private Stage stage;
    private MainViewModel vm;
    private MainWindow window;
    private FakeRouter fake;

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startFx();
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            app.close();
        } else {
            FxTestSupport.closeWindowsAndNotifications();
        }
        if (before != null) {
            Locale.setDefault(before);
            UiText.setLanguage(null);
        }
    }

    /** Speaks {@code tag} from now on, as [window] language does; a language without bundles yet is skipped. */
    private void speak(String tag) {
        String suffix = tag.replace('-', '_');
        assumeTrue(tag.equals("en") || UiText.class.getResource("/net/portforward/ui/UiText_" + suffix + ".properties") != null,
                "no " + tag + " bundles in the build yet: nothing to lay out in that language");
        if (tag.equals("ja")) {
            assumeTrue(hasCjkFont(), "no Japanese font JavaFX can use on this computer (fonts-ipafont-gothic):"
                    + " the widths would be those of missing-glyph boxes");
        }
        language = tag;
        before = Locale.getDefault();
        Locale l = Locale.forLanguageTag(tag);
        Locale.setDefault(l);
        UiText.setLanguage(l);
    }

    /**
     * Whether Japanese is drawn in real glyphs: three characters about three em wide, not three
     * narrow missing-glyph boxes. JavaFX 21 on Linux falls back only to TrueType fonts, so Noto
     * Sans CJK (CFF) does not count; IPAGothic (fonts-ipafont-gothic) does.
     */
    private static boolean hasCjkFont() {
        return onFx(() -> {
            javafx.scene.text.Text t = new javafx.scene.text.Text("日本語");
            return t.getLayoutBounds().getWidth() / t.getFont().getSize() > 2.4;
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "de", "ja"})
    void theMainWindowAndEveryDialogShowTheirWordsWhole(String tag) throws Exception {
        speak(tag);
        // Double NAT: the longest badge and the warning picture of the way in.
        open(FakeRouter.start(FakeRouter.Options.igd2().externalIp("10.0.0.2").mappings(
                FakeMapping.tcp(8080, OTHER, 80, "web"), FakeMapping.udp(27015, CLIENT, 27015, "game"))));
        waitFor(() -> onFx(() -> !vm.busyProperty().get() && vm.rows().size() == 2));
        look(stage, "main window");

        lookAtDialog("Add dialog", () -> press("#add"));
        onFx(() -> {
            lookup(TableView.class, "#mappings").getSelectionModel().select(0);
            return null;
        });
        lookAtDialog("Edit dialog", () -> press("#edit"));
        lookAtDialog("Delete confirmation", () -> press("#delete"));
        lookAtDialog("Router information", () -> press("#moreInformation"));
        lookAtDialog("Connect to an address", () -> press("#connectToUrl"));
        lookAtDialog("About", () -> press("#about"));
        lookAtDialog("Settings", () -> press("#settings"));
        // Its last section, with the language choice, scrolled into view as tabbing to it would.
        lookAtDialog("Settings, window section", () -> {
            press("#settings");
            lookup(javafx.scene.Node.class, "#language").requestFocus();
        });
        lookAtDialog("Reachability window", () -> press("#reachability"));
        lookAtDialog("Port range", () -> menuItem("#ledgerMenu", "rangeItem"));
        lookAtDialog("Error", () -> window.showError(ErrorReport.of(UiText.get("error.putBack"),
                new RouterRefusedException(Refusal.NOT_AUTHORIZED, "606 Action not authorized", "refused"))));
        lookAtDialog("NAT explanation", () -> lookup(javafx.scene.control.Label.class, "#natBadge")
                .fireEvent(click()));

        // The router says no: the Add dialog comes back with why, and the port it found free.
        lookAtDialog("Add dialog after a refusal", () -> {
            // Runs inside the dialog's own event loop, once it shows.
            Platform.runLater(() -> {
                lookup(TextField.class, "#externalPort").setText("8080");
                lookup(TextField.class, "#internalClient").setText(CLIENT);
                lookup(ButtonBase.class, ".dialog-pane #ok").fire();
            });
            press("#add");
        }, "#conflict");

        // Another computer's change pops up.
        fake.table().put(FakeMapping.tcp(9000, OTHER, 80, "nas"));
        fake.eventing().notifySubscribers();
        waitFor(() -> !onFx(TranslatedWindowsTest::popups).isEmpty());
        for (Window popup : onFx(TranslatedWindowsTest::popups)) {
            look(popup, "change popup");
        }
        assertNothingCut();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "de", "ja"})
    void whatToDoWhenNoRouterCanBeUsedShowsWhole(String tag) throws Exception {
        speak(tag);
        open(FakeRouter.start(QuirkProfile.NO_MAPPING_SERVICE.options()));
        waitFor(() -> onFx(() -> vm.problemProperty().get() != null && !vm.busyProperty().get()));
        look(stage, "main window without a usable router");
        assertNothingCut();
    }

    private void assertNothingCut() {
        assertTrue(cut.isEmpty(), () -> language + ": " + cut.size() + " text(s) cut:\n  " + String.join("\n  ", cut));
    }

    // ---- the app, wired as DesktopApp wires it

    private void open(FakeRouter router) throws Exception {
        fake = router;
        Ledger ledger = Ledger.open(data);
        Settings settings = Settings.defaults(data);
        app = TestWindow.open(new PortForwardEngine(EngineFixture.options(data, fake.location()), ledger), w -> {
            w.closeAfter(fake);
            w.openSettings = () -> SettingsDialog.create(w.stage, new SettingsForm(settings, data, data),
                    List.of("eth0", "wlan0")).show();
            ChangeNotifier notifier = w.watch(true, Duration.ofMinutes(5), true);
            ReachWindow reach = w.closeOnFx(new ReachWindow(w.stage, w.runner, ReachViewModel.Context.of(() -> settings,
                    () -> w.engine, w.vm::gateway, Optional::empty), w.window::showError, url -> { }));
            w.window.addTool(reach.toolbarButton());
            reach.attachTo(w.window, w.vm);
            w.stage.setTitle("PortForward");
            LedgerUi ledgerUi = w.closeOnFx(new LedgerUi(w.stage, w.window, w.vm, w.runner, ledger, () -> w.engine,
                    LedgerUi.Files2.SYSTEM, w.window::showError, (task, delay) -> () -> { }));
            ledgerUi.setNotices(notifier::tell);
            ledgerUi.install();
            PinholeModel.attach(w.window, w.vm, w.runner, new PinholeLedger(ledger), () -> w.engine,
                    (task, delay) -> () -> { });
        });
        stage = app.stage;
        vm = app.vm;
        window = app.window;
    }

    // ---- looking

    /** Looks at {@code w} as it stands after the next pulses, and saves its picture when asked to. */
    private void look(Window w, String name) throws Exception {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);
        cut.addAll(onFx(() -> CutTexts.in(w, name)));
        Screenshots.take(w, language + "-" + name.replace(' ', '-'));
    }

    /**
     * Runs {@code open} on the FX thread without waiting for it (a dialog shown with showAndWait
     * returns only when closed), looks at the window it opens, and closes that window.
     */
    private void lookAtDialog(String name, Runnable open) throws Exception {
        lookAtDialog(name, open, null);
    }

    /** As above, waiting for a new window that shows {@code showing} (a node found by that query, visible). */
    private void lookAtDialog(String name, Runnable open, String showing) throws Exception {
        List<Window> there = onFx(() -> List.copyOf(Window.getWindows()));
        Platform.runLater(open);
        AtomicReference<Window> opened = new AtomicReference<>();
        try {
            waitFor(() -> onFx(() -> {
                Window.getWindows().stream().filter(w -> !there.contains(w) && w.isShowing() && w.getScene() != null
                        && w instanceof Stage).filter(w -> showing == null || shows(w, showing))
                        .reduce((a, b) -> b).ifPresent(opened::set);
                return opened.get() != null;
            }));
        } catch (AssertionError none) {
            throw new AssertionError(name + " did not open", none);
        }
        waitFor(() -> onFx(() -> !vm.busyProperty().get()));
        look(opened.get(), name);
        onFx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (!there.contains(w)) {
                    w.hide();
                }
            }
            return null;
        });
        waitFor(() -> onFx(() -> !vm.busyProperty().get()));
    }

    private static boolean shows(Window w, String query) {
        var node = w.getScene().getRoot().lookup(query);
        return node != null && node.isVisible();
    }

    /** The change popups showing (ControlsFX notifications, each in a popup window of its own). */
    private static List<Window> popups() {
        return Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null
                && !w.getScene().getRoot().lookupAll(".notification-bar").isEmpty()).toList();
    }

    private void press(String query) {
        ButtonBase b = lookup(ButtonBase.class, query);
        if (b.isDisabled()) {
            throw new AssertionError(query + " is disabled");
        }
        b.fire();
    }

    private void menuItem(String menu, String itemId) {
        lookup(MenuButton.class, menu).getItems().stream().filter(i -> itemId.equals(i.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + itemId + " in " + menu)).fire();
    }

    private static javafx.scene.input.MouseEvent click() {
        return new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED, 1, 1, 1, 1,
                javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, true, false,
                false, null);
    }

    /** The node {@code query} finds in any showing window, the newest first. Call on the FX thread. */
    private static <T> T lookup(Class<T> type, String query) {
        List<Window> windows = new ArrayList<>(Window.getWindows());
        java.util.Collections.reverse(windows);
        for (Window w : windows) {
            if (w.isShowing() && w.getScene() != null) {
                var found = w.getScene().getRoot().lookupAll(query).stream().filter(type::isInstance).findFirst();
                if (found.isPresent()) {
                    return type.cast(found.get());
                }
            }
        }
        throw new AssertionError("nothing shows " + query);
    }
}
