package net.portforward.ui.pinhole;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import net.portforward.ui.common.UiText;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.pinhole.FirewallStatus;
import net.portforward.engine.pinhole.Pinhole;
import net.portforward.engine.pinhole.PinholeCheck;
import net.portforward.engine.pinhole.PinholeKey;
import net.portforward.engine.pinhole.PinholeRequest;
import net.portforward.engine.pinhole.PinholeSupport;
import net.portforward.engine.pinhole.Pinholes;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.LeaseRenewer;
import net.portforward.ledger.PinholeEntry;
import net.portforward.ledger.PinholeKeeper;
import net.portforward.ledger.PinholeLedger;
import net.portforward.ledger.PinholeRenewer;
import net.portforward.ledger.PinholeResult;
import net.portforward.ui.TaskRunner;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.main.Ipv6Hole;
import net.portforward.ui.main.MainViewModel;
import net.portforward.ui.main.MainWindow;
import net.portforward.ui.main.MappingRow;
import net.portforward.ui.main.PinholeActions;

/**
 * The window's pinholes in the shown router's IPv6 firewall: whether they are possible (asked of
 * the router through the task runner whenever another router is shown), the ones PortForward
 * opened as table rows (its own record, with the router's packet counts), and the commands'
 * IPv6 side ({@link PinholeActions}): opened with forwards, closed with them. Like forwards,
 * pinholes are renewed at half their lease while the window runs, kept ones opened again when it
 * starts and after a router restart, and temporary ones closed when it ends. Properties change on
 * the FX thread only; router calls and the record (a file) are read off it.
 */
public final class PinholeModel implements PinholeActions {
    /**
     * A temporary pinhole lasts an hour at most, renewed while the window runs, so one a crash
     * leaves behind closes by itself soon (as the command line's).
     */
    static final Duration TEMPORARY_LEASE = Duration.ofHours(1);

    private final TaskRunner runner;
    private final MainViewModel vm;
    private final PinholeLedger ledger;
    private final Supplier<PortForwardEngine> engine;
    private final Consumer<ErrorReport> errors;
    private final PinholeRenewer renewer;
    private final ReadOnlyObjectWrapper<PinholeState> state = new ReadOnlyObjectWrapper<>(PinholeState.NONE);
    private final ObservableList<MappingRow> rows = FXCollections.observableArrayList();
    /** Routers whose kept pinholes were renewed at this start. */
    private final Set<String> restored = new HashSet<>();
    /** The shown router, and its pinholes once the router said how to open them. */
    private volatile Gateway gateway;
    private volatile Pinholes current;
    private boolean reading; // FX thread only
    private boolean again;

    public PinholeModel(TaskRunner runner, MainViewModel vm, PinholeLedger ledger, Supplier<PortForwardEngine> engine,
            Consumer<ErrorReport> errors, LeaseRenewer.Scheduler scheduler) {
        this.runner = runner;
        this.vm = vm;
        this.ledger = ledger;
        this.engine = engine;
        this.errors = errors;
        this.renewer = new PinholeRenewer(ledger, () -> Optional.ofNullable(current), scheduler, results -> {
            List<PinholeResult> bad = results.stream().filter(PinholeResult::failed).toList();
            if (!bad.isEmpty()) {
                runner.onUiThread(() -> errors.accept(new ErrorReport(PinholeText.get("error.renew"),
                        net.portforward.ui.common.UiText.words().say(PinholeResult.summary(bad)), "")));
            }
        });
    }

    /**
     * Puts pinholes into {@code window}: the router panel's IPv6 line, the table's IPv6 rows, and
     * the IPv6 side of add and delete; then follows the shown router and starts renewing. On the
     * FX thread.
     */
    public static PinholeModel attach(MainWindow window, MainViewModel vm, TaskRunner runner, PinholeLedger ledger,
            Supplier<PortForwardEngine> engine, LeaseRenewer.Scheduler scheduler) {
        PinholeModel model = new PinholeModel(runner, vm, ledger, engine, window::showError, scheduler);
        vm.mappings().setPinholes(model);
        window.table().showAlso(model.rows());
        window.addRouterLine(new PinholeLine(model));
        model.install();
        return model;
    }

    /** Follows the shown router and starts renewing. Call on the FX thread. */
    public void install() {
        vm.routerProperty().addListener((o, was, shown) -> show(shown));
        vm.busyProperty().addListener((o, was, busy) -> {
            if (!busy) {
                reload(); // after every change and re-read of the table, as the ledger's marks
            }
        });
        ledger.addListener(() -> Platform.runLater(this::reload));
        show(vm.routerProperty().get());
        renewer.start();
    }

    private void show(Router router) {
        Gateway g = router == null ? null : router.gateway();
        gateway = g;
        current = null;
        rows.clear();
        if (g == null) {
            state.set(PinholeState.NONE);
            return;
        }
        state.set(PinholeState.ASKING);
        PortForwardEngine e = engine.get();
        runner.run(p -> ask(e, g, p), found -> {
            if (gateway != g) {
                return; // an answer for a router no longer shown
            }
            current = found.support().flatMap(PinholeSupport::service)
                    .map(s -> new Pinholes(s, Pinholes.recordId(g), ledger)).orElse(null);
            state.set(found);
            reload();
            if (current != null && restored.add(Pinholes.recordId(g))) {
                restoreKeptNow();
            }
        }, failure -> {
            if (gateway == g && !(failure instanceof CancelledException)) {
                errors.accept(ErrorReport.of(PinholeText.get("error.read"), failure));
            }
        });
    }

    /** Whether pinholes are possible there, and the router's word on its firewall. Blocking. */
    private static PinholeState ask(PortForwardEngine e, Gateway g, Progress p) throws CancelledException {
        PinholeSupport support = e.pinholeSupport(g, p);
        if (support.service().isEmpty()) {
            return new PinholeState(Optional.of(support), Optional.empty(), "");
        }
        try {
            Optional<FirewallStatus> status = support.service().get().status(p);
            return new PinholeState(Optional.of(support), status, "");
        } catch (CancelledException ex) {
            throw ex;
        } catch (PortForwardException ex) {
            return new PinholeState(Optional.of(support), Optional.empty(), ex.getMessage());
        }
    }

    /**
     * Reads the record again, with what the router says of each pinhole's traffic. On the FX
     * thread; calls while a read runs make one more read after it.
     */
    public void reload() {
        if (reading) {
            again = true;
            return;
        }
        Gateway g = gateway;
        if (g == null) {
            rows.clear();
            return;
        }
        reading = true;
        Pinholes ph = current;
        runner.run(p -> read(g, ph), fresh -> readDone(g, fresh), failure -> readDone(g, null));
    }

    private List<MappingRow> read(Gateway g, Pinholes ph) throws PortForwardException {
        Instant now = ledger.ledger().clock().instant();
        List<MappingRow> out = new ArrayList<>();
        for (PinholeEntry e : ledger.forRouter(Pinholes.recordId(g))) {
            PinholeCheck check = PinholeCheck.UNKNOWN;
            Optional<Pinhole> p = e.recorded().pinhole();
            if (ph != null && p.isPresent()) {
                try {
                    check = ph.check(p.get(), Progress.NONE);
                } catch (CancelledException ex) {
                    throw ex;
                } catch (PortForwardException ex) {
                    // the row shows what the record says; the packets stay unknown
                }
            }
            out.add(MappingRow.pinhole(new Ipv6Hole(e.key(), e.address(), e.leaseEnd(), check, e.retention(),
                    e.forwardPort()), now));
        }
        return out;
    }

    private void readDone(Gateway g, List<MappingRow> fresh) {
        reading = false;
        if (fresh != null && gateway == g) {
            rows.setAll(fresh);
        }
        if (again) {
            again = false;
            reload();
        }
    }

    /**
     * The router restarted (or the window started): kept pinholes are renewed, and opened again
     * where the router lost them; what failed is shown.
     */
    public void restoreKeptNow() {
        Pinholes ph = current;
        if (ph == null) {
            return;
        }
        runner.run(p -> new PinholeKeeper(ledger).restoreKept(ph, p), results -> {
            List<PinholeResult> bad = results.stream().filter(PinholeResult::failed).toList();
            if (!bad.isEmpty()) {
                errors.accept(new ErrorReport(PinholeText.get("error.renew"), net.portforward.ui.common.UiText.words().say(PinholeResult.summary(bad)), ""));
            }
        }, failure -> { });
    }

    /**
     * A clean end: renewal stops and this run's temporary pinholes close (at most {@code limit}).
     * Blocking: the app's shutdown calls it before the ledger's session ends.
     */
    public void closeTemporaryAndStop(Duration limit) {
        renewer.close();
        Pinholes ph = current;
        if (ph != null) {
            TaskRunner.runAndWait("portforward-close-pinholes", () -> {
                try {
                    new PinholeKeeper(ledger).closeMine(ph, Progress.NONE);
                } catch (PortForwardException e) {
                    // left in the record; their lease (an hour at most) ends them
                }
            }, limit);
        }
    }

    // ---- state for the view ----

    public ReadOnlyObjectProperty<PinholeState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The table rows of the pinholes PortForward opened on the shown router. */
    public ObservableList<MappingRow> rows() {
        return rows;
    }

    // ---- the commands' IPv6 side ----

    @Override
    public boolean possible() {
        return current != null && state.get().possible();
    }

    /** The shown router's pinholes, or found now for {@code g} (blocking). */
    private Pinholes pinholesFor(Gateway g, Progress p) throws PortForwardException {
        Pinholes ph = current;
        if (ph != null && ph.recordId().equals(Pinholes.recordId(g))) {
            return ph;
        }
        return engine.get().pinholes(g, ledger, p);
    }

    @Override
    public List<String> open(Gateway g, List<PortMapping> mappings, List<Integer> forwardPorts, Retention retention,
            Progress p) throws PortForwardException {
        Pinholes ph = pinholesFor(g, p);
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            PortMapping m = mappings.get(i);
            Pinhole opened = ph.open(m.protocol(), m.internalPort(), lease(m, retention), retention,
                    forwardPorts.get(i), p);
            notes.add(PinholeText.format("opened", opened.summary(), UiText.words().span(opened.lease(), 2)));
        }
        return notes;
    }

    /**
     * The forward's lease, within a pinhole's one day (a permanent forward's pinhole lasts a day,
     * renewed); a temporary one's an hour at most.
     */
    static Duration lease(PortMapping m, Retention retention) {
        Duration lease = m.permanent() || m.lease().compareTo(PinholeRequest.MAX_LEASE) > 0
                ? PinholeRequest.MAX_LEASE : m.lease();
        return retention == Retention.FOR_NOW && lease.compareTo(TEMPORARY_LEASE) > 0 ? TEMPORARY_LEASE : lease;
    }

    @Override
    public List<String> close(Gateway g, List<PinholeKey> keys, List<MappingKey> forwards, Progress p)
            throws PortForwardException {
        String id = Pinholes.recordId(g);
        List<PinholeKey> paired = new ArrayList<>();
        for (MappingKey f : forwards) {
            ledger.pairedWith(id, f.protocol(), f.externalPort()).stream().map(PinholeEntry::key)
                    .filter(k -> !keys.contains(k) && !paired.contains(k)).forEach(paired::add);
        }
        if (keys.isEmpty() && paired.isEmpty()) {
            return List.of();
        }
        Pinholes ph = pinholesFor(g, p);
        for (PinholeKey k : keys) {
            ph.close(k, p);
        }
        List<String> notes = new ArrayList<>();
        for (PinholeKey k : paired) {
            ph.close(k, p);
            notes.add(PinholeText.format("closedWith", k.toString()));
        }
        return notes;
    }

    @Override
    public void setRetention(PinholeKey key, Retention retention) {
        Gateway g = gateway;
        if (g != null) {
            runner.run(p -> {
                ledger.setRetention(Pinholes.recordId(g), key, retention);
                return null;
            }, x -> reload(), failure -> errors.accept(ErrorReport.of(PinholeText.get("error.read"), failure)));
        }
    }
}
