package net.portforward.ui.watch;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The change log under the table: time, what changed, from which computer; with the "listen" and
 * "update by itself" check boxes and what the watch is doing. Collapsed until opened.
 */
public final class ChangeLogPane extends TitledPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    public ChangeLogPane(WatchViewModel vm) {
        setId("change-log");
        textProperty().bind(Bindings.createStringBinding(() -> vm.log().isEmpty() ? WatchText.get("log.title")
                : WatchText.format("log.titleCount", vm.log().size()), vm.log()));
        setExpanded(false);
        setAnimated(false);

        CheckBox listen = new CheckBox(WatchText.get("listen"));
        listen.setId("listen");
        listen.setTooltip(new Tooltip(WatchText.get("listen.tip")));
        listen.selectedProperty().bindBidirectional(vm.listeningProperty());
        CheckBox auto = new CheckBox(WatchText.get("autoRefresh"));
        auto.setId("auto-refresh");
        auto.setTooltip(new Tooltip(WatchText.get("autoRefresh.tip")));
        auto.selectedProperty().bindBidirectional(vm.autoRefreshProperty());
        auto.disableProperty().bind(vm.listeningProperty().not());
        Label mode = new Label();
        mode.setId("watch-mode");
        mode.textProperty().bind(vm.modeTextProperty());
        mode.setWrapText(true);
        HBox options = new HBox(12, listen, auto);
        options.getStyleClass().add("toolbar-row");

        TableView<WatchViewModel.Entry> table = new TableView<>(vm.log());
        table.setId("change-table");
        table.setPlaceholder(new Label(WatchText.get("log.empty")));
        table.setPrefHeight(140);
        net.portforward.ui.common.ColumnHeadings.fit(table);
        table.getColumns().add(column(WatchText.get("col.time"), 80, e -> TIME.format(e.time())));
        table.getColumns().add(column(WatchText.get("col.change"), 560, WatchViewModel.Entry::change));
        table.getColumns().add(column(WatchText.get("col.computer"), 200, WatchViewModel.Entry::computer));
        VBox content = new VBox(6, options, mode, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        setContent(content);
    }

    private static TableColumn<WatchViewModel.Entry, String> column(
            String title, double width, java.util.function.Function<WatchViewModel.Entry, String> value) {
        TableColumn<WatchViewModel.Entry, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }
}
