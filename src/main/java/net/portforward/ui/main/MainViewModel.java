package net.portforward.ui.main;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.discovery.Discovery;
import net.portforward.engine.discovery.GatewayRanking;
import net.portforward.engine.discovery.NetworkChoice;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.RouterUnreachableException;
import net.portforward.engine.mapping.Listing;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.RouterStatus;
import net.portforward.ui.SerialTasks;
import net.portforward.ui.TaskRunner;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.common.UiText;
import net.portforward.ui.watch.AlreadyShown;

/**
 * The main window's state: the routers found, the one shown, its status and table. Every engine
 * call runs through the task runner's serial mode, one at a time: a command asked for while
 * another runs waits for it, and {@link #busyProperty()} disables whatever would start another.
 * Properties change on the UI thread only. The commands that change the router's table are in
 * {@link #mappings()}, the router report and details in {@link #routerTools()}.
 */
public final class MainViewModel {
    private final SerialTasks tasks;
    private final Consumer<ErrorReport> errors;
    private PortForwardEngine engine;
    private final MappingCommands mappings;
    private final RouterTools routerTools;

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
    private final ObjectProperty<Instant> clock = new SimpleObjectProperty<>(Instant.now());
    private Router router;
    private final ReadOnlyObjectWrapper<Router> shownRouter = new ReadOnlyObjectWrapper<>();
    /** A note from the last change, shown with the table that follows it. */
    private String pendingNote;
    /** A re-read waits in the queue: another one asked for meanwhile would read the same. */
    private boolean refreshWaiting;
    /** Set while the model itself changes the selection, so that is not taken as the user's pick. */
    private boolean selecting;

    /** What a re-read hands over as it goes: the router's status first, then each row as listed. */
    private sealed interface Reading { }

    private record StatusRead(RouterStatus status) implements Reading { }

    private record RowRead(ListedMapping mapping) implements Reading { }

    public MainViewModel(PortForwardEngine engine, TaskRunner runner, Consumer<ErrorReport> errors) {
        this.engine = engine;
        this.tasks = runner.serial();
        this.errors = errors;
        this.mappings = new MappingCommands(this);
        this.routerTools = new RouterTools(this);
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
        tasks.runAtItsTurn(this::discovery);
    }

    private SerialTasks.Job<?, ?> discovery() {
        PortForwardEngine e = engine;
        String nif = chosenInterface.get() == null ? e.options().interfaceName() : chosenInterface.get();
        return new SerialTasks.Job<Discovery.Result, List<String>>(UiText.get("task.searching"), (names, p) -> {
            names.accept(NetworkChoice.usableInterfaces());
            return e.findGateways(Discovery.Scope.BEST, nif, p);
        }, interfaces::setAll, this::showGateways, this::discoveryFailed);
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
        PortForwardEngine e = engine;
        tasks.run(UiText.format("task.connecting", uri), p -> new Discovery.Result(e.connect(uri, p), Optional.empty(),
                List.of(), 0), this::showGateways, this::discoveryFailed);
    }

    /**
     * Reads the shown router's status and table again (or searches, when none is shown), after
     * the running operation. Asked for again while one waits, it reads once.
     */
    public void refresh() {
        if (refreshWaiting) {
            return;
        }
        refreshWaiting = true;
        tasks.runAtItsTurn(() -> {
            refreshWaiting = false;
            return router == null ? discovery() : reading(router);
        });
    }

    private SerialTasks.Job<?, ?> reading(Router r) {
        rows.clear();
        warnings.clear();
        Instant at = Instant.now();
        return new SerialTasks.Job<Listing, Reading>(UiText.get("task.reading"), (found, p) -> {
            found.accept(new StatusRead(r.status(p)));
            return r.list(m -> found.accept(new RowRead(m)), p);
        }, reading -> {
            if (router != r) {
                return; // an answer for a router no longer shown
            }
            if (reading instanceof StatusRead s) {
                status.set(s.status());
            } else if (reading instanceof RowRead row) {
                addRow(r, row.mapping(), at);
            }
        }, this::listed, e -> readingFailed(r, e));
    }

    /** A router that no longer answers at all gets the problem pane; other failures a dialog. */
    private void readingFailed(Router r, Throwable e) {
        if (router == r && e instanceof RouterUnreachableException) {
            forgetRouter();
            showProblem(Problem.gone(e));
        } else {
            failed(UiText.get("error.refresh"), e);
        }
    }

    /** Reads the table again after the running operation (a popup's "Refresh now", the ledger). */
    public void refreshSoon() {
        refresh();
    }

    /** Says in the status line what just happened (a report copied). */
    public void say(String text) {
        tasks.messageProperty().set(text);
    }

    /** Cancels the running operation. */
    public void cancel() {
        tasks.cancel();
    }

    /** Called every second by the view: lease times count down. */
    public void tick() {
        clock.set(Instant.now());
    }

    /** Add, edit, delete, switch on and off: the commands that change the router's table. */
    public MappingCommands mappings() {
        return mappings;
    }

    /** The router report and "More information". */
    public RouterTools routerTools() {
        return routerTools;
    }

    /**
     * Whether the window already shows the router as it is after a change, so it needs no popup;
     * see {@link AlreadyShown}.
     */
    public AlreadyShown alreadyShown() {
        return new AlreadyShown(() -> engine.ownChanges(),
                () -> rows.stream().map(MappingRow::listed).toList(), status::get);
    }

    // ---- for the commands ----

    /** The queue of router calls, also for features beside the table (the row tests) that share its progress and Cancel. */
    public SerialTasks tasks() {
        return tasks;
    }

    Router router() {
        return router;
    }

    void reportError(ErrorReport report) {
        errors.accept(report);
    }

    /**
     * What the user should know about how a change went ("this router takes permanent mappings
     * only") goes in the status line once the table is read again, not in a dialog.
     */
    void afterChange(List<String> notes) {
        if (!notes.isEmpty()) {
            // Changes that waited for each other share one re-read: each one's note is kept.
            pendingNote = (pendingNote == null ? "" : pendingNote + " ") + String.join(" ", notes);
        }
        refresh();
    }

    void failed(String title, Throwable e) {
        if (e instanceof CancelledException) {
            tasks.messageProperty().set(UiText.get("status.cancelled"));
            return;
        }
        errors.accept(ErrorReport.of(title, e));
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
        forgetRouter();
        showProblem(Problem.silentGateway(found));
    }

    private void open(Gateway g) {
        router = engine.open(g);
        shownRouter.set(router);
        status.set(g.status());
        refresh();
    }

    private void addRow(Router r, ListedMapping m, Instant at) {
        MappingRow row = new MappingRow(m, r.gateway().localAddress(), at);
        row.enabledProperty().addListener((o, was, now) -> {
            if (!row.syncing) {
                mappings.setEnabled(row, now);
            }
        });
        // A bulk listing that failed part way is read again entry by entry: replace, not repeat.
        rows.removeIf(old -> old.mapping().key().equals(m.mapping().key()) && old.heldByApp() == m.heldByApp());
        rows.add(row);
    }

    private void listed(Listing result) {
        warnings.setAll(result.warnings().stream().map(net.portforward.ui.common.UiText.words()::say).toList());
        String note = pendingNote;
        pendingNote = null;
        tasks.messageProperty().set(UiText.format("status.count", result.mappings().size())
                + (result.warnings().isEmpty() ? "" : UiText.get("status.odd"))
                + (note == null ? "" : UiText.format("status.note", note)));
    }

    private void discoveryFailed(Throwable e) {
        gateways.clear();
        forgetRouter();
        showProblem(Problem.searchFailed(e));
    }

    /** The pane says what happened; the status line no longer says what was being tried. */
    private void showProblem(Problem p) {
        problem.set(p);
        tasks.messageProperty().set(UiText.format("status.problem", p.title()));
    }

    private void forgetRouter() {
        router = null;
        shownRouter.set(null);
        rows.clear();
        status.set(null);
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
        return tasks.busyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return tasks.progressProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return tasks.messageProperty();
    }

    public ReadOnlyObjectProperty<Instant> clockProperty() {
        return clock;
    }

    /** The selected router's gateway, or null. */
    public Gateway gateway() {
        return router == null ? null : router.gateway();
    }
}
