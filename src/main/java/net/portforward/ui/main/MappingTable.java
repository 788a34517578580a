package net.portforward.ui.main;

import net.portforward.ui.common.UiText;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.net.Ipv6;
import net.portforward.ui.common.Icons;

/**
 * The mapping table: sortable, filtered by the model, this computer's rows marked; the pinholes
 * PortForward opened in the router's IPv6 firewall below the forwards, marked IPv6.
 */
public final class MappingTable extends TableView<MappingRow> {
    public static final String THIS_COMPUTER = "this-computer";
    public static final String HELD = "held";
    public static final String FLAWED = "flawed";
    public static final String IPV6 = "ipv6";

    private final TableRows shown;

    public MappingTable(MainViewModel vm) {
        shown = new TableRows(vm.filteredRows(), vm.filterProperty());
        SortedList<MappingRow> sorted = new SortedList<>(shown.rows());
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        setId("mappings");
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        // Before a router is read, an empty table would wrongly say the router has no forwards.
        Label empty = new Label();
        empty.textProperty().bind(javafx.beans.binding.Bindings.when(vm.statusProperty().isNull())
                .then(UiText.get("table.noRouterYet")).otherwise(UiText.get("table.empty")));
        setPlaceholder(empty);
        editableProperty().bind(vm.busyProperty().not());
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        net.portforward.ui.common.ColumnHeadings.fit(this);

        TableColumn<MappingRow, Boolean> enabled = new TableColumn<>(UiText.get("table.on"));
        enabled.setId("colEnabled");
        enabled.setCellValueFactory(c -> c.getValue().enabledProperty());
        enabled.setCellFactory(c -> new CheckBoxTableCell<>() {
            @Override
            public void updateItem(Boolean value, boolean empty) {
                // A pinhole is open or closed, never off: its box is shown ticked, not to be changed.
                MappingRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setEditable(row == null || row.pinhole().isEmpty());
                super.updateItem(value, empty);
            }
        });
        enabled.setEditable(true);
        enabled.setPrefWidth(48);

        TableColumn<MappingRow, String> client = rowText(UiText.get("table.client"), "colClient",
                r -> r.pinhole().isPresent() ? Ipv6.text(r.pinhole().get().address())
                        : r.mapping().internalClient() == null ? "?" : r.mapping().internalClient().getHostAddress());
        client.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                MappingRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : value);
                setGraphic(row != null && row.thisComputer() ? Icons.THIS_COMPUTER.node() : null);
                setTooltip(row != null && row.thisComputer() ? new Tooltip(UiText.get("table.thisComputer")) : null);
            }
        });
        // The address with the "this computer" icon beside it: "192.168.100.100" whole.
        client.setPrefWidth(175);

        TableColumn<MappingRow, String> lease = new TableColumn<>(UiText.get("table.lease"));
        lease.setId("colLease");
        lease.setCellValueFactory(c -> Bindings.createStringBinding(
                () -> c.getValue().leaseLeft(vm.clockProperty().get()), vm.clockProperty()));
        // Two units whole in every language: "6 days 23 h", "6 Tage 23 Std.", "59 min 59 s".
        lease.setPrefWidth(135);

        getColumns().addAll(List.of(enabled,
                rowText(UiText.get("table.protocol"), "colProtocol", r -> r.pinhole().isPresent()
                        ? r.mapping().protocol().name() + " \u00b7 " + UiText.get("table.ipv6") : r.mapping().protocol().name()),
                number(UiText.get("table.external"), "colExternal", PortMapping::externalPort),
                client,
                number(UiText.get("table.internal"), "colInternal", PortMapping::internalPort),
                rowText(UiText.get("table.description"), "colDescription", MappingRow::pinholeText),
                text(UiText.get("table.remote"), "colRemote", m -> m.remoteHost() == null ? UiText.get("table.remoteAny") : m.remoteHost().getHostAddress()),
                lease));

        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(MappingRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll(THIS_COMPUTER, HELD, FLAWED, IPV6);
                setTooltip(null);
                if (empty || row == null) {
                    return;
                }
                if (row.thisComputer()) {
                    getStyleClass().add(THIS_COMPUTER);
                }
                if (row.pinhole().isPresent()) {
                    getStyleClass().add(IPV6);
                    setTooltip(new Tooltip(UiText.get("table.ipv6Tip")));
                }
                if (row.heldByApp()) {
                    getStyleClass().add(HELD);
                    setTooltip(new Tooltip(UiText.get("table.held")));
                }
                if (!row.listed().warnings().isEmpty()) {
                    getStyleClass().add(FLAWED);
                    setTooltip(new Tooltip(UiText.format("table.odd", String.join("; ",
                            row.listed().warnings().stream().map(net.portforward.ui.common.UiText.words()::say).toList()))));
                }
            }
        });
    }

    private static TableColumn<MappingRow, String> text(String title, String id, Function<PortMapping, String> value) {
        TableColumn<MappingRow, String> c = new TableColumn<>(title);
        c.setId(id);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue().mapping())));
        c.setEditable(false);
        return c;
    }

    private static TableColumn<MappingRow, String> rowText(String title, String id, Function<MappingRow, String> value) {
        TableColumn<MappingRow, String> c = new TableColumn<>(title);
        c.setId(id);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setEditable(false);
        return c;
    }

    private static TableColumn<MappingRow, Integer> number(String title, String id, Function<PortMapping, Integer> value) {
        TableColumn<MappingRow, Integer> c = new TableColumn<>(title);
        c.setId(id);
        c.setCellValueFactory(cell -> (ObservableValue<Integer>) new ReadOnlyObjectWrapper<>(value.apply(cell.getValue().mapping())));
        c.setEditable(false);
        c.setPrefWidth(100);
        return c;
    }

    /**
     * Shows {@code pinholes} below the router's forwards, through the same filter: the pinholes
     * PortForward opened in the router's IPv6 firewall, which the router's table does not list.
     */
    public void showAlso(ObservableList<MappingRow> pinholes) {
        shown.showAlso(pinholes);
    }

    /** The selected rows, in table order. */
    public List<MappingRow> selectedRows() {
        return List.copyOf(getSelectionModel().getSelectedItems());
    }
}
