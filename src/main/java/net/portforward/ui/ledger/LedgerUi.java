package net.portforward.ui.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import javafx.concurrent.Task;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import net.portforward.files.AtomicFile;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.error.InvalidInputException;
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
import net.portforward.ledger.MappingBatch;
import net.portforward.ledger.MappingResult;
import net.portforward.ledger.preset.Preset;
import net.portforward.ledger.preset.Presets;
import net.portforward.ledger.transfer.ImportPlan;
import net.portforward.ledger.transfer.TableExport;
import net.portforward.ledger.transfer.TableFile;
import net.portforward.ui.TaskRunner;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.main.MainViewModel;
import net.portforward.ui.main.MainWindow;
import net.portforward.ui.main.MappingRow;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;

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
    private final Presets presets;
    private final Set<String> checked = new HashSet<>();
    private final LeaseRenewer renewer;
    private volatile Gateway gateway;

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
        this.presets = new Presets(engine.get().options().dataDir());
        this.renewer = new LeaseRenewer(ledger, () -> Optional.ofNullable(gateway).map(g -> engine.get().open(g)),
                scheduler, results -> {
                    List<MappingResult> bad = results.stream().filter(r -> r.kind() != MappingResult.Kind.RENEWED).toList();
                    if (!bad.isEmpty()) {
                        Platform.runLater(() -> Dialogs.results(stage, LedgerText.get("restored.title"), bad).show());
                    }
                });
    }

    /** Adds the column, the menus and the launch check to the window. Call on the FX thread. */
    public void install() {
        window.table().getColumns().add(LedgerColumn.create(ledger, () -> gateway, vm.clockProperty()));
        window.addTool(menu());
        CheckMenuItem keep = new CheckMenuItem(LedgerText.get("menu.keep"));
        keep.setId("keepToggle");
        var context = window.table().getContextMenu();
        context.getItems().add(new SeparatorMenuItem());
        context.getItems().add(keep);
        context.addEventHandler(WindowEvent.WINDOW_SHOWING, e -> {
            List<MappingRow> rows = window.table().selectedRows();
            Optional<LedgerEntry> entry = rows.size() == 1 ? LedgerColumn.entry(ledger, () -> gateway, rows.get(0))
                    : Optional.empty();
            keep.setDisable(entry.isEmpty());
            keep.setSelected(entry.map(LedgerEntry::kept).orElse(false));
        });
        keep.setOnAction(e -> {
            List<MappingRow> rows = window.table().selectedRows();
            Gateway g = gateway;
            if (rows.size() == 1 && g != null) {
                Retention r = keep.isSelected() ? Retention.KEEP : Retention.FOR_NOW;
                run(null, p -> {
                    ledger.setRetention(Router.recordId(g), rows.get(0).mapping().key(), r);
                    return null;
                }, x -> window.table().refresh());
            }
        });
        ChangeListener<Object> opened = (o, a, b) -> {
            Gateway g = vm.gateway();
            gateway = g;
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
        if (g != null) {
            Thread t = new Thread(() -> {
                try {
                    new Leftovers(ledger).removeMine(engine.get().open(g), Progress.NONE);
                } catch (PortForwardException e) {
                    // left in the ledger: the next launch offers them
                }
            }, "portforward-remove-temporary");
            t.setDaemon(true);
            t.start();
            try {
                t.join(limit.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ledger.close();
    }

    // ---- after a router restart ----

    /** Whether this app keeps {@code m} on the router shown now (and so puts it back by itself). */
    public boolean keeps(PortMapping m) {
        Gateway g = gateway;
        if (g == null) {
            return false;
        }
        String id = Router.recordId(g);
        return ledger.cached().stream().anyMatch(e -> e.routerId().equals(id) && e.kept() && e.key().equals(m.key())
                && e.mapping().enabled());
    }

    /**
     * The router restarted and lost mappings: the kept ones go back now, through the task runner.
     * What went wrong (a port another device took meanwhile) is shown; success shows in the table.
     */
    public void restoreKeptNow() {
        Gateway g = gateway;
        if (g == null) {
            return;
        }
        run(null, p -> new KeptMappings(ledger).restoreMissing(engine.get().open(g), p), results -> {
            List<MappingResult> bad = results.stream()
                    .filter(r -> r.kind() == MappingResult.Kind.TAKEN || r.kind() == MappingResult.Kind.FAILED).toList();
            if (!bad.isEmpty()) {
                Dialogs.results(stage, LedgerText.get("restored.title"), bad).show();
            }
            refreshSoon();
        });
    }

    // ---- the launch check ----

    private record LaunchFindings(List<LedgerEntry> leftovers, List<MappingResult> kept) {
    }

    private void launchCheck(Gateway g) {
        run(null, p -> {
            Router r = engine.get().open(g);
            List<LedgerEntry> left = new Leftovers(ledger).onRouter(r);
            List<MappingResult> kept = new KeptMappings(ledger).restoreMissing(r, p);
            return new LaunchFindings(left, kept);
        }, found -> {
            List<MappingResult> notable = found.kept().stream().filter(x -> x.kind() != MappingResult.Kind.PRESENT).toList();
            if (!notable.isEmpty()) {
                Dialogs.results(stage, LedgerText.get("restored.title"), notable).show();
                refreshSoon();
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
                run(LedgerText.get("task.cleanup"), p -> new Leftovers(ledger).remove(engine.get().open(g), left, p),
                        this::showResults);
            } else if (choice == Dialogs.CleanupChoice.KEEP) {
                run(null, p -> {
                    new Leftovers(ledger).keep(left);
                    return null;
                }, x -> window.table().refresh());
            }
        });
        d.show();
    }

    // ---- the menu ----

    private MenuButton menu() {
        MenuButton b = new MenuButton(LedgerText.get("menu.button"), new FontIcon(MaterialDesignB.BOOKMARK_MULTIPLE_OUTLINE));
        b.setId("ledgerMenu");
        Menu presetMenu = new Menu(LedgerText.get("menu.presets"));
        presetMenu.setId("presetsMenu");
        MenuItem range = item(LedgerText.get("menu.range"), "rangeItem", this::addRange);
        MenuItem export = item(LedgerText.get("menu.export"), "exportItem", this::export);
        MenuItem importItem = item(LedgerText.get("menu.import"), "importItem", this::importFile);
        MenuItem restore = item(LedgerText.get("menu.restore"), "restoreItem", this::restore);
        MenuItem cleanup = item(LedgerText.get("menu.cleanup"), "cleanupItem", this::cleanup);
        b.getItems().addAll(presetMenu, range, new SeparatorMenuItem(), export, importItem, new SeparatorMenuItem(),
                restore, cleanup);
        b.setOnShowing(e -> presetMenu.getItems().setAll(presetItems()));
        presetMenu.getItems().setAll(presetItems());
        b.disableProperty().bind(vm.statusProperty().isNull());
        return b;
    }

    private List<MenuItem> presetItems() {
        List<Preset> all;
        try {
            all = presets.all();
        } catch (PortForwardException e) {
            MenuItem broken = new MenuItem(e.getMessage());
            broken.setDisable(true);
            all = List.of();
            return List.of(broken);
        }
        return all.stream().map(p -> {
            Menu m = new Menu(p.name() + "  (" + p.portsText() + ")");
            m.setId("preset-" + p.name().replaceAll("\\W", ""));
            MenuItem apply = item(LedgerText.get("menu.apply"), "apply-" + p.name().replaceAll("\\W", ""),
                    () -> applyPreset(p, gateway == null ? null : gateway.localAddress(), true));
            MenuItem remove = item(LedgerText.get("menu.remove"), "remove-" + p.name().replaceAll("\\W", ""),
                    () -> applyPreset(p, gateway == null ? null : gateway.localAddress(), false));
            m.getItems().addAll(apply, remove);
            return (MenuItem) m;
        }).toList();
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.setOnAction(e -> action.run());
        return i;
    }

    // ---- actions ----

    /** Applies (or removes) a preset's mappings to {@code client} (the menu: this computer). */
    public void applyPreset(Preset preset, java.net.InetAddress client, boolean apply) {
        Gateway g = gateway;
        if (g == null || client == null) {
            return;
        }
        var mappings = preset.mappings(client, Duration.ZERO);
        run(LedgerText.format(apply ? "task.preset" : "task.presetRemove", preset.name()), p -> apply
                ? MappingBatch.add(engine.get().open(g), mappings, Retention.KEEP, p)
                : MappingBatch.remove(engine.get().open(g), mappings, client, p), this::showResults);
    }

    private void addRange() {
        Gateway g = gateway;
        if (g == null) {
            return;
        }
        Dialog<RangeDialog.Request> d = RangeDialog.create(stage, g.localAddress());
        d.setOnHidden(e -> {
            RangeDialog.Request req = d.getResult();
            if (req != null) {
                var mappings = new Preset(req.description(), "", List.of(req.spec()), false)
                        .mappings(req.client(), Duration.ZERO);
                run(LedgerText.get("task.range"), p -> MappingBatch.add(engine.get().open(g), mappings, req.retention(), p),
                        this::showResults);
            }
        });
        d.show();
    }

    private void export() {
        Gateway g = gateway;
        Optional<Path> file = g == null ? Optional.empty() : files.save(stage, "portforward-table.json");
        file.ifPresent(path -> run(LedgerText.get("task.export"), p -> {
            var table = TableExport.table(engine.get().open(g), p);
            String text = TableFile.write(table, TableFile.Format.forFileName(path.toString()));
            try {
                AtomicFile.write(path, text);
            } catch (IOException e) {
                throw new PortForwardException("PortForward could not write " + path + " (" + e.getMessage() + ").", e);
            }
            return table.size();
        }, n -> {
            var a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION,
                    LedgerText.format("exported", n, path), ButtonType.OK);
            a.initOwner(stage);
            a.getDialogPane().setId("exportedPane");
            a.show();
        }));
    }

    private void importFile() {
        Gateway g = gateway;
        Optional<Path> file = g == null ? Optional.empty() : files.open(stage);
        file.ifPresent(path -> run(LedgerText.get("task.preview"), p -> {
            String text;
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidInputException("PortForward could not read " + path + " (" + e.getMessage() + ").");
            }
            return ImportPlan.preview(TableFile.read(text), TableExport.listed(engine.get().open(g), p));
        }, plan -> showPreview(g, plan)));
    }

    /** The preview; Import adds the new lines and shows every line's result. */
    void showPreview(Gateway g, ImportPlan plan) {
        Dialog<Boolean> d = ImportDialog.create(stage, plan);
        d.setOnHidden(e -> {
            if (Boolean.TRUE.equals(d.getResult())) {
                run(LedgerText.get("task.import"), p -> plan.apply(engine.get().open(g), Retention.KEEP, p),
                        this::showResults);
            }
        });
        d.show();
    }

    private void restore() {
        Gateway g = gateway;
        if (g != null) {
            run(LedgerText.get("task.restore"), p -> new KeptMappings(ledger).restoreMissing(engine.get().open(g), p),
                    this::showResults);
        }
    }

    private void cleanup() {
        Gateway g = gateway;
        if (g != null) {
            run(null, p -> new Leftovers(ledger).onRouter(engine.get().open(g)), left -> {
                if (left.isEmpty()) {
                    showResults(List.of());
                } else {
                    offerCleanup(g, left);
                }
            });
        }
    }

    private void showResults(List<MappingResult> results) {
        Dialogs.results(stage, LedgerText.get("results.title"), results).show();
        refreshSoon();
    }

    /** The table is read again once the main window is not busy. */
    private void refreshSoon() {
        if (!vm.busyProperty().get()) {
            vm.refresh();
            return;
        }
        ChangeListener<Boolean> once = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean busy) {
                if (!busy) {
                    vm.busyProperty().removeListener(this);
                    vm.refresh();
                }
            }
        };
        vm.busyProperty().addListener(once);
    }

    /**
     * Runs an engine call; with a title, in a small progress window with Cancel (batches take
     * seconds on a slow router).
     */
    private <T> void run(String title, TaskRunner.EngineCall<T> call, Consumer<T> done) {
        Dialog<Void>[] progress = new Dialog[1];
        Task<T> task = runner.run(call, value -> {
            close(progress[0]);
            done.accept(value);
        }, error -> {
            close(progress[0]);
            errors.accept(ErrorReport.of(title == null ? LedgerText.get("error.title") : title, error));
            refreshSoon();
        });
        // A cancelled batch stops between router calls; the table read again shows what it did.
        task.setOnCancelled(e -> {
            close(progress[0]);
            refreshSoon();
        });
        if (title != null && !task.isDone()) {
            Dialog<Void> d = new Dialog<>();
            d.initOwner(stage);
            d.setTitle(title);
            ProgressBar bar = new ProgressBar();
            bar.setId("batchProgress");
            bar.setPrefWidth(420);
            bar.progressProperty().bind(task.progressProperty());
            Label message = new Label();
            message.setId("batchMessage");
            message.textProperty().bind(task.messageProperty());
            d.getDialogPane().setContent(new VBox(8, message, bar));
            d.getDialogPane().getButtonTypes().add(ButtonType.CANCEL);
            d.setOnCloseRequest(e -> task.cancel());
            progress[0] = d;
            d.show();
        }
    }

    private static void close(Dialog<?> d) {
        if (d != null && d.isShowing()) {
            d.setOnCloseRequest(null);
            d.setResult(null);
            d.close();
        }
    }
}
