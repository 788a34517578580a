package net.portforward.ui.main;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import net.portforward.engine.Router;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.common.UiText;

/**
 * The main window's commands that change the router's table: add (on a port of the user's or any
 * free one the router picks), put back, edit, delete, switch on and off. Each waits for a running
 * operation: a re-read the change watch or the ledger started while the user filled in a dialog
 * must not swallow what the user asked for. After each the table is read again.
 */
public final class MappingCommands {
    private final MainViewModel vm;

    MappingCommands(MainViewModel vm) {
        this.vm = vm;
    }

    public void add(List<PortMapping> mappings, Consumer<PortConflictException> onConflict) {
        add(mappings, Retention.KEEP, onConflict);
    }

    /** Adds mappings, recorded in PortForward's ledger as kept or only for now. */
    public void add(List<PortMapping> mappings, Retention retention, Consumer<PortConflictException> onConflict) {
        add(mappings, retention, false, onConflict);
    }

    /**
     * As above; with {@code anyPort} the router picks each external port (the mappings' are
     * suggestions), and the note after the change says which.
     */
    public void add(List<PortMapping> mappings, Retention retention, boolean anyPort,
            Consumer<PortConflictException> onConflict) {
        Router r = vm.router();
        vm.tasks().run(UiText.get("task.adding"), p -> {
            List<String> notes = new ArrayList<>();
            for (PortMapping m : mappings) {
                notes.addAll((anyPort ? r.addAnyPort(m, retention, p) : r.add(m, retention, p)).notes());
            }
            return notes;
        }, vm::afterChange, e -> conflictOr(e, onConflict, UiText.get("error.add")));
    }

    /**
     * Puts back mappings a router lost when it restarted (from the change popup), after the
     * re-read the restart started.
     */
    public void putBack(List<PortMapping> lost) {
        if (vm.router() != null) {
            add(lost, conflict -> vm.reportError(ErrorReport.of(UiText.get("error.putBack"), conflict)));
        }
    }

    public void edit(MappingRow row, PortMapping updated, Consumer<PortConflictException> onConflict) {
        Router r = vm.router();
        MappingKey key = row.mapping().key();
        vm.tasks().run(UiText.format("task.changing", key), p -> r.edit(row.listed(), updated, p).notes(),
                vm::afterChange, e -> conflictOr(e, onConflict, UiText.get("error.edit")));
    }

    public void delete(List<MappingRow> doomed) {
        Router r = vm.router();
        List<MappingKey> keys = doomed.stream().map(row -> row.mapping().key()).toList();
        vm.tasks().run(UiText.get("task.deleting"), p -> {
            int done = 0;
            for (MappingKey key : keys) {
                p.report((double) done / keys.size(), UiText.format("task.deletingOne", key));
                r.delete(key, p);
                done++;
            }
            return List.<String>of();
        }, vm::afterChange, e -> {
            vm.failed(UiText.get("error.delete"), e);
            vm.refresh();
        });
    }

    /**
     * The table's check box: enable or disable through the engine; the box follows the result.
     * A click while another operation runs is undone at once (the box shows the router's state).
     */
    public void setEnabled(MappingRow row, boolean enabled) {
        Router r = vm.router();
        if (r == null || vm.tasks().isBusy()) {
            row.showEnabled(!enabled);
            return;
        }
        MappingKey key = row.mapping().key();
        vm.tasks().run(UiText.format(enabled ? "task.enabling" : "task.disabling", key),
                p -> r.setEnabled(row.listed(), enabled, p),
                (MappingEditor.Outcome outcome) -> vm.afterChange(outcome.notes()), e -> {
                    row.showEnabled(!enabled);
                    vm.failed(UiText.get(enabled ? "error.enable" : "error.disable"), e);
                });
    }

    /** Whether the shown router can pick a free external port itself (no router call). */
    public boolean offersAnyPort() {
        return vm.router() != null && vm.router().offersAnyPort();
    }

    /** PortForward's search for a free external port near {@code key}, for routers that cannot pick one. */
    public void findFreePort(MappingKey key, Consumer<OptionalInt> result) {
        Router r = vm.router();
        if (r != null) {
            vm.tasks().run(UiText.get("task.freePort"), p -> r.freePortFor(key, p), result,
                    e -> vm.failed(UiText.get("error.freePort"), e));
        }
    }

    private void conflictOr(Throwable e, Consumer<PortConflictException> onConflict, String title) {
        if (e instanceof PortConflictException conflict) {
            onConflict.accept(conflict);
        } else {
            vm.failed(title, e);
        }
        vm.refresh();
    }
}
