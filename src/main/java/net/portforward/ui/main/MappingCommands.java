package net.portforward.ui.main;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import net.portforward.engine.Router;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.pinhole.PinholeKey;
import net.portforward.engine.progress.Step;
import net.portforward.text.Words;
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
    private PinholeActions pinholes = PinholeActions.NONE;

    MappingCommands(MainViewModel vm) {
        this.vm = vm;
    }

    /** The router's IPv6 firewall, where pinholes open and close with the forwards. */
    public void setPinholes(PinholeActions actions) {
        pinholes = actions;
    }

    /** Keeps a pinhole after PortForward closes, or only for now (the table menu's "Keep"). */
    public void setPinholeRetention(PinholeKey key, Retention retention) {
        pinholes.setRetention(key, retention);
    }

    /** Whether pinholes can be opened in the shown router's IPv6 firewall (no router call). */
    public boolean pinholesPossible() {
        return vm.router() != null && pinholes.possible();
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
        add(mappings, retention, anyPort, true, false, refused -> {
            if (refused instanceof PortConflictException conflict) {
                onConflict.accept(conflict);
            } else {
                vm.failed(UiText.get("error.add"), refused);
            }
        });
    }

    /**
     * As above, as an IPv4 forward, a pinhole in the router's IPv6 firewall for this computer's
     * port, or both: "open port 8080 for this computer" over IPv4 and IPv6 at once. A pinhole that
     * fails after its forward was added leaves the forward, and the failure is shown. When the
     * router refuses (a taken or reserved port, its settings), {@code onRefused} hears why, so
     * the dialog can come back with what the user typed.
     */
    public void add(List<PortMapping> mappings, Retention retention, boolean anyPort, boolean forward,
            boolean pinhole, Consumer<RouterRefusedException> onRefused) {
        Router r = vm.router();
        PinholeActions holes = pinholes;
        vm.tasks().run(UiText.get("task.adding"), p -> {
            List<String> notes = new ArrayList<>();
            List<Integer> forwardPorts = new ArrayList<>();
            for (PortMapping m : mappings) {
                if (forward) {
                    MappingEditor.Outcome done = anyPort ? r.addAnyPort(m, retention, p) : r.add(m, retention, p);
                    notes.addAll(said(done.notes()));
                    forwardPorts.add(done.mapping().externalPort());
                } else {
                    forwardPorts.add(0);
                }
            }
            if (!pinhole) {
                return new Added(notes, null);
            }
            try {
                notes.addAll(holes.open(r.gateway(), mappings, forwardPorts, retention, p));
                return new Added(notes, null);
            } catch (PortForwardException e) {
                if (!forward || e instanceof CancelledException) {
                    throw e;
                }
                return new Added(notes, e);
            }
        }, added -> {
            if (added.pinholeFailure() != null) {
                vm.reportError(ErrorReport.of(UiText.get("error.pinholeAfterForward"), added.pinholeFailure()));
            }
            vm.afterChange(added.notes());
        }, e -> refusedOr(e, onRefused, UiText.get("error.add")));
    }

    /** What an add did: notes for the status line, and why the pinhole failed when its forward did not. */
    private record Added(List<String> notes, PortForwardException pinholeFailure) {
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

    /** Changes a forward; when the router refuses, {@code onRefused} hears why (see add). */
    public void edit(MappingRow row, PortMapping updated, Consumer<RouterRefusedException> onRefused) {
        Router r = vm.router();
        MappingKey key = row.mapping().key();
        vm.tasks().run(UiText.format("task.changing", key), p -> said(r.edit(row.listed(), updated, p).notes()),
                vm::afterChange, e -> refusedOr(e, onRefused, UiText.get("error.edit")));
    }

    /** Deletes forwards, closing the pinholes opened with them, and closes pinholes. */
    public void delete(List<MappingRow> doomed) {
        Router r = vm.router();
        PinholeActions holes = pinholes;
        List<MappingKey> keys = doomed.stream().filter(row -> row.pinhole().isEmpty())
                .map(row -> row.mapping().key()).toList();
        List<PinholeKey> holeKeys = Ipv6Hole.of(doomed).stream().map(Ipv6Hole::key).toList();
        vm.tasks().run(UiText.get("task.deleting"), p -> {
            int done = 0;
            for (MappingKey key : keys) {
                p.report((double) done / keys.size(), Step.DELETING.with(key));
                r.delete(key, p);
                done++;
            }
            return holeKeys.isEmpty() && keys.isEmpty() ? List.<String>of()
                    : holes.close(r.gateway(), holeKeys, keys, p);
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
                (MappingEditor.Outcome outcome) -> vm.afterChange(said(outcome.notes())), e -> {
                    row.showEnabled(!enabled);
                    vm.failed(UiText.get(enabled ? "error.enable" : "error.disable"), e);
                });
    }

    /** The engine's notes in the window's words. */
    private static List<String> said(List<Fact> notes) {
        Words words = net.portforward.ui.common.UiText.words();
        return notes.stream().map(words::say).toList();
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

    private void refusedOr(Throwable e, Consumer<RouterRefusedException> onRefused, String title) {
        if (e instanceof RouterRefusedException refused) {
            onRefused.accept(refused);
        } else {
            vm.failed(title, e);
        }
        vm.refresh();
    }
}
