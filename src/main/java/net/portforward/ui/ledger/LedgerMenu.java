package net.portforward.ui.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.Stage;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.Retention;
import net.portforward.files.AtomicFile;
import net.portforward.ledger.KeptMappings;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.LedgerEntry;
import net.portforward.ledger.Leftovers;
import net.portforward.ledger.MappingBatch;
import net.portforward.ledger.preset.Preset;
import net.portforward.ledger.preset.Presets;
import net.portforward.ledger.transfer.ImportPlan;
import net.portforward.ledger.transfer.TableExport;
import net.portforward.ledger.transfer.TableFile;
import net.portforward.ui.main.MainViewModel;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;

/** The "Keep & share" menu: presets, port ranges, export, import with its preview, put back, clean up. */
final class LedgerMenu {
    private final Stage stage;
    private final MainViewModel vm;
    private final Ledger ledger;
    private final Supplier<PortForwardEngine> engine;
    private final LedgerUi.Files2 files;
    private final Presets presets;
    private final Supplier<Gateway> gateway;
    private final LedgerTasks tasks;
    private final BiConsumer<Gateway, List<LedgerEntry>> offerCleanup;
    private List<Preset> shownPresets = List.of(); // FX thread only

    LedgerMenu(Stage stage, MainViewModel vm, Ledger ledger, Supplier<PortForwardEngine> engine, LedgerUi.Files2 files,
               Supplier<Gateway> gateway, LedgerTasks tasks, BiConsumer<Gateway, List<LedgerEntry>> offerCleanup) {
        this.stage = stage;
        this.vm = vm;
        this.ledger = ledger;
        this.engine = engine;
        this.files = files;
        this.presets = new Presets(engine.get().options().dataDir());
        this.gateway = gateway;
        this.tasks = tasks;
        this.offerCleanup = offerCleanup;
    }

    private Gateway gateway() {
        return gateway.get();
    }

    // ---- the menu ----

    MenuButton menu() {
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
        // The user's own presets are a file (the command line's `preset save` writes it): read
        // through the task runner each time the menu opens, the built-in ones shown meanwhile.
        shownPresets = Presets.BUILT_IN;
        presetMenu.getItems().setAll(presetItems(Presets.BUILT_IN));
        b.setOnShowing(e -> loadPresets(presetMenu));
        loadPresets(presetMenu);
        b.disableProperty().bind(vm.statusProperty().isNull());
        return b;
    }

    private void loadPresets(Menu presetMenu) {
        tasks.quietly(p -> presets.all(), all -> {
            // Items replaced under an open menu close its open submenu: only when they changed.
            if (!all.equals(shownPresets)) {
                shownPresets = all;
                presetMenu.getItems().setAll(presetItems(all));
            }
        }, error -> {
            shownPresets = List.of();
            MenuItem broken = new MenuItem(error.getMessage());
            broken.setDisable(true);
            presetMenu.getItems().setAll(presetItems(Presets.BUILT_IN));
            presetMenu.getItems().add(broken);
        });
    }

    private List<MenuItem> presetItems(List<Preset> all) {
        return all.stream().map(p -> {
            Menu m = new Menu(p.name() + "  (" + p.portsText() + ")");
            m.setId("preset-" + p.name().replaceAll("\\W", ""));
            MenuItem apply = item(LedgerText.get("menu.apply"), "apply-" + p.name().replaceAll("\\W", ""),
                    () -> applyPreset(p, gateway() == null ? null : gateway().localAddress(), true));
            MenuItem remove = item(LedgerText.get("menu.remove"), "remove-" + p.name().replaceAll("\\W", ""),
                    () -> applyPreset(p, gateway() == null ? null : gateway().localAddress(), false));
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
        Gateway g = gateway();
        if (g == null || client == null) {
            return;
        }
        var mappings = preset.mappings(client, Duration.ZERO);
        tasks.run(LedgerText.format(apply ? "task.preset" : "task.presetRemove", preset.name()), p -> apply
                ? MappingBatch.add(engine.get().open(g), mappings, Retention.KEEP, p)
                : MappingBatch.remove(engine.get().open(g), mappings, client, p), tasks::showResults);
    }

    private void addRange() {
        Gateway g = gateway();
        if (g == null) {
            return;
        }
        Dialog<RangeDialog.Request> d = RangeDialog.create(stage, g.localAddress());
        d.setOnHidden(e -> {
            RangeDialog.Request req = d.getResult();
            if (req != null) {
                var mappings = new Preset(req.description(), "", List.of(req.spec()), false)
                        .mappings(req.client(), Duration.ZERO);
                tasks.run(LedgerText.get("task.range"), p -> MappingBatch.add(engine.get().open(g), mappings, req.retention(), p),
                        tasks::showResults);
            }
        });
        d.show();
    }

    private void export() {
        Gateway g = gateway();
        Optional<Path> file = g == null ? Optional.empty() : files.save(stage, "portforward-table.json");
        file.ifPresent(path -> tasks.run(LedgerText.get("task.export"), p -> {
            var table = TableExport.table(engine.get().open(g), p);
            String text = TableFile.write(table, TableFile.Format.forFileName(path.toString()));
            try {
                AtomicFile.writeDocument(path, text);
            } catch (IOException e) {
                throw new PortForwardException(LedgerText.format("error.write", path, e.getMessage()), e);
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
        Gateway g = gateway();
        Optional<Path> file = g == null ? Optional.empty() : files.open(stage);
        file.ifPresent(path -> tasks.run(LedgerText.get("task.preview"), p -> {
            // The command line's limits too: a file chosen by mistake (a film, a disk image) is refused, not read.
            String text = TableFile.readFile(path);
            return ImportPlan.preview(TableFile.read(text), TableExport.listed(engine.get().open(g), p));
        }, plan -> showPreview(g, plan)));
    }

    /** The preview; Import adds the new lines and shows every line's result. */
    void showPreview(Gateway g, ImportPlan plan) {
        Dialog<Boolean> d = ImportDialog.create(stage, plan);
        d.setOnHidden(e -> {
            if (Boolean.TRUE.equals(d.getResult())) {
                tasks.run(LedgerText.get("task.import"), p -> plan.apply(engine.get().open(g), Retention.KEEP, p),
                        tasks::showResults);
            }
        });
        d.show();
    }

    private void restore() {
        Gateway g = gateway();
        if (g != null) {
            tasks.run(LedgerText.get("task.restore"), p -> new KeptMappings(ledger).restoreMissing(engine.get().open(g), p),
                    tasks::showResults);
        }
    }

    private void cleanup() {
        Gateway g = gateway();
        if (g != null) {
            tasks.run(null, p -> new Leftovers(ledger).onRouter(engine.get().open(g)), left -> {
                if (left.isEmpty()) {
                    tasks.showResults(List.of());
                } else {
                    offerCleanup.accept(g, left);
                }
            });
        }
    }

}
