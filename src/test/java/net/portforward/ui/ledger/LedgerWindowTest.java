package net.portforward.ui.ledger;

import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import net.portforward.engine.EngineOptions;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.testing.EngineFixture;
import net.portforward.engine.Router;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.Session;
import net.portforward.ledger.preset.Presets;
import net.portforward.ledger.transfer.TableFile;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.ui.FxTestSupport;
import net.portforward.ui.TestWindow;
import net.portforward.ui.main.MainViewModel;
import net.portforward.ui.main.MappingRow;
import net.portforward.ui.watch.ChangeNotifier;
import net.portforward.ui.watch.WatchViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The ledger in the real main window, against the fake router, on the headless toolkit. */
class LedgerWindowTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    private static final String CLIENT = EngineTestSupport.CLIENT;

    @TempDir
    Path data;
    private final FxRobot robot = new FxRobot();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestWindow window;
    private FakeRouter fake;
    private MainViewModel vm;
    private LedgerUi ui;
    private WatchViewModel watch;
    private Path chosenFile;

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startFx();
    }

    @AfterEach
    void close() throws Exception {
        TestWindow.close(window, closing);
    }

    private EngineOptions options() {
        return EngineFixture.options(data, fake.location());
    }

    private void open() throws Exception {
        open(false);
    }

    /** With {@code watching}, the change watch is wired as the app wires it (restore-kept on). */
    private void open(boolean watching) throws Exception {
        open(watching, Ledger.open(data));
    }

    private void open(boolean watching, Ledger ledger) throws Exception {
        LedgerUi.Files2 files = new LedgerUi.Files2() {
            @Override
            public Optional<Path> open(Stage owner) {
                return Optional.of(chosenFile);
            }

            @Override
            public Optional<Path> save(Stage owner, String suggestedName) {
                return Optional.of(chosenFile);
            }
        };
        window = TestWindow.open(new PortForwardEngine(options(), ledger), w -> {
            // Renewal has its own tests with a fake clock; here it never fires.
            ui = new LedgerUi(w.stage, w.window, w.vm, w.runner, ledger, () -> w.engine, files,
                    report -> w.window.showError(report), (task, delay) -> () -> { });
            // As the app wires it: news at start goes to the change popups and log.
            ChangeNotifier notifier = w.watch(watching, Duration.ofMillis(300), watching);
            ui.setNotices(notifier::tell);
            ui.install();
            w.closeOnFx(ui);
            if (watching) {
                notifier.setPutBackByItself(ui::keeps);
                w.watch().setOnRestart(r -> ui.restoreKeptNow());
            }
        });
        vm = window.vm;
        watch = window.watch();
    }

    /** The texts of the change popups showing now. */
    private List<String> popupTexts() {
        return onFx(() -> robot.lookup(".notification-bar").queryAll().stream()
                .flatMap(n -> robot.from(n).lookup((javafx.scene.control.Label l) -> l.getText() != null
                        && !l.getText().isBlank()).queryAll().stream())
                .map(l -> ((javafx.scene.control.Label) l).getText()).toList());
    }

    private void idle() throws InterruptedException {
        waitFor(() -> onFx(() -> !vm.busyProperty().get()));
    }

    private DialogPane pane(String id) throws InterruptedException {
        waitFor(() -> !robot.lookup("#" + id).queryAll().isEmpty());
        return robot.lookup("#" + id).queryAs(DialogPane.class);
    }

    private void fireMenu(String itemId) {
        onFx(() -> {
            MenuButton b = robot.lookup("#ledgerMenu").queryAs(MenuButton.class);
            b.getItems().stream().filter(i -> itemId.equals(i.getId())).findFirst().orElseThrow().fire();
            return null;
        });
    }

    private String keptColumn(int port) {
        return keptColumn(Protocol.TCP, port);
    }

    private String keptColumn(Protocol protocol, int port) {
        return onFx(() -> {
            @SuppressWarnings("unchecked")
            TableView<MappingRow> t = robot.lookup("#mappings").queryAs(TableView.class);
            var col = t.getColumns().stream().filter(c -> LedgerColumn.ID.equals(c.getId())).findFirst().orElseThrow();
            return t.getItems().stream().filter(r -> r.mapping().externalPort() == port
                    && r.mapping().protocol() == protocol).findFirst()
                    .map(r -> (String) col.getCellData(r)).orElse("?");
        });
    }

    @Test
    void theAddDialogKeepsByDefaultAndCanAddForNowOnly() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2());
        closing.add(fake);
        open();
        idle();
        for (int port : new int[] {7777, 7778}) {
            robot.clickOn("#add");
            robot.clickOn("#externalPort").write(String.valueOf(port));
            TextField client = robot.lookup("#internalClient").queryAs(TextField.class);
            onFx(() -> {
                client.setText(CLIENT);
                return null;
            });
            if (port == 7778) {
                robot.clickOn("#keep"); // off: only while PortForward runs
            }
            waitFor(() -> onFx(() -> !robot.lookup(".dialog-pane #ok").queryAs(javafx.scene.control.Button.class)
                    .isDisabled()));
            net.portforward.ui.FxTestSupport.clickWhenReady(robot, ".dialog-pane #ok");
            waitFor(() -> fake.mapping("TCP", port).isPresent());
            idle();
        }
        waitFor(() -> "kept".equals(keptColumn(7777)));
        waitFor(() -> "for now".equals(keptColumn(7778)));
    }

    @Test
    void afterARouterRestartTheKeptForwardComesBackByItselfAndTheRestIsOffered() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, "192.168.1.24", 80, "nas")));
        closing.add(fake);
        open(true);
        idle();
        PortMapping game = new PortMapping(Protocol.UDP, 27015, java.net.InetAddress.getByName(CLIENT), 27015, true,
                "game", null, Duration.ZERO);
        onFx(() -> {
            vm.mappings().add(List.of(game), conflict -> { });
            return null;
        });
        waitFor(() -> fake.mapping("UDP", 27015).isPresent() && onFx(() -> watch.modeTextProperty().get())
                .startsWith("Listening"));
        // The watch has seen the add (its log says so), so the restart below loses both mappings.
        waitFor(() -> onFx(() -> watch.log().stream().anyMatch(e -> e.change().startsWith("UDP 27015"))));
        idle();

        fake.restart(); // a reboot: the table is empty and the subscription forgotten

        waitFor(() -> fake.mapping("UDP", 27015).isPresent()); // the kept one, by itself
        try {
            waitFor(() -> popupTexts().stream().anyMatch(t -> t.startsWith("Router restarted")));
        } catch (AssertionError e) {
            throw new AssertionError("no restart popup; popups " + popupTexts() + ", log "
                    + onFx(() -> watch.log().stream().map(x -> x.change()).toList()), e);
        }
        List<String> texts = popupTexts();
        String text = texts.stream().filter(t -> t.startsWith("Router restarted")).findFirst().orElseThrow();
        assertTrue(text.startsWith("Router restarted: 2 mappings are gone"), texts + " log: "
                + onFx(() -> watch.log().stream().map(e -> e.change()).toList()));
        assertTrue(text.endsWith("Putting back the port forward you keep."), text);
        javafx.scene.Node popup = onFx(() -> robot.lookup(".notification-bar").queryAll().stream()
                .filter(n -> robot.from(n).lookup((javafx.scene.control.Label l) -> text.equals(l.getText()))
                        .tryQuery().isPresent()).findFirst().orElseThrow());
        assertTrue(fake.mapping("TCP", 8080).isEmpty(), "another computer's forward is only offered");
        FxTestSupport.clickWhenReady(robot, onFx(() -> robot.from(popup).lookup((javafx.scene.control.Button b) -> "Put it back".equals(b.getText()))
                .queryAs(javafx.scene.control.Button.class)));
        waitFor(() -> fake.mapping("TCP", 8080).isPresent());
        assertEquals("192.168.1.24", fake.mapping("TCP", 8080).orElseThrow().internalClient());
    }

    private interface RouterSteps {
        void run(Router r) throws Exception;
    }

    /** Mappings added by a run that crashed: its session marker names a process that is gone. */
    private void addedByACrashedRun(RouterSteps steps) throws Exception {
        Ledger crashed = new Ledger(data, new Session("crashed", Long.MAX_VALUE - 1, Instant.EPOCH), Clock.systemUTC(),
                Session.PROCESS_ALIVE);
        try (PortForwardEngine e = new PortForwardEngine(options(), crashed)) {
            steps.run(EngineTestSupport.open(e, fake));
        }
    }

    @Test
    void launchPutsBackKeptOnesAndOffersToRemoveACrashedRunsTemporaryOnes() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2());
        closing.add(fake);
        addedByACrashedRun(r -> {
            r.add(mapping(8080), Retention.FOR_NOW, Progress.NONE);
            r.add(mapping(8081), Retention.FOR_NOW, Progress.NONE);
            r.add(mapping(8082), Retention.KEEP, Progress.NONE);
        });
        fake.restart(); // the router lost them all, then the temporary ones came back (say, from its lease file)
        fake.preload(FakeMapping.tcp(8080, CLIENT, 8080, "t"), FakeMapping.tcp(8081, CLIENT, 8081, "t"));

        open();

        // Put back at start: told in a popup that blocks nothing, and listed under "Router changes".
        waitFor(() -> popupTexts().stream().anyMatch(t -> t.startsWith("1 put back.")));
        assertTrue(popupTexts().stream().anyMatch(t -> t.contains("TCP 8082")), popupTexts().toString());
        assertTrue(robot.lookup("#resultsPane").queryAll().isEmpty(), "no dialog to click away");
        assertTrue(onFx(() -> watch.log().stream().anyMatch(e -> e.change().contains("TCP 8082"))));
        net.portforward.ui.Screenshots.take(onFx(() -> robot.lookup("#mappings").queryAs(javafx.scene.Node.class)
                .getScene().getWindow()), "09-put-back-at-start");
        waitFor(() -> fake.mapping("TCP", 8082).isPresent());
        DialogPane offer = pane("cleanupPane");
        assertTrue(onFx(offer::getHeaderText).contains("2 temporary port forwards (TCP 8080, TCP 8081)"),
                onFx(offer::getHeaderText));
        robot.clickOn("#cleanupRemove");
        waitFor(() -> fake.mappings().size() == 1);
        assertEquals(8082, fake.mappings().get(0).externalPort(), "the kept one stays");
        idle();
        waitFor(() -> onFx(() -> vm.rows().size()) == 1);
        waitFor(() -> keptColumn(8082).equals("kept"));
    }

    @Test
    void theKeptColumnTellsACrashedRunsLeftoverAndReadsTheLedgerOffTheWindowsThread() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2());
        closing.add(fake);
        addedByACrashedRun(r -> r.add(mapping(8080), Retention.FOR_NOW, Progress.NONE));
        // Whether another run still lives is a file read: it must never happen on the FX thread.
        java.util.Set<String> askedOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
        open(false, new Ledger(data, Session.forThisProcess(), Clock.systemUTC(), s -> {
            askedOn.add(Thread.currentThread().getName());
            return Session.PROCESS_ALIVE.test(s);
        }));
        pane("cleanupPane"); // the launch offers to remove it; the user decides later
        idle();
        waitFor(() -> "left over".equals(keptColumn(8080)));
        assertTrue(!askedOn.isEmpty() && askedOn.stream().noneMatch(n -> n.startsWith("JavaFX")), askedOn.toString());
    }

    @Test
    void thePresetMenuListsTheUsersOwnPresetsSavedByTheCommandLine() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2());
        closing.add(fake);
        open();
        idle();
        new Presets(data).save(new net.portforward.ledger.preset.Preset("My game", "", List.of(
                net.portforward.ledger.preset.PortSpec.parse("TCP+UDP 7777-7778")), false));
        onFx(() -> {
            robot.lookup("#ledgerMenu").queryAs(MenuButton.class).show();
            return null;
        });
        waitFor(() -> onFx(() -> presetNames().contains("preset-Mygame")));
        assertTrue(onFx(() -> presetNames().size()) > 1, "the built-in ones too");
        onFx(() -> {
            robot.lookup("#ledgerMenu").queryAs(MenuButton.class).hide();
            return null;
        });
    }

    private List<String> presetNames() {
        MenuButton b = robot.lookup("#ledgerMenu").queryAs(MenuButton.class);
        javafx.scene.control.Menu presets = (javafx.scene.control.Menu) b.getItems().stream()
                .filter(i -> "presetsMenu".equals(i.getId())).findFirst().orElseThrow();
        return presets.getItems().stream().map(javafx.scene.control.MenuItem::getId).toList();
    }

    @Test
    void aRangeFromTheMenuWithProgressAndASummary() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.udp(27016, "192.168.1.50", 27016, "x")));
        closing.add(fake);
        open();
        idle();
        fireMenu("rangeItem");
        robot.clickOn("#rangePorts").write("27015-27017");
        TextField client = robot.lookup("#rangeClient").queryAs(TextField.class);
        onFx(() -> {
            client.setText(CLIENT);
            return null;
        });
        robot.clickOn("#rangeKeep"); // for now
        robot.clickOn("#rangeAdd");
        DialogPane results = pane("resultsPane");
        assertTrue(onFx(results::getHeaderText).startsWith("5 added, 1 failed."), onFx(results::getHeaderText));
        assertEquals(6, fake.mappings().size());
        idle();
        waitFor(() -> onFx(() -> vm.rows().size()) == 6);
        waitFor(() -> keptColumn(27015).equals("for now"));
        assertEquals("", keptColumn(Protocol.UDP, 27016), "not ours");

        // Closing removes this run's temporary ones.
        ui.removeTemporaryAndEnd(Duration.ofSeconds(5));
        assertEquals(1, fake.mappings().size());
    }

    @Test
    void importShowsAPreviewAndAddsOnlyWhatIsNew() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, "192.168.1.50", 80, "theirs")));
        closing.add(fake);
        chosenFile = data.resolve("in.csv");
        Files.writeString(chosenFile, "protocol,externalPort,internalClient,internalPort,description\n"
                + "TCP,8080,192.168.1.23,80,mine\nUDP,9000,192.168.1.23,9000,new\nTCP,x,y,z,bad\n");
        open();
        idle();
        fireMenu("importItem");
        waitFor(() -> !robot.lookup("#importPreview").queryAll().isEmpty());
        @SuppressWarnings("unchecked")
        TableView<net.portforward.ledger.transfer.ImportPlan.Item> table =
                robot.lookup("#importPreview").queryAs(TableView.class);
        assertEquals(List.of("CONFLICT", "ADD", "INVALID"), onFx(() -> table.getItems().stream()
                .map(i -> i.verdict().name()).toList()));
        assertEquals(1, fake.mappings().size(), "the preview sent nothing");
        robot.clickOn("#importApply");
        DialogPane results = pane("resultsPane");
        assertTrue(onFx(results::getHeaderText).startsWith("1 added, 1 skipped, 1 failed."), onFx(results::getHeaderText));
        assertEquals("192.168.1.50", fake.mapping("TCP", 8080).orElseThrow().internalClient());
        assertTrue(fake.mapping("UDP", 9000).isPresent());
    }

    @Test
    void importRefusesAFileTooBigToBeATableAsTheCommandLineDoes() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2());
        closing.add(fake);
        chosenFile = data.resolve("huge.csv");
        // A valid table, padded past the limit: nothing but its size is wrong.
        Files.writeString(chosenFile, "protocol,externalPort,internalClient,internalPort\n"
                + "\n".repeat((int) TableFile.MAX_FILE_BYTES));
        open();
        idle();
        fireMenu("importItem");
        waitFor(() -> !robot.lookup("#errorSentence").queryAll().isEmpty()
                || !robot.lookup("#importPreview").queryAll().isEmpty());
        assertTrue(robot.lookup("#importPreview").queryAll().isEmpty(), "no preview of a file that big");
        String sentence = onFx(() -> robot.lookup("#errorSentence").queryAs(javafx.scene.control.Label.class).getText());
        assertTrue(sentence.contains("is too big to be an exported table"), sentence);
    }

    @Test
    void exportAndAPresetFromTheMenu() throws Exception {
        fake = FakeRouter.start(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web, \"x\"")));
        closing.add(fake);
        chosenFile = data.resolve("out.json");
        open();
        idle();
        fireMenu("exportItem");
        pane("exportedPane");
        assertTrue(Files.readString(chosenFile).contains("\"description\":\"web, \\\"x\\\"\""));
        onFx(() -> {
            ui.applyPreset(Presets.BUILT_IN.stream().filter(p -> p.name().equals("Steam game server")).findFirst()
                    .orElseThrow(), EngineTestSupport.ip(CLIENT), true);
            return null;
        });
        DialogPane results = pane("resultsPane");
        assertTrue(onFx(results::getHeaderText).startsWith("2 added."), onFx(results::getHeaderText));
        assertTrue(fake.mapping("UDP", 27015).isPresent() && fake.mapping("TCP", 27015).isPresent());
    }

    private static PortMapping mapping(int port) {
        return new PortMapping(Protocol.TCP, port, EngineTestSupport.ip(CLIENT), port, true, "t", null, Duration.ZERO);
    }
}
