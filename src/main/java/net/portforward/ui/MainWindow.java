package net.portforward.ui;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;

/** The main window's scene: the router at the top, its mappings below, progress at the bottom. */
public final class MainWindow {
    private MainWindow() {
    }

    public static Scene build(MainViewModel model) {
        Label name = new Label();
        name.setId("routerName");
        name.textProperty().bind(model.routerNameProperty());
        name.setStyle("-fx-font-size: 1.4em; -fx-font-weight: bold;");
        Label details = new Label();
        details.setId("routerDetails");
        details.textProperty().bind(model.routerDetailsProperty());

        TableView<ListedMapping> table = new TableView<>(model.mappings());
        table.setId("mappings");
        table.setPlaceholder(new Label("No port forwards."));
        table.getColumns().add(column("Protocol", m -> m.protocol().name()));
        table.getColumns().add(column("External port", m -> String.valueOf(m.externalPort())));
        table.getColumns().add(column("Internal client",
                m -> m.internalClient() == null ? "?" : m.internalClient().getHostAddress()));
        table.getColumns().add(column("Internal port", m -> String.valueOf(m.internalPort())));
        table.getColumns().add(column("Enabled", m -> m.enabled() ? "yes" : "no"));
        table.getColumns().add(column("Description", PortMapping::description));
        table.getColumns().add(column("Lease", m -> m.permanent() ? "permanent" : m.lease().toSeconds() + " s"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        Button refresh = new Button("Refresh");
        refresh.setId("refresh");
        refresh.disableProperty().bind(model.busyProperty());
        refresh.setOnAction(e -> model.refresh());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.disableProperty().bind(model.busyProperty().not());
        cancel.setOnAction(e -> model.cancel());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.busyProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);

        HBox bottom = new HBox(8, refresh, cancel, bar, status);
        bottom.setPadding(new Insets(8));
        VBox top = new VBox(4, name, details);
        top.setPadding(new Insets(12));
        BorderPane root = new BorderPane(table, top, null, bottom, null);
        return new Scene(root, 860, 520);
    }

    private static TableColumn<ListedMapping, String> column(String title,
            java.util.function.Function<PortMapping, String> value) {
        TableColumn<ListedMapping, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue().mapping())));
        return c;
    }
}
