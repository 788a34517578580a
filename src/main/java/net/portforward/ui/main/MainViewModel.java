package net.portforward.ui.main;

import net.portforward.ui.common.UiText;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.discovery.Discovery;
import net.portforward.engine.discovery.GatewayRanking;
import net.portforward.engine.discovery.NetworkChoice;
import net.portforward.engine.discovery.NoGatewayException;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.mapping.Listing;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.model.RouterInfo;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.watch.RouterChange;
import net.portforward.ui.TaskRunner;
import net.portforward.ui.common.ErrorReport;

/**
 * The main window's state and commands. Every engine call runs through the {@link TaskRunner};
 * properties change on the FX thread only. One operation runs at a time: {@link #busyProperty()}
 * disables whatever would start another.
 */
public final class MainViewModel {
    private final TaskRunner runner;
    private final Consumer<ErrorReport> errors;
    private PortForwardEngine engine;

    private final ObservableList<Gateway> gateways = FXCollections.observableArrayList();
    private final ObjectProperty<Gateway> selectedGateway = new SimpleObjectProperty<>();
    private final ObjectProperty<RouterStatus> status = new SimpleObjectProperty<>();
    private final ObjectProperty<Problem> problem = new SimpleObjectProperty<>();
    private final ObservableList<MappingRow> rows = FXCollections.observableArrayList();
    private final FilteredList<MappingRow> filteredRows = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ObservableList<String> interfaces = FXCollections.observableArrayList();
    private final StringProperty chosenInterface = new SimpleStringProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<Instant> clock = new SimpleObjectProperty<>(Instant.now());
    private Router router;
    private final ReadOnlyObjectWrapper<Router> shownRouter = new ReadOnlyObjectWrapper<>();
    private final List<Runnable> whenIdle = new ArrayList<>();
    private Task<?> current;
    /** A note from the last change, shown with the table that follows it. */
    private String pendingNote;
    /** Set while the model itself changes the selection, so that is not taken as the user's pick. */
    private boolean selecting;

    /** Why there is no router to show, in words, and whether trying again may help. */
    public record Problem(String title, String explanation) {
    }

    public MainViewModel(PortForwardEngine engine, TaskRunner runner, Consumer<ErrorReport> errors) {
        this.engine = engine;
        this.runner = runner;
        this.errors = errors;
        filter.addListener((o, a, text) -> {
            String f = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            filteredRows.setPredicate(f.isEmpty() ? null : row -> row.searchText().contains(f));
        });
        selectedGateway.addListener((o, old, picked) -> {
            if (!selecting && picked != null && picked != old) {
                open(picked);
            }
        });
    }

    /** After the settings changed: the next search uses the new engine. */
    public void replaceEngine(PortForwardEngine newEngine) {
        cancel();
        engine = newEngine;
    }

    // ---- commands ----

    /** Searches for routers (or reads the configured one), picks the best, and reads its table. */
    public void discover() {
        String nif = chosenInterface.get();
        start(UiText.get("task.searching"), p -> {
            List<String> names = NetworkChoice.usableInterfaces();
            Platform.runLater(() -> interfaces.setAll(names));
            return engine.findGateways(Discovery.Scope.BEST, nif == null ? engine.options().interfaceName() : nif, p);
        }, this::showGateways, this::discoveryFailed);
    }

    /** Direct mode for a router discovery cannot find. */
    public void connectTo(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            errors.accept(ErrorReport.of(UiText.get("error.connect"), new InvalidInputException(
                    UiText.format("error.badUrl", url))));
            return;
        }
        start(UiText.format("task.connecting", uri), p -> new Discovery.Result(engine.connect(uri, p), Optional.empty(),
                List.of(), 0), this::showGateways, this::discoveryFailed);
    }

    /** Reads the selected router's status and table again. */
    public void refresh() {
        if (router == null) {
            discover();
            return;
        }
        Router r = router;
        rows.clear();
        warnings.clear();
        start(UiText.get("task.reading"), p -> {
            RouterStatus s = r.status(p);
            Platform.runLater(() -> status.set(s));
            return r.list(deliver(r), p);
        }, this::listed, e -> failed(UiText.get("error.refresh"), e));
    }

    public void add(List<PortMapping> mappings, Consumer<PortConflictException> onConflict) {
        add(mappings, Retention.KEEP, onConflict);
    }

    /**
     * Adds mappings, recorded in PortForward's ledger as kept or only for now. Like edit and
     * delete it waits for a running operation: a re-read the change watch or the ledger started
     * while the user filled in a dialog must not swallow what the user asked for.
     */
    public void add(List<PortMapping> mappings, Retention retention, Consumer<PortConflictException> onConflict) {
        add(mappings, retention, false, onConflict);
    }

    /**
     * As above; with {@code anyPort} the router picks each external port (the mappings' are
     * suggestions), and the note after the change says which.
     */
    public void add(List<PortMapping> mappings, Retention retention, boolean anyPort,
            Consumer<PortConflictException> onConflict) {
        Router r = router;
        whenIdle(() -> start(UiText.get("task.adding"), p -> {
            List<String> notes = new ArrayList<>();
            for (PortMapping m : mappings) {
                notes.addAll((anyPort ? r.addAnyPort(m, retention, p) : r.add(m, retention, p)).notes());
            }
            return notes;
        }, notes -> afterChange(notes), e -> conflictOr(e, onConflict, UiText.get("error.add"))));
    }

    /**
     * Puts back mappings a router lost when it restarted (from the change popup). Waits for a
     * running operation (the re-read the restart started) instead of being dropped.
     */
    public void putBack(List<PortMapping> lost) {
        if (router != null) {
            add(lost, conflict -> errors.accept(ErrorReport.of(UiText.get("error.putBack"), conflict)));
        }
    }

    /** Reads the table again now or after the running operation. */
    public void refreshSoon() {
        whenIdle(this::refresh);
    }

    /**
     * Whether the table already shows the router as it is after {@code c}: true for the changes the
     * user made in this window, which need no popup.
     */
    public boolean shows(RouterChange c) {
        Optional<MappingKey> key = keyOf(c);
        if (key.isPresent() && engine.ownChanges().recentlyChanged(key.get())) {
            // Made by this program (here, or a preset, a test's temporary forward, a restore): the
            // table may be half re-read just now, and the user knows what they did.
            return true;
        }
        if (c instanceof RouterChange.MappingAdded a) {
            return rows.stream().anyMatch(r -> r.mapping().sameSettingsAs(a.mapping()));
        }
        if (c instanceof RouterChange.MappingChanged m) {
            return rows.stream().anyMatch(r -> r.mapping().sameSettingsAs(m.after()));
        }
        if (c instanceof RouterChange.MappingRemoved r) {
            return rows.stream().noneMatch(row -> !row.heldByApp() && row.mapping().key().equals(r.mapping().key()));
        }
        if (c instanceof RouterChange.ExternalAddressChanged e) {
            return status.get() != null && status.get().externalIpText().equals(e.after());
        }
        if (c instanceof RouterChange.ConnectionStatusChanged cs) {
            return status.get() != null && status.get().connectionStatus() == cs.after();
        }
        return false;
    }

    private static Optional<MappingKey> keyOf(RouterChange c) {
        if (c instanceof RouterChange.MappingAdded a) {
            return Optional.of(a.mapping().key());
        }
        if (c instanceof RouterChange.MappingRemoved r) {
            return Optional.of(r.mapping().key());
        }
        if (c instanceof RouterChange.MappingChanged m) {
            return Optional.of(m.after().key());
        }
        return Optional.empty();
    }

    public void edit(MappingRow row, PortMapping updated, Consumer<PortConflictException> onConflict) {
        Router r = router;
        MappingKey key = row.mapping().key();
        whenIdle(() -> start(UiText.format("task.changing", key), p -> r.edit(row.listed(), updated, p).notes(),
                this::afterChange, e -> conflictOr(e, onConflict, UiText.get("error.edit"))));
    }

    public void delete(List<MappingRow> doomed) {
        Router r = router;
        List<MappingKey> keys = doomed.stream().map(row -> row.mapping().key()).toList();
        whenIdle(() -> start(UiText.get("task.deleting"), p -> {
            int done = 0;
            for (MappingKey key : keys) {
                p.report((double) done / keys.size(), UiText.format("task.deletingOne", key));
                r.delete(key, p);
                done++;
            }
            return List.<String>of();
        }, this::afterChange, e -> {
            failed(UiText.get("error.delete"), e);
            refresh();
        }));
    }

    /** The table's check box: enable or disable through the engine; the box follows the result. */
    public void setEnabled(MappingRow row, boolean enabled) {
        Router r = router;
        if (r == null || busy.get()) {
            row.showEnabled(!enabled);
            return;
        }
        MappingKey key = row.mapping().key();
        start(UiText.format(enabled ? "task.enabling" : "task.disabling", key), p -> r.setEnabled(row.listed(), enabled, p),
                (MappingEditor.Outcome outcome) -> afterChange(outcome.notes()), e -> {
                    row.showEnabled(!enabled);
                    failed(UiText.get(enabled ? "error.enable" : "error.disable"), e);
                });
    }

    /**
     * Collects a report on the router for a bug report (see {@code RouterReport}), as text: on
     * the router shown, else on whatever answers for the default gateway, usable or not.
     */
    public void report(Consumer<String> ready) {
        Router r = router;
        PortForwardEngine e = engine;
        whenIdle(() -> start(UiText.get("task.report"), p -> e.report(r == null ? null : r.gateway(), p).text(), ready,
                failure -> failed(UiText.get("error.report"), failure)));
    }

    /** Says in the status line what just happened (a report copied). */
    public void say(String text) {
        message.set(text);
    }

    /** Whether the shown router can pick a free external port itself (no router call). */
    public boolean offersAnyPort() {
        return router != null && router.offersAnyPort();
    }

    /** PortForward's search for a free external port near {@code key}, for routers that cannot pick one. */
    public void findFreePort(MappingKey key, Consumer<java.util.OptionalInt> result) {
        Router r = router;
        if (r != null) {
            whenIdle(() -> start(UiText.get("task.freePort"), p -> r.freePortFor(key, p), result,
                    e -> failed(UiText.get("error.freePort"), e)));
        }
    }

    /** Reads everything the engine knows about the router, for the "More information" dialog. */
    public void loadInfo(Consumer<RouterInfo> show) {
        Router r = router;
        if (r == null) {
            return;
        }
        start(UiText.get("task.info"), r::info, show, e -> failed(UiText.get("error.info"), e));
    }

    public void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    /** Called every second by the view: lease times count down. */
    public void tick() {
        clock.set(Instant.now());
    }

    // ---- what the commands do when they end ----

    /**
     * Shows what was found and opens the gateway PortForward may use by itself: the default
     * gateway's best service. Another device is listed in the picker but opened only when the
     * user picks it there.
     */
    private void showGateways(Discovery.Result found) {
        Optional<Gateway> chosen = GatewayRanking.chooseByItself(found.gateways(), found.defaultGateway().isPresent());
        selecting = true;
        try {
            gateways.setAll(found.gateways());
            selectedGateway.set(chosen.orElse(null));
        } finally {
            selecting = false;
        }
        if (chosen.isPresent()) {
            problem.set(null);
            open(chosen.get());
            return;
        }
        router = null;
        shownRouter.set(null);
        rows.clear();
        status.set(null);
        String tried = "UPnP, PCP " + UiText.get("word.or") + " NAT-PMP";
        problem.set(new Problem(UiText.get("problem.gatewaySilent"),
                UiText.format("problem.gatewaySilentText", found.defaultGateway().orElseThrow().getHostAddress(), tried)
                        + " " + UiText.get("problem.othersOffer")
                        // e.g. which device answered the search sent to the gateway (a CARP pair)
                        + (found.problems().isEmpty() ? "" : " " + String.join(" ", found.problems()))));
    }

    private void open(Gateway g) {
        router = engine.open(g);
        shownRouter.set(router);
        status.set(g.status());
        refresh();
    }

    private Consumer<ListedMapping> deliver(Router r) {
        Instant at = Instant.now();
        return m -> Platform.runLater(() -> {
            if (router != r) {
                return; // an answer for a router no longer shown
            }
            MappingRow row = new MappingRow(m, r.gateway().localAddress(), at);
            row.enabledProperty().addListener((o, was, now) -> {
                if (!row.syncing) {
                    setEnabled(row, now);
                }
            });
            // A bulk listing that failed part way is read again entry by entry: replace, not repeat.
            rows.removeIf(old -> old.mapping().key().equals(m.mapping().key()) && old.heldByApp() == m.heldByApp());
            rows.add(row);
        });
    }

    private void listed(Listing result) {
        warnings.setAll(result.warnings());
        String note = pendingNote;
        pendingNote = null;
        message.set(UiText.format("status.count", result.mappings().size())
                + (result.warnings().isEmpty() ? "" : UiText.get("status.odd"))
                + (note == null ? "" : UiText.format("status.note", note)));
    }

    private void afterChange(List<String> notes) {
        // What the user should know about how it went ("this router takes permanent mappings
        // only") goes in the status line once the table is read again, not in a dialog.
        pendingNote = notes.isEmpty() ? null : String.join(" ", notes);
        refresh();
    }

    private void conflictOr(Throwable e, Consumer<PortConflictException> onConflict, String title) {
        if (e instanceof PortConflictException conflict) {
            onConflict.accept(conflict);
            refresh();
        } else {
            failed(title, e);
            refresh();
        }
    }

    private void discoveryFailed(Throwable e) {
        gateways.clear();
        router = null;
        shownRouter.set(null);
        rows.clear();
        status.set(null);
        if (e instanceof CancelledException) {
            problem.set(new Problem(UiText.get("problem.cancelled"), UiText.get("problem.cancelledText")));
        } else if (e instanceof NoGatewayException none) {
            problem.set(new Problem(UiText.get("problem.none"), none.getMessage()));
        } else {
            problem.set(new Problem(UiText.get("problem.unreadable"), ErrorReport.of("", e).sentence()));
        }
    }

    private void failed(String title, Throwable e) {
        if (e instanceof CancelledException) {
            message.set(UiText.get("status.cancelled"));
            return;
        }
        errors.accept(ErrorReport.of(title, e));
    }

    // ---- running one task at a time ----

    private <T> void start(String what, TaskRunner.EngineCall<T> call, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        message.set(what);
        Task<T> task = runner.run(call, value -> {
            finish();
            onSuccess.accept(value);
        }, error -> {
            finish();
            onFailure.accept(error);
        });
        if (task.isDone()) {
            return; // it ended before we got here; its handlers have run or are queued
        }
        current = task;
        progress.bind(task.progressProperty());
        task.messageProperty().addListener((o, a, text) -> {
            if (current == task && text != null && !text.isEmpty()) {
                message.set(text);
            }
        });
        task.setOnCancelled(e -> {
            finish();
            onFailure.accept(new CancelledException());
        });
    }

    private void finish() {
        progress.unbind();
        progress.set(0);
        busy.set(false);
        current = null;
        if (!whenIdle.isEmpty()) {
            Runnable next = whenIdle.remove(0);
            // Later on the FX thread, another operation may have started meanwhile: then it waits
            // for that one too, instead of being dropped by start().
            Platform.runLater(() -> {
                if (busy.get()) {
                    whenIdle.add(0, next);
                } else {
                    next.run();
                }
            });
        }
    }

    /** Runs {@code action} now, or when the running operation ends: a popup's button is never lost. */
    private void whenIdle(Runnable action) {
        if (busy.get()) {
            whenIdle.add(action);
        } else {
            action.run();
        }
    }

    // ---- state for the view ----

    /** The router whose table is shown, or null. */
    public ReadOnlyObjectProperty<Router> routerProperty() {
        return shownRouter.getReadOnlyProperty();
    }

    public PortForwardEngine engine() {
        return engine;
    }

    public ObservableList<Gateway> gateways() {
        return gateways;
    }

    public ObjectProperty<Gateway> selectedGatewayProperty() {
        return selectedGateway;
    }

    public ReadOnlyObjectProperty<RouterStatus> statusProperty() {
        return status;
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem;
    }

    /** All rows, in the order the router listed them. */
    public ObservableList<MappingRow> rows() {
        return rows;
    }

    /** The rows the filter lets through. */
    public FilteredList<MappingRow> filteredRows() {
        return filteredRows;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    public ObservableList<String> interfaces() {
        return interfaces;
    }

    /** The interface to search on, or null for the one holding the default route. */
    public StringProperty chosenInterfaceProperty() {
        return chosenInterface;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyObjectProperty<Instant> clockProperty() {
        return clock;
    }

    /** The selected router's gateway, or null. */
    public Gateway gateway() {
        return router == null ? null : router.gateway();
    }
}
