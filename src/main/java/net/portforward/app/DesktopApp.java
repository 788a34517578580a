package net.portforward.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import net.portforward.config.Settings;
import net.portforward.config.SettingsException;
import net.portforward.config.SettingsLoader;
import net.portforward.config.SettingsWriter;
import net.portforward.engine.EngineOptions;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.discovery.DiscoveryPolicy;
import net.portforward.engine.error.PortForwardException;
import net.portforward.ledger.LeaseRenewer;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.PinholeLedger;
import net.portforward.ui.TaskRunner;
import net.portforward.ui.WindowMemory;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.common.Languages;
import net.portforward.ui.common.UiText;
import net.portforward.ui.ledger.LedgerUi;
import net.portforward.ui.main.MainViewModel;
import net.portforward.ui.main.MainWindow;
import net.portforward.ui.pinhole.PinholeModel;
import net.portforward.ui.watch.ChangeNotifier;
import net.portforward.ui.watch.WatchViewModel;
import net.portforward.ui.reach.ReachViewModel;
import net.portforward.ui.reach.ReachWindow;
import net.portforward.ui.settings.SettingsDialog;
import net.portforward.ui.settings.LoginEntry;
import net.portforward.ui.settings.SettingsForm;
import net.portforward.ui.theme.Themes;
import net.portforward.ui.tray.AwtTray;
import net.portforward.ui.tray.TrayKeeper;
import net.portforward.config.SettingsTable;
import net.portforward.config.Theme;
import net.portforward.desktop.Autostart;
import net.portforward.desktop.DarkSetting;
import net.portforward.desktop.LaunchCommand;
import javafx.application.Platform;

/** The desktop app: creates and wires the objects, and owns shutdown. */
public final class DesktopApp extends Application {
    private SettingsLoader loader;
    private Path settingsFile;
    private Settings settings;
    private PortForwardEngine engine;
    private TaskRunner runner;
    private MainViewModel model;
    private WatchViewModel watch;
    private MainWindow window;
    private WindowMemory memory;
    private Stage stage;
    private ReachWindow reach;
    private Ledger ledger;
    private LedgerUi ledgerUi;
    private PinholeModel pinholes;
    private List<net.portforward.engine.error.Fact> problems = List.of();
    private WindowMemory.Layout layout = WindowMemory.Layout.none();
    /** The layout as the window closed, to be written in stop(); null until it closes. */
    private WindowMemory.Layout closedLayout;
    private TrayKeeper tray;
    /** The system's login entry, read in init() (off the FX thread) and changed from the settings. */
    private LoginEntry loginEntry;
    /** The desktop's dark setting, for the "system" theme; read off the FX thread. */
    private volatile boolean desktopIsDark;

    static void launchWindow(String[] args) {
        Application.launch(DesktopApp.class, args);
    }

    /**
     * On the launcher thread, before the window exists: the settings are read (and seeded on the
     * first start), the ledger opened and the window layout read here, so the FX thread does no
     * file I/O at start.
     */
    @Override
    public void init() {
        loader = SettingsLoader.forThisMachine();
        Optional<Path> override = configOption(getParameters().getRaw());
        settingsFile = override.orElse(loader.userConfigFile());
        try {
            settings = loader.load(override);
            problems = settings.problems();
        } catch (SettingsException e) {
            settings = loader.defaults();
            problems = List.of(e.fact());
        }
        // [window] language: before any window text is read, every bundle follows it.
        if (settings.language() != null) {
            java.util.Locale.setDefault(settings.language());
            UiText.setLanguage(settings.language());
        }
        // The ledger records every mapping the window makes; its session ends in stop().
        ledger = Ledger.open(settings.dataDir());
        memory = new WindowMemory(settings.dataDir().resolve("window.properties"));
        layout = memory.read();
        // The desktop's questions (gsettings, reg, defaults) may hang: each has a short limit.
        desktopIsDark = settings.theme() == Theme.SYSTEM && DarkSetting.forThisMachine(java.time.Duration.ofSeconds(2)).isDark();
        loginEntry = new LoginEntry(Autostart.forThisMachine(),
                () -> LaunchCommand.forThisProcess(configOption(getParameters().getRaw())));
        loginEntry.read();
    }

    @Override
    public void start(Stage primary) {
        stage = primary;
        Themes.apply(settings.theme(), desktopIsDark);
        engine = new PortForwardEngine(options(settings), ledger);
        runner = new TaskRunner();
        List<String> raw = getParameters().getRaw();
        model = new MainViewModel(engine, runner, report -> window.showError(report));
        option(raw, "--interface").ifPresent(model.chosenInterfaceProperty()::set);
        Optional<String> router = option(raw, "--router");
        if (router.isEmpty()) {
            // The search runs while the window is built and drawn (a second of class loading on a
            // cold JVM); its result arrives on this thread once start() has returned, when every
            // listener below is in place.
            model.discover();
        }
        window = new MainWindow(stage, model, url -> getHostServices().showDocument(url), this::openSettings);
        watch = new WatchViewModel(runner, settings.listenForChanges(), settings.pollInterval());
        ChangeNotifier notifier = window.attachWatch(watch);
        model.routerProperty().addListener((o, old, shown) -> watch.follow(model.engine(), shown));
        reach = new ReachWindow(stage, runner, ReachViewModel.Context.of(() -> settings, () -> engine, model::gateway,
                () -> window.table().selectedRows().size() == 1
                        ? Optional.of(window.table().selectedRows().get(0).mapping()) : Optional.empty()),
                window::showError, url -> getHostServices().showDocument(url));
        window.addTool(reach.toolbarButton());
        reach.attachTo(window, model);
        reach.model().startWithRouter(model.statusProperty());
        stage.setTitle("PortForward");
        stage.setScene(window.scene());
        loadWindowIcons();
        ledgerUi = new LedgerUi(stage, window, model, runner, ledger, () -> engine, LedgerUi.Files2.SYSTEM,
                report -> window.showError(report), LeaseRenewer.daemonScheduler());
        // Kept forwards put back at start are told in a popup, not a dialog to click away first.
        ledgerUi.setNotices(notifier::tell);
        ledgerUi.install();
        // Pinholes in the router's IPv6 firewall, recorded beside the ledger and kept like forwards.
        pinholes = PinholeModel.attach(window, model, runner, new PinholeLedger(ledger), () -> engine,
                LeaseRenewer.daemonScheduler());
        // After a router restart the mappings the user keeps come back by themselves (restore-kept),
        // and the change popup offers the rest.
        notifier.setPutBackByItself(m -> settings.restoreKept() && ledgerUi.keeps(m));
        watch.setOnRestart(restart -> {
            if (settings.restoreKept()) {
                ledgerUi.restoreKeptNow();
                pinholes.restoreKeptNow();
            }
        });
        memory.restore(stage, window.table(), layout);
        // Closing keeps PortForward in the tray (renewing, restoring, watching) where the desktop has one.
        tray = new TrayKeeper(stage, new AwtTray(), watch.listeningProperty(), this::quit,
                sentence -> notifier.tell("PortForward", sentence, List.of(), false));
        notifier.setElsewhere(tray::tellFromTray);
        // Taken on the FX thread as the window closes; written in stop(), off it.
        stage.setOnCloseRequest(e -> {
            closedLayout = memory.capture(stage, window.table(), layout);
            tray.closeRequested(e);
        });
        // --tray (the login entry): start hidden, when there is a tray to come back from. Otherwise
        // the window goes up first: asking for the tray starts AWT's toolkit, which need not delay it.
        boolean hidden = raw.contains(LaunchCommand.TRAY_OPTION);
        if (!hidden) {
            stage.show();
        }
        tray.use(settings.closeToTray());
        if (hidden && !tray.inTray()) {
            stage.show();
        }
        if (!problems.isEmpty()) {
            window.showError(new ErrorReport(net.portforward.ui.common.UiText.get("settings.notRead"),
                    net.portforward.ui.common.UiText.words().say(problems), ""));
        }
        // Direct mode waits for the window: a URL it cannot read is told in a dialog the window owns.
        router.ifPresent(model::connectTo);
    }

    /**
     * The window's icon in every size, decoded by JavaFX's background loader and added as each
     * is ready: decoding seven PNGs on this thread would hold up the first frame.
     */
    private void loadWindowIcons() {
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
            var url = DesktopApp.class.getResource("/icons/portforward-" + size + ".png");
            if (url == null) {
                continue;
            }
            Image icon = new Image(url.toExternalForm(), true);
            icon.progressProperty().addListener((o, was, progress) -> {
                if (progress.doubleValue() >= 1 && !icon.isError()) {
                    stage.getIcons().add(icon);
                }
            });
        }
    }

    private static Optional<Path> configOption(List<String> args) {
        return option(args, "--config").map(Path::of);
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE}, as on the command line. */
    private static Optional<String> option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(name) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
            if (args.get(i).startsWith(name + "=")) {
                return Optional.of(args.get(i).substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static EngineOptions options(Settings s) {
        return new EngineOptions(s.discoveryTimeout(), s.discoveryGrace(), s.networkInterface(), s.router(),
                s.httpTimeout(), s.dataDir(), s.protocol(), DiscoveryPolicy.system());
    }

    /**
     * Settings dialog: saved to the user's file (off the FX thread), then a new engine searches with
     * them. The theme switches as it is chosen, and back on Cancel; the login entry is written or
     * removed on OK.
     */
    private void openSettings() {
        SettingsForm form = new SettingsForm(settings, loader.folders());
        form.startAtLoginProperty().set(loginEntry.isOn());
        Themes.preview(form.themeProperty(), desktopIsDark);
        Optional<Settings> result = SettingsDialog.create(stage, form, List.copyOf(model.interfaces())).showAndWait();
        if (result.isEmpty()) {
            Themes.apply(settings.theme(), desktopIsDark);
            return;
        }
        Settings changed = result.get();
        runner.run(p -> {
            try {
                loader.save(settingsFile, changed);
            } catch (SettingsWriter.SaveException e) {
                throw new PortForwardException(e.fact(), e);
            }
            return changed;
        }, this::useSettings, e -> window.showError(ErrorReport.of(net.portforward.ui.common.UiText.get("settings.notSaved"), e)));
        loginEntry.set(form.startAtLoginProperty().get(), runner, window::showError);
    }

    /** The tray's Quit: the window's layout is kept if it shows, then the app ends through stop(). */
    private void quit() {
        if (stage.isShowing()) {
            closedLayout = memory.capture(stage, window.table(), layout);
        }
        Platform.exit();
    }

    private void useSettings(Settings changed) {
        if (!java.util.Objects.equals(changed.language(), settings.language())) {
            // Bundles are looked up per use: dialogs opened from now on speak it, the main window
            // (built once) from the next start, as the dialog's note under the choice says.
            java.util.Locale.setDefault(changed.language() != null ? changed.language() : Languages.system());
            UiText.setLanguage(changed.language());
        }
        settings = changed;
        tray.use(settings.closeToTray());
        Themes.apply(settings.theme(), desktopIsDark);
        watch.configure(settings.listenForChanges(), settings.pollInterval());
        PortForwardEngine old = engine;
        engine = new PortForwardEngine(options(settings), ledger);
        model.replaceEngine(engine);
        old.close();
        model.discover();
    }

    @Override
    public void stop() {
        if (tray != null) {
            tray.remove();
        }
        if (model != null) {
            model.cancel();
        }
        if (watch != null) {
            watch.shutdown(java.time.Duration.ofSeconds(3)); // tells the router to stop sending events
        }
        if (reach != null) {
            reach.close();
        }
        if (pinholes != null) {
            // This run's temporary pinholes close before the session ends (their lease ends them otherwise).
            pinholes.closeTemporaryAndStop(java.time.Duration.ofSeconds(5));
        }
        if (ledgerUi != null) {
            // This run's temporary mappings go; what cannot go in 5 s is offered at the next start.
            ledgerUi.removeTemporaryAndEnd(java.time.Duration.ofSeconds(5));
        }
        if (closedLayout != null) {
            WindowMemory.Layout closing = closedLayout;
            TaskRunner.runAndWait("portforward-save-layout", () -> memory.save(closing), java.time.Duration.ofSeconds(2));
        }
        if (runner != null) {
            runner.close();
        }
        if (engine != null) {
            engine.close();
        }
    }
}
