package net.portforward.ui.main;

import net.portforward.ui.common.UiText;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.stage.Screen;
import net.portforward.ui.common.ToolbarFit;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import net.portforward.ui.watch.ChangeLogPane;
import net.portforward.ui.watch.ChangeNotifier;
import net.portforward.ui.watch.WatchViewModel;
import javafx.util.Duration;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.ui.about.AboutDialog;
import net.portforward.ui.about.BuildInfo;
import net.portforward.ui.common.ErrorDialog;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.common.Icons;
import net.portforward.ui.mapping.DeleteConfirmation;
import net.portforward.ui.mapping.ForwardOrPinhole;
import net.portforward.ui.mapping.MappingDialog;
import net.portforward.ui.mapping.MappingForm;
import net.portforward.ui.router.ConnectDialog;
import net.portforward.ui.router.RouterInfoDialog;
import net.portforward.ui.router.RouterPanel;

/**
 * The main window: the router at the top, the toolbar, the mapping table (or, when no router
 * could be read, what to do about it), and the progress of the running operation at the bottom.
 */
public final class MainWindow {
    private final Stage stage;
    private final MainViewModel vm;
    private final Consumer<String> openInBrowser;
    private final Runnable openSettings;
    private final MappingTable table;
    private final Scene scene;
    private final BorderPane root;
    private final RouterPanel routerPanel;

    public MainWindow(Stage stage, MainViewModel vm, Consumer<String> openInBrowser, Runnable openSettings) {
        this.stage = stage;
        this.vm = vm;
        this.openInBrowser = openInBrowser;
        this.openSettings = openSettings;
        this.table = new MappingTable(vm);

        routerPanel = new RouterPanel(vm, this::moreInformation, this::connectToUrl,
                text -> RouterInfoDialog.natExplanation(stage, text).show());
        StackPane center = new StackPane(table, new ProblemPane(vm, this::connectToUrl, this::copyReport));
        table.visibleProperty().bind(vm.problemProperty().isNull());
        root = new BorderPane(center, new VBox(routerPanel, toolbar(), ownForwardsOnly()), null, statusBar(), null);
        // Room for every column's heading in every language where the screen has it (a small one: most of it).
        scene = new Scene(root, Math.min(1120, Screen.getPrimary().getVisualBounds().getWidth() * 0.92), 600);
        scene.getStylesheets().add(MainWindow.class.getResource("/net/portforward/ui/portforward.css").toExternalForm());
        keys();
        table.setContextMenu(contextMenu());
        table.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !vm.busyProperty().get()) {
                edit();
            }
        });
        keepFocusOnTheTable();
        Timeline clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();
        stage.setOnHidden(e -> clock.stop());
    }

    /**
     * While an operation runs, the buttons that started it are disabled and JavaFX moves the focus
     * to the next enabled control, the filter box, where Delete and Enter then do nothing to the
     * table. When the operation ends, focus that moved that way goes back to the table.
     */
    private void keepFocusOnTheTable() {
        boolean[] typedInFilter = new boolean[1];
        vm.filterProperty().addListener((o, a, b) -> typedInFilter[0] = true);
        vm.busyProperty().addListener((o, was, busy) -> {
            if (busy) {
                typedInFilter[0] = false;
            } else if (scene.getFocusOwner() instanceof TextField field && "filter".equals(field.getId())
                    && !typedInFilter[0]) {
                table.requestFocus();
            }
        });
    }

    public Scene scene() {
        return scene;
    }

    /** Adds the change log under the table and the popups for anyone's changes, owned by this window. */
    public ChangeNotifier attachWatch(WatchViewModel watch) {
        root.setBottom(new VBox(new ChangeLogPane(watch), root.getBottom()));
        return new ChangeNotifier(stage, watch, vm::refreshSoon, vm.mappings()::putBack, vm.alreadyShown());
    }

    public MappingTable table() {
        return table;
    }

    /** Puts another feature's button (the reachability window's) into the toolbar, after Delete. */
    public void addTool(javafx.scene.Node tool) {
        javafx.scene.Node delete = scene.lookup("#delete");
        javafx.scene.layout.Pane bar = (javafx.scene.layout.Pane) delete.getParent();
        bar.getChildren().add(bar.getChildren().indexOf(delete) + 1, tool);
    }

    /** The router panel, whose picture of the way in a reachability test colours. */
    public RouterPanel routerPanel() {
        return routerPanel;
    }

    /** Adds a line under the router's details (whether IPv6 pinholes are possible). */
    public void addRouterLine(javafx.scene.Node line) {
        routerPanel.getChildren().add(line);
    }

    /** Shows a failure as a sentence with details one click away. */
    public void showError(ErrorReport report) {
        ErrorDialog.create(stage, report).show();
    }

    private HBox toolbar() {
        BooleanBinding noRouter = Bindings.createBooleanBinding(() -> vm.statusProperty().get() == null,
                vm.statusProperty());
        BooleanBinding noSelection = Bindings.isEmpty(table.getSelectionModel().getSelectedItems());
        Button refresh = button(UiText.get("button.refresh"), "refresh", Icons.REFRESH, UiText.get("tip.refresh"), this::refresh);
        refresh.disableProperty().bind(vm.busyProperty());
        Button add = button(UiText.get("button.add"), "add", Icons.ADD, UiText.get("tip.add"), this::add);
        add.disableProperty().bind(vm.busyProperty().or(noRouter));
        Button edit = button(UiText.get("button.edit"), "edit", Icons.EDIT, UiText.get("tip.edit"), this::edit);
        edit.disableProperty().bind(vm.busyProperty().or(noRouter).or(Bindings.size(
                table.getSelectionModel().getSelectedItems()).isNotEqualTo(1)).or(Bindings.createBooleanBinding(
                        () -> table.getSelectionModel().getSelectedItems().stream()
                                .anyMatch(r -> r != null && r.pinhole().isPresent()),
                        table.getSelectionModel().getSelectedItems())));
        Button delete = button(UiText.get("button.delete"), "delete", Icons.DELETE, UiText.get("tip.delete"),
                this::delete);
        delete.disableProperty().bind(vm.busyProperty().or(noRouter).or(noSelection));
        TextField filter = new TextField();
        filter.setId("filter");
        filter.setPromptText(UiText.get("filter.prompt"));
        filter.textProperty().bindBidirectional(vm.filterProperty());
        Label search = new Label(null, Icons.SEARCH.node());
        Button settings = button(null, "settings", Icons.SETTINGS, UiText.get("tip.settings"), openSettings);
        settings.disableProperty().bind(vm.busyProperty());
        Button about = button(null, "about", Icons.INFO, UiText.get("tip.about"),
                () -> AboutDialog.create(stage, BuildInfo.load(), openInBrowser).show());
        // The actions (and the tools added after Delete) wrap to a second row when the window is
        // too narrow for their words (German, or a small screen), rather than each being cut to "…".
        FlowPane actions = new FlowPane(refresh, add, edit, delete);
        actions.getStyleClass().add("toolbar-actions");
        actions.getChildren().addListener((javafx.collections.ListChangeListener<javafx.scene.Node>) c ->
                actions.getChildren().forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE)));
        actions.getChildren().forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));
        HBox.setHgrow(actions, Priority.ALWAYS);
        for (Region keep : new Region[] {search, filter, settings, about}) {
            keep.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(actions, search, filter, settings, about);
        bar.getStyleClass().add("toolbar-row");
        ToolbarFit.install(bar);
        return bar;
    }

    /**
     * PCP and NAT-PMP have no request that lists a router's table: said in one plain line over
     * the table, which then shows the forwards PortForward holds.
     */
    private Label ownForwardsOnly() {
        Label note = new Label(null, Icons.INFO.node());
        note.setId("ownForwardsOnly");
        note.getStyleClass().add("note-row");
        note.setWrapText(true);
        vm.routerProperty().addListener((o, was, router) -> {
            boolean ownOnly = router != null && !router.capabilities().listsTable();
            note.setText(ownOnly ? UiText.format("table.ownOnly", router.gateway().serviceLabel()) : "");
            note.setVisible(ownOnly);
            note.setManaged(ownOnly);
        });
        note.setVisible(false);
        note.setManaged(false);
        return note;
    }

    private HBox statusBar() {
        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label message = new Label();
        message.setId("message");
        message.textProperty().bind(vm.messageProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Label warnings = new Label(null, Icons.WARNING.node());
        warnings.setId("warnings");
        warnings.textProperty().bind(Bindings.createStringBinding(
                () -> UiText.format("warnings.count", vm.warnings().size()), vm.warnings()));
        warnings.visibleProperty().bind(Bindings.isNotEmpty(vm.warnings()));
        warnings.setOnMouseClicked(e -> showError(new ErrorReport(UiText.get("error.oddList"),
                String.join(" ", vm.warnings()), "")));
        Button cancel = button(UiText.get("button.cancel"), "cancel", Icons.CANCEL, UiText.get("tip.cancel"), vm::cancel);
        cancel.visibleProperty().bind(vm.busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        HBox bar = new HBox(progress, message, warnings, cancel);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private static Button button(String text, String id, Icons icon, String tip, Runnable action) {
        Button b = new Button(text, icon.node());
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void keys() {
        scene.setOnKeyPressed(e -> {
            if (vm.busyProperty().get() && e.getCode() != KeyCode.ESCAPE) {
                return;
            }
            switch (e.getCode()) {
                case F5 -> refresh();
                case INSERT -> {
                    if (vm.statusProperty().get() != null) {
                        add();
                    }
                }
                case DELETE -> {
                    if (table.isFocused() && !table.selectedRows().isEmpty()) {
                        delete();
                    }
                }
                case ENTER -> {
                    if (table.isFocused() && table.selectedRows().size() == 1) {
                        edit();
                    }
                }
                case ESCAPE -> vm.cancel();
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    private ContextMenu contextMenu() {
        MenuItem edit = new MenuItem(UiText.get("menu.edit"), Icons.EDIT.node());
        edit.setOnAction(e -> edit());
        MenuItem toggle = new MenuItem(UiText.get("menu.toggle"));
        toggle.setOnAction(e -> table.selectedRows().forEach(r -> r.enabledProperty().set(!r.enabledProperty().get())));
        MenuItem delete = new MenuItem(UiText.get("menu.delete"), Icons.DELETE.node());
        delete.setOnAction(e -> delete());
        MenuItem copy = new MenuItem(UiText.get("menu.copy"), Icons.COPY.node());
        copy.setOnAction(e -> copyRows());
        ContextMenu menu = new ContextMenu(edit, toggle, new SeparatorMenuItem(), copy, new SeparatorMenuItem(), delete);
        menu.setOnShowing(e -> {
            boolean none = table.selectedRows().isEmpty() || vm.busyProperty().get();
            boolean pinhole = table.selectedRows().stream().anyMatch(r -> r.pinhole().isPresent());
            edit.setDisable(none || table.selectedRows().size() != 1 || pinhole);
            toggle.setDisable(none || table.selectedRows().size() != 1 || pinhole);
            delete.setDisable(none);
            copy.setDisable(table.selectedRows().isEmpty());
        });
        return menu;
    }

    // ---- actions ----

    private void refresh() {
        if (vm.statusProperty().get() == null) {
            vm.discover();
        } else {
            vm.refresh();
        }
    }

    private InetAddress thisComputer() {
        return vm.gateway() == null ? null : vm.gateway().localAddress();
    }

    private void add() {
        if (vm.gateway() != null) {
            MappingForm form = MappingForm.adding(thisComputer());
            form.clientEditableProperty().set(vm.gateway().capabilities().mapsForOtherComputers());
            form.anyPortOfferedProperty().set(vm.mappings().offersAnyPort());
            form.setFreePortSearch(vm.mappings()::findFreePort);
            openAdd(form, new ForwardOrPinhole(form, thisComputer(), vm.mappings().pinholesPossible()));
        }
    }

    private void openAdd(MappingForm form, ForwardOrPinhole choice) {
        MappingDialog.create(stage, form, choice).showAndWait().ifPresent(mappings ->
                vm.mappings().add(mappings, form.keepProperty().get() ? Retention.KEEP : Retention.FOR_NOW,
                        form.anyPortProperty().get(), choice.forwardProperty().get(), choice.pinholeProperty().get(),
                        refused -> reopen(form, refused, () -> openAdd(form, choice))));
    }

    private void edit() {
        List<MappingRow> selected = table.selectedRows();
        // A pinhole has nothing to edit but its port: it is closed and opened anew.
        if (selected.size() == 1 && vm.gateway() != null && selected.get(0).pinhole().isEmpty()) {
            MappingForm form = MappingForm.editing(selected.get(0).mapping(), thisComputer());
            form.clientEditableProperty().set(vm.gateway().capabilities().mapsForOtherComputers());
            openEdit(selected.get(0), form);
        }
    }

    private void openEdit(MappingRow row, MappingForm form) {
        MappingDialog.create(stage, form).showAndWait().ifPresent(mappings -> {
            PortMapping updated = mappings.get(0).withRemoteHost(row.mapping().remoteHost());
            vm.mappings().edit(row, updated, refused -> reopen(form, refused, () -> openEdit(row, form)));
        });
    }

    /**
     * After a refusal the dialog comes back with everything typed, why the router said no, and
     * the free port found (who holds the port, or one from 1024 up) to take with one click.
     */
    private static void reopen(MappingForm form, RouterRefusedException refused, Runnable open) {
        form.showRefusal(refused);
        Platform.runLater(open);
    }

    private void delete() {
        List<MappingRow> doomed = table.selectedRows();
        if (doomed.isEmpty()) {
            return;
        }
        List<PortMapping> mappings = doomed.stream().map(MappingRow::mapping).toList();
        DeleteConfirmation.create(stage, mappings).showAndWait()
                .filter(Boolean.TRUE::equals)
                .ifPresent(yes -> vm.mappings().delete(doomed));
    }

    private void moreInformation() {
        vm.routerTools().loadInfo(info -> RouterInfoDialog.create(stage, info, openInBrowser, this::copyReport,
                vm.routerTools().traffic()).show());
    }

    /** The router report, for a bug report, onto the clipboard; the status line says so. */
    private void copyReport() {
        vm.routerTools().report(text -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(text);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
            vm.say(UiText.get("status.reportCopied"));
        });
    }

    private void connectToUrl() {
        String suggestion = vm.gateway() == null ? "http://"
                : vm.gateway().upnp().map(u -> u.device().location().toString()).orElse("http://");
        ConnectDialog.create(stage, suggestion).showAndWait().ifPresent(vm::connectTo);
    }

    private void copyRows() {
        StringBuilder sb = new StringBuilder();
        for (MappingRow r : table.selectedRows()) {
            sb.append(r.mapping().summary()).append('\t').append(r.mapping().description()).append('\n');
        }
        ClipboardContent c = new ClipboardContent();
        c.putString(sb.toString());
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
    }
}
