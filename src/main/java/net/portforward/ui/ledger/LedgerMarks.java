package net.portforward.ui.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import net.portforward.engine.Router;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.PortMapping;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.LedgerEntry;
import net.portforward.ui.TaskRunner;

/**
 * What the ledger says of the shown router's mappings, as the table shows it. The ledger is a
 * file (and the liveness of other runs is more files), so it is read through the task runner and
 * never on the FX thread: the table redraws every second, and a data folder on a slow or network
 * drive must not make the window stutter. Read again whenever the table is, which every change
 * of the ledger (this window's own, or a command line's) is followed by.
 */
final class LedgerMarks {
    /** One ledger entry and whether the run that made it still runs (for mappings for now). */
    record Mark(LedgerEntry entry, boolean sessionAlive) {
        String text() {
            return entry.state() == LedgerEntry.State.PENDING ? LedgerText.get("column.pending")
                    : entry.kept() ? LedgerText.get("column.kept")
                    : sessionAlive ? LedgerText.get("column.forNow") : LedgerText.get("column.leftOver");
        }

        String tip() {
            return entry.kept() ? LedgerText.get("tip.kept")
                    : sessionAlive ? LedgerText.get("tip.forNow") : LedgerText.get("tip.leftOver");
        }
    }

    private final Ledger ledger;
    private final TaskRunner runner;
    private final Supplier<Gateway> gateway;
    private final ReadOnlyObjectWrapper<List<Mark>> marks = new ReadOnlyObjectWrapper<>(List.of());
    private boolean reading; // FX thread only
    private boolean again;

    LedgerMarks(Ledger ledger, TaskRunner runner, Supplier<Gateway> gateway) {
        this.ledger = ledger;
        this.runner = runner;
        this.gateway = gateway;
    }

    /** The marks of the router shown when they were last read; changes on the FX thread. */
    ReadOnlyObjectProperty<List<Mark>> property() {
        return marks.getReadOnlyProperty();
    }

    /**
     * Reads the ledger again for the router shown now. On the FX thread; calls while a read runs
     * make one more read after it, so a burst of table updates costs two reads at most.
     */
    void reload() {
        if (reading) {
            again = true;
            return;
        }
        Gateway g = gateway.get();
        if (g == null) {
            marks.set(List.of());
            return;
        }
        reading = true;
        runner.run(p -> read(Router.recordId(g)), this::readDone, error -> readDone(null));
    }

    private void readDone(List<Mark> fresh) {
        reading = false;
        if (fresh != null) {
            marks.set(fresh); // a failed read keeps the last marks; the next table read tries again
        }
        if (again) {
            again = false;
            reload();
        }
    }

    private List<Mark> read(String routerId) throws net.portforward.engine.error.PortForwardException {
        Map<String, Boolean> alive = new HashMap<>();
        return ledger.forRouter(routerId).stream()
                .map(e -> new Mark(e, alive.computeIfAbsent(e.session(), ledger::sessionAlive)))
                .toList();
    }

    /** The mark of a mapping in the table: same router, protocol, port and computer. */
    Optional<Mark> of(PortMapping m) {
        return shown().filter(x -> x.entry().key().equals(m.key()) && m.internalClient() != null
                && m.internalClient().equals(x.entry().mapping().internalClient())).findFirst();
    }

    /** Whether this app keeps {@code m} (enabled) on the router shown. */
    boolean keeps(PortMapping m) {
        return shown().anyMatch(x -> x.entry().kept() && x.entry().key().equals(m.key())
                && x.entry().mapping().enabled());
    }

    /** The marks, unless they are still those of a router shown before. */
    private java.util.stream.Stream<Mark> shown() {
        Gateway g = gateway.get();
        if (g == null) {
            return java.util.stream.Stream.empty();
        }
        String id = Router.recordId(g);
        return marks.get().stream().filter(x -> x.entry().routerId().equals(id));
    }
}
