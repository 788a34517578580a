package net.portforward.ui.ledger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Dialog;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.KeptMappings;
import net.portforward.ledger.LeaseRenewer;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.LedgerEntry;
import net.portforward.ledger.Leftovers;
import net.portforward.ledger.MappingResult;
import net.portforward.ledger.preset.Preset;
import net.portforward.text.Words;
import net.portforward.ui.TaskRunner;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.main.MainViewModel;
import net.portforward.ui.main.MainWindow;
import net.portforward.ui.main.MappingRow;

/**
 * What the ledger adds to the main window: the "Kept" column, a "Keep after PortForward closes"
 * switch in the table's menu, the "Keep & share" menu (presets, port ranges, export, import,
 * put back, clean up), the offer to clean up after a crash and the check of kept mappings when a
 * router is opened, and lease renewal while the window runs. Every router call runs through the
 * TaskRunner; dialogs are shown without blocking.
 */
public final class LedgerUi implements AutoCloseable {
    /** Where files are chosen: the system's file dialogs, or a test's answers. */
    public interface Files2 {
        Optional<Path> open(Stage owner);

        Optional<Path> save(Stage owner, String suggestedName);

        Files2 SYSTEM = new Files2() {
            @Override
            public Optional<Path> open(Stage owner) {
                FileChooser c = chooser();
                return Optional.ofNullable(c.showOpenDialog(owner)).map(java.io.File::toPath);
            }

            @Override
            public Optional<Path> save(Stage owner, String suggestedName) {
                FileChooser c = chooser();
                c.setInitialFileName(suggestedName);
                return Optional.ofNullable(c.showSaveDialog(owner)).map(java.io.File::toPath);
            }

            private FileChooser chooser() {
                FileChooser c = new FileChooser();
                c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON", "*.json"),
                        new FileChooser.ExtensionFilter("CSV", "*.csv"));
                return c;
            }
        };
    }

    private final Stage stage;
    private final MainWindow window;
    private final MainViewModel vm;
    private final TaskRunner runner;
    private final Ledger ledger;
    private final Supplier<PortForwardEngine> engine;
    private final Files2 files;
    private final Consumer<ErrorReport> errors;
    private final LedgerTasks tasks;
    private final LedgerMenu menu;
    private final Set<String> checked = new HashSet<>();
    private final LeaseRenewer renewer;
    private final LedgerMarks marks;
    private volatile Gateway gateway;
    private Notices notices;

    /** Where news that needs no answer goes: the window's change popups. */
    public interface Notices {
        void tell(String title, String summary, List<String> lines, boolean warning);
    }

    public LedgerUi(Stage stage, MainWindow window, MainViewModel vm, TaskRunner runner, Ledger ledger,
            Supplier<PortForwardEngine> engine, Files2 files, Consumer<ErrorReport> errors,
            LeaseRenewer.Scheduler scheduler) {
        this.stage = stage;
        this.window = window;
        this.vm = vm;
        this.runner = runner;
        this.ledger = ledger;
        this.engine = engine;
        this.files = files;
        this.errors = errors;
        this.tasks = new LedgerTasks(stage, vm, runner, errors);
        this.marks = new LedgerMarks(ledger, runner, () -> gateway);
        this.menu = new LedgerMenu(stage, vm, ledger, engine, files, () -> gateway, tasks, this::offerCleanup);
        this.renewer = new LeaseRenewer(ledger, () -> Optional.ofNullable(gateway).map(g -> engine.get().open(g)),
                scheduler, results -> {
                    List<MappingResult> bad = results.stream().filter(r -> r.kind() != MappingResult.Kind.RENEWED).toList();
                    if (!bad.isEmpty()) {
                        Platform.runLater(() -> Dialogs.results(stage, LedgerText.get("restored.title"), bad).show());
                    }
                });
    }

    /**
     * The kept port forwards put back at start are told through {@code n} (a popup that does not
     * block the window) rather than a dialog that must be clicked away first.
     */
    public void setNotices(Notices n) {
        this.notices = n;
    }

    /** Adds the column, the menus and the launch check to the window. Call on the FX thread. */
    public void install() {
        window.table().getColumns().add(LedgerColumn.create(marks));
        // This app's own changes to the ledger say so at once; another run's (the command line's)
        // and runs that ended show after the window's next operation, which re-reads the table.
        ledger.addListener(() -> Platform.runLater(marks::reload));
        vm.busyProperty().addListener((o, was, busy) -> {
            if (!busy) {
                marks.reload();
            }
        });
        window.addTool(menu.menu());
        CheckMenuItem keep = new CheckMenuItem(LedgerText.get("menu.keep"));
        keep.setId("keepToggle");
        var context = window.table().getContextMenu();
        context.getItems().add(new SeparatorMenuItem());
        context.getItems().add(keep);
        context.addEventHandler(WindowEvent.WINDOW_SHOWING, e -> {
            List<MappingRow> rows = window.table().selectedRows();
            if (rows.size() == 1 && rows.get(0).pinhole().isPresent()) {
                keep.setDisable(false);
                keep.setSelected(rows.get(0).pinhole().get().kept());
                return;
            }
            Optional<LedgerEntry> entry = rows.size() == 1
                    ? marks.of(rows.get(0).mapping()).map(LedgerMarks.Mark::entry) : Optional.empty();
            keep.setDisable(entry.isEmpty());
            keep.setSelected(entry.map(LedgerEntry::kept).orElse(false));
        });
        keep.setOnAction(e -> {
            List<MappingRow> rows = window.table().selectedRows();
            Gateway g = gateway;
            if (rows.size() == 1 && rows.get(0).pinhole().isPresent()) {
                vm.mappings().setPinholeRetention(rows.get(0).pinhole().get().key(),
                        keep.isSelected() ? Retention.KEEP : Retention.FOR_NOW);
            } else if (rows.size() == 1 && g != null) {
                Retention r = keep.isSelected() ? Retention.KEEP : Retention.FOR_NOW;
                tasks.run(null, p -> {
                    ledger.setRetention(Router.recordId(g), rows.get(0).mapping().key(), r);
                    return null;
                }, x -> marks.reload());
            }
        });
        ChangeListener<Object> opened = (o, a, b) -> {
            Gateway g = vm.gateway();
            gateway = g;
            marks.reload();
            if (g != null && vm.statusProperty().get() != null && checked.add(Router.recordId(g))) {
                launchCheck(g);
            }
        };
        vm.statusProperty().addListener(opened);
        renewer.start();
    }

    @Override
    public void close() {
        renewer.close();
    }

    /**
     * A clean end: this run's temporary mappings are removed (at most {@code limit}), then its
     * session ends. Blocking: called from the app's shutdown, off the router's threads.
     */
    public void removeTemporaryAndEnd(Duration limit) {
        renewer.close();
        Gateway g = gateway;
        // On a thread of its own: router calls, and the session's end in the data folder (a file).
        TaskRunner.runAndWait("portforward-remove-temporary", () -> {
            if (g != null) {
                try {
                    new Leftovers(ledger).removeMine(engine.get().open(g), Progress.NONE);
                } catch (PortForwardException e) {
                    // left in the ledger: the next launch offers them
                }
            }
            ledger.close();
        }, limit);
    }

    // ---- after a router restart ----

    /** Whether this app keeps {@code m} on the router shown now (and so puts it back by itself). */
    public boolean keeps(PortMapping m) {
        return marks.keeps(m);
    }

    /**
     * The router restarted and lost mappings: the kept ones go back now, through the task runner.
     * What went wrong (a port another device took meanwhile) is shown, through the tray while the
     * window is hidden; success shows in the table.
     */
    public void restoreKeptNow() {
        Gateway g = gateway;
        if (g == null) {
            return;
        }
        tasks.run(null, p -> new KeptMappings(ledger).restoreMissing(engine.get().open(g), p), results -> {
            List<MappingResult> bad = results.stream()
                    .filter(r -> r.kind() == MappingResult.Kind.TAKEN || r.kind() == MappingResult.Kind.FAILED).toList();
            if (!bad.isEmpty() && notices != null && !stage.isShowing()) {
                // The window is in the tray: a dialog there would wait unseen; the tray tells it.
                net.portforward.text.Words words = net.portforward.ui.common.UiText.words();
                notices.tell(LedgerText.get("restored.title"), words.say(MappingResult.summary(bad)),
                        bad.stream().map(r -> words.say(r.fact())).toList(), true);
            } else if (!bad.isEmpty()) {
                Dialogs.results(stage, LedgerText.get("restored.title"), bad).show();
            }
            tasks.refreshSoon();
        });
    }

    // ---- the launch check ----

    private record LaunchFindings(List<LedgerEntry> leftovers, List<MappingResult> kept) {
    }

    private void launchCheck(Gateway g) {
        tasks.run(null, p -> {
            Router r = engine.get().open(g);
            List<LedgerEntry> left = new Leftovers(ledger).onRouter(r);
            List<MappingResult> kept = new KeptMappings(ledger).restoreMissing(r, p);
            return new LaunchFindings(left, kept);
        }, found -> {
            List<MappingResult> notable = found.kept().stream().filter(x -> x.kind() != MappingResult.Kind.PRESENT).toList();
            if (!notable.isEmpty()) {
                if (notices == null) {
                    Dialogs.results(stage, LedgerText.get("restored.title"), notable).show();
                } else {
                    Words words = net.portforward.ui.common.UiText.words();
                    notices.tell(LedgerText.get("restored.title"), words.say(MappingResult.summary(notable)),
                            notable.stream().map(r -> words.say(r.fact())).toList(),
                            notable.stream().anyMatch(r -> r.failed() || r.kind() == MappingResult.Kind.TAKEN));
                }
                tasks.refreshSoon();
            }
            if (!found.leftovers().isEmpty()) {
                offerCleanup(g, found.leftovers());
            }
        });
    }

    private void offerCleanup(Gateway g, List<LedgerEntry> left) {
        Dialog<Dialogs.CleanupChoice> d = Dialogs.cleanup(stage, left);
        d.setOnHidden(e -> {
            Dialogs.CleanupChoice choice = d.getResult();
            if (choice == Dialogs.CleanupChoice.REMOVE) {
                tasks.run(LedgerText.get("task.cleanup"), p -> new Leftovers(ledger).remove(engine.get().open(g), left, p),
                        tasks::showResults);
            } else if (choice == Dialogs.CleanupChoice.KEEP) {
                tasks.run(null, p -> {
                    new Leftovers(ledger).keep(left);
                    return null;
                }, x -> marks.reload());
            }
        });
        d.show();
    }

    /** Applies (or removes) a preset's mappings to {@code client} (the menu: this computer). */
    public void applyPreset(Preset preset, java.net.InetAddress client, boolean apply) {
        menu.applyPreset(preset, client, apply);
    }
}
