package net.portforward.ui.reach;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.stage.WindowEvent;
import net.portforward.engine.model.PortMapping;
import net.portforward.reach.ProxyClient;
import net.portforward.reach.Reason;
import net.portforward.text.Words;
import net.portforward.ui.common.Icons;
import net.portforward.ui.common.UiText;
import net.portforward.ui.main.MainViewModel;
import net.portforward.ui.main.MainWindow;
import net.portforward.ui.main.MappingRow;
import net.portforward.ui.main.MappingTable;
import net.portforward.ui.router.NetworkPath;

/**
 * The row tests in the main window: the "Reachable" column, "Test" and "Test all" in the
 * toolbar, and "Test from the internet" in the table's menu.
 */
public final class ForwardTestsView {
    public static final String REACHABLE = "reach-yes";
    public static final String NOT_REACHABLE = "reach-no";
    public static final String UNKNOWN = "reach-unknown";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT);

    private ForwardTestsView() {
    }

    /** Puts the column, the buttons and the menu item into {@code window}. */
    public static void install(MainWindow window, MainViewModel vm, ForwardTests tests, ZoneId zone) {
        MappingTable table = window.table();
        table.getColumns().add(column(tests, zone));
        BooleanBinding noRouter = vm.statusProperty().isNull();
        BooleanBinding noForwardSelected = Bindings.createBooleanBinding(() -> testable(table.selectedRows()).isEmpty(),
                table.getSelectionModel().getSelectedItems());

        Button all = new Button(ReachViewModel.text().getString("rows.all"), Icons.WEB.node());
        all.setId("testAll");
        all.setTooltip(new Tooltip(ReachViewModel.text().getString("rows.allTip")));
        all.setFocusTraversable(false);
        all.disableProperty().bind(vm.busyProperty().or(noRouter));
        all.setOnAction(e -> tests.test(thisComputersForwards(vm)));
        Button one = new Button(ReachViewModel.text().getString("rows.test"), Icons.CONNECT.node());
        one.setId("testForward");
        one.setTooltip(new Tooltip(ReachViewModel.text().getString("rows.testTip")));
        one.setFocusTraversable(false);
        one.disableProperty().bind(vm.busyProperty().or(noRouter).or(noForwardSelected));
        one.setOnAction(e -> tests.test(testable(table.selectedRows())));
        // addTool puts each right after Delete: the last added comes first.
        window.addTool(all);
        window.addTool(one);

        MenuItem test = new MenuItem(ReachViewModel.text().getString("rows.menu"), Icons.WEB.node());
        test.setId("menuTest");
        test.setOnAction(e -> tests.test(testable(table.selectedRows())));
        table.getContextMenu().getItems().addAll(new SeparatorMenuItem(), test);
        table.getContextMenu().addEventHandler(WindowEvent.WINDOW_SHOWING, e -> test.setDisable(
                vm.busyProperty().get() || vm.statusProperty().get() == null || testable(table.selectedRows()).isEmpty()));

        vm.routerProperty().addListener((o, was, now) -> {
            if (was != null && (now == null || !now.recordId().equals(was.recordId()))) {
                tests.clear();
            }
        });
    }

    /** The rows' forwards a test can reach: not the IPv6 pinholes, not those PortForward holds off the router. */
    static List<PortMapping> testable(List<MappingRow> rows) {
        return rows.stream().filter(r -> r != null && r.pinhole().isEmpty() && !r.heldByApp())
                .map(MappingRow::mapping).toList();
    }

    /** "Test all": this computer's forwards that are switched on. */
    static List<PortMapping> thisComputersForwards(MainViewModel vm) {
        return testable(vm.rows().stream().filter(r -> r.thisComputer() && r.mapping().enabled()).toList());
    }

    private static TableColumn<MappingRow, ForwardTests.Result> column(ForwardTests tests, ZoneId zone) {
        TableColumn<MappingRow, ForwardTests.Result> c = new TableColumn<>(ReachViewModel.text().getString("rows.column"));
        c.setId("colReach");
        c.setEditable(false);
        c.setPrefWidth(220);
        c.setCellValueFactory(cell -> {
            MappingRow row = cell.getValue();
            return Bindings.createObjectBinding(() -> {
                ForwardTests.Result r = tests.results().get(row.mapping().key());
                return r != null && row.pinhole().isEmpty() && r.about(row.mapping()) ? r : null;
            }, tests.results());
        });
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ForwardTests.Result r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll(REACHABLE, NOT_REACHABLE, UNKNOWN);
                MappingRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (empty || row == null || row.pinhole().isPresent()) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                if (r == null) {
                    setText(ReachViewModel.text().getString("rows.notTested"));
                    getStyleClass().add(UNKNOWN);
                    setTooltip(null);
                    return;
                }
                setText(text(r, zone));
                getStyleClass().add(r.verdict().reachable() ? REACHABLE : untestable(r.verdict().reason()) ? UNKNOWN
                        : NOT_REACHABLE);
                Tooltip tip = new Tooltip(tooltip(r, zone));
                tip.setWrapText(true);
                tip.setMaxWidth(480);
                setTooltip(tip);
            }
        });
        return c;
    }

    /** "Reachable at 14:02", "Not reachable: no forward on the router (at 14:02)". */
    static String text(ForwardTests.Result r, ZoneId zone) {
        String at = TIME.format(r.at().atZone(zone));
        if (r.verdict().reachable()) {
            return MessageFormat.format(ReachViewModel.text().getString(r.device() == null ? "rows.yes" : "rows.yesDevice"), at);
        }
        String reason = reason(r);
        return MessageFormat.format(ReachViewModel.text().getString(untestable(r.verdict().reason()) ? "rows.cannot" : "rows.no"),
                reason, at);
    }

    /**
     * The verdict in full, in the window's words: when, why (with the port and, for another
     * device, its address), which checker said so, and for another device what the test cannot prove.
     */
    static String tooltip(ForwardTests.Result r, ZoneId zone) {
        ResourceBundle text = ReachViewModel.text();
        String at = TIME.format(r.at().atZone(zone));
        String head = MessageFormat.format(text.getString("rows.testedAt"), at);
        PortMapping m = r.tested();
        String key = "tip." + r.verdict().reason().name();
        if (r.device() != null && text.containsKey(key + ".device")) {
            key = key + ".device";
        }
        String why = UiText.format(text, key, m.key().toString(), m.internalPort(),
                r.device() == null ? "" : r.device().getHostAddress());
        String checker = r.verdict().proxy() == null || r.verdict().roundTrip() == null ? ""
                : "\n" + UiText.format(text, "tip.checkedBy", ProxyClient.name(r.verdict().proxy()),
                        r.verdict().roundTrip().toMillis());
        String device = r.device() == null ? "" : "\n" + MessageFormat.format(text.getString("rows.deviceNote"),
                r.device().getHostAddress());
        return head + "\n" + why + checker + device;
    }

    private static String reason(ForwardTests.Result r) {
        Reason reason = r.verdict().reason();
        String key = "reason." + reason.name();
        if (r.device() != null && ReachViewModel.text().containsKey(key + ".device")) {
            key = key + ".device";
        }
        return ReachViewModel.text().getString(key);
    }

    /** Where on the path the test stopped, for the router panel's picture. */
    public static NetworkPath.TestMark pathMark(ForwardTests.Result r, ZoneId zone) {
        NetworkPath.Hop at = r.verdict().reachable() ? null : switch (r.verdict().reason()) {
            // Of another device the picture shows nothing: it draws this computer.
            case SERVER_NOT_RUNNING, LOCAL_FIREWALL -> r.device() == null ? NetworkPath.Hop.COMPUTER : null;
            case NO_MAPPING, MAPPING_TO_OTHER_COMPUTER -> NetworkPath.Hop.ROUTER;
            case DOUBLE_NAT -> NetworkPath.Hop.OUTER_NAT;
            default -> null;
        };
        return new NetworkPath.TestMark(r.verdict().reachable(), at,
                r.tested().key() + " · " + TIME.format(r.at().atZone(zone)));
    }

    /** Reasons that say the test could not tell, rather than that the way in is shut. */
    public static boolean untestable(Reason reason) {
        return reason == Reason.UDP_IN_USE || reason == Reason.ALL_PROXIES_DOWN || reason == Reason.NO_CHECKER;
    }
}
