package net.portforward.ui.router;

import java.util.List;
import net.portforward.config.Durations;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.ui.common.UiText;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.RouterStatus;
import net.portforward.ui.common.Icons;
import net.portforward.ui.main.MainViewModel;

/**
 * The top of the window: which router, its model, its internet address (with a copy button),
 * the connection and its uptime, a badge when the router sits behind another NAT, and a picture
 * of the way in from the internet ({@link PathView}).
 */
public final class RouterPanel extends VBox {
    private final Label name = new Label();
    private final Label model = new Label();
    private final Label address = new Label();
    private final Label connection = new Label();
    private final Label natBadge = new Label();
    /** The internet address, its copy button and the connection: only when a router was read. */
    private final HBox details = new HBox(8);
    private final javafx.beans.value.ObservableBooleanValue busy;
    private final PathView path = new PathView();

    /**
     * @param showNatExplanation shows the verdict's explanation when the badge is clicked
     */
    public RouterPanel(MainViewModel vm, Runnable moreInformation, Runnable connectToUrl,
            Consumer<String> showNatExplanation) {
        getStyleClass().add("router-panel");
        busy = vm.busyProperty();
        name.setId("routerName");
        name.getStyleClass().add("heading");
        name.setGraphic(Icons.ROUTER.node());
        model.setId("routerModel");
        model.getStyleClass().add("muted");
        address.setId("externalAddress");
        connection.setId("connection");
        natBadge.setId("natBadge");
        natBadge.getStyleClass().add("badge");

        Button copy = new Button(null, Icons.COPY.node());
        copy.setId("copyAddress");
        copy.setTooltip(new Tooltip(UiText.get("tip.copy")));
        copy.setOnAction(e -> copyAddress(vm.statusProperty().get()));
        copy.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.statusProperty().get() == null || vm.statusProperty().get().externalIpText().isEmpty(),
                vm.statusProperty()));

        Button more = new Button(UiText.get("button.more"), Icons.INFO.node());
        more.setId("moreInformation");
        more.disableProperty().bind(vm.busyProperty().or(vm.statusProperty().isNull()));
        more.setOnAction(e -> moreInformation.run());

        ComboBox<Gateway> picker = new ComboBox<>(vm.gateways());
        picker.setId("gatewayPicker");
        picker.valueProperty().bindBidirectional(vm.selectedGatewayProperty());
        picker.setCellFactory(l -> new GatewayCell());
        picker.setButtonCell(new GatewayCell());
        picker.visibleProperty().bind(Bindings.size(vm.gateways()).greaterThan(1));
        picker.managedProperty().bind(picker.visibleProperty());
        picker.disableProperty().bind(vm.busyProperty());

        Button connect = new Button(UiText.get("button.connect"), Icons.CONNECT.node());
        connect.setId("connectToUrl");
        connect.disableProperty().bind(vm.busyProperty());
        connect.setOnAction(e -> connectToUrl.run());

        natBadge.setOnMouseClicked(e -> {
            RouterStatus s = vm.statusProperty().get();
            if (s != null) {
                showNatExplanation.accept(UiText.words().nat(s.natVerdict()));
            }
        });

        // In a narrow window the router picker gives way (its names are in its list), never the
        // badge or the buttons ("Pu…", "Con…" were seen in the lab).
        double em = javafx.scene.text.Font.getDefault().getSize();
        picker.setMinWidth(8 * em);
        picker.setMaxWidth(24 * em);
        for (Region keep : List.of(natBadge, connect, more)) {
            keep.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox first = new HBox(8, name, natBadge, grow, picker, connect, more);
        first.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        // Short of room (long words, a long router name), the name wraps; the badge and buttons keep their words.
        name.setWrapText(true);
        name.setStyle("-fx-min-width: 10em;");
        for (Region whole : new Region[] {natBadge, connect, more}) {
            whole.setMinWidth(Region.USE_PREF_SIZE);
        }
        Label dot = new Label("\u00b7");
        dot.visibleProperty().bind(connection.textProperty().isNotEmpty());
        dot.managedProperty().bind(dot.visibleProperty());
        details.getChildren().addAll(address, copy, dot, connection);
        details.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        details.managedProperty().bind(details.visibleProperty());
        model.managedProperty().bind(model.visibleProperty());
        getChildren().addAll(first, model, details, path);

        vm.selectedGatewayProperty().addListener((o, a, g) -> show(g, vm.statusProperty().get()));
        vm.statusProperty().addListener((o, a, s) -> show(vm.selectedGatewayProperty().get(), s));
        // With no router yet, the heading says whether one is being looked for.
        vm.busyProperty().addListener((o, a, b) -> show(vm.selectedGatewayProperty().get(), vm.statusProperty().get()));
        show(null, null);
    }

    /** The picture of the way in, which a reachability test colours. */
    public PathView path() {
        return path;
    }

    private void show(Gateway g, RouterStatus s) {
        details.setVisible(s != null);
        // While the search runs there is nothing to draw yet.
        path.setVisible(g != null || !busy.get());
        path.setManaged(path.isVisible());
        path.showRouter(g != null, s == null ? null : s.natVerdict());
        if (g == null) {
            name.setText(UiText.get(busy.get() ? "router.looking" : "router.none"));
            model.setText(busy.get() ? "" : UiText.get("router.noneBelow"));
            model.setVisible(!busy.get());
            address.setText("");
            connection.setText("");
            natBadge.setVisible(false);
            return;
        }
        model.setVisible(true);
        natBadge.setVisible(s != null); // a router that stopped answering has no verdict
        name.setText(g.name().isEmpty() ? g.address().getHostAddress() : g.name());
        // "Debian" + "Debian router" would read "Debian Debian router": skip a maker the model repeats.
        String modelText = g.upnp().map(u -> {
            String maker = u.device().manufacturer();
            String modelName = u.device().modelName();
            return (modelName.startsWith(maker) ? modelName : String.join(" ", maker, modelName)).trim();
        }).orElse("");
        model.setText((modelText.isEmpty() ? "" : modelText + " \u00b7 ") + g.address().getHostAddress() + " \u00b7 "
                + g.serviceLabel());
        if (s == null) {
            return;
        }
        address.setText(s.externalIpText().isEmpty() ? UiText.get("router.noAddress")
                : UiText.format("router.address", s.externalIpText()));
        connection.setText(s.uptime() == null ? connection(s.connectionStatus())
                : UiText.format("router.up", connection(s.connectionStatus()), uptime(s.uptime())));
        natBadge.setVisible(true);
        natBadge.getStyleClass().removeAll("badge-warning", "badge-ok");
        if (s.natVerdict() == NatVerdict.PUBLIC) {
            natBadge.setText(UiText.get("router.public"));
            natBadge.getStyleClass().add("badge-ok");
        } else {
            natBadge.setText(UiText.get(s.natVerdict() == NatVerdict.DOUBLE_NAT ? "router.doubleNat" : "router.unknown"));
            natBadge.getStyleClass().add("badge-warning");
            natBadge.setGraphic(Icons.WARNING.node());
        }
        natBadge.setTooltip(new Tooltip(UiText.words().nat(s.natVerdict())));
    }

    static String uptime(Duration d) {
        return UiText.words().span(d.truncatedTo(ChronoUnit.SECONDS), 2);
    }

    /** "Connected", "Disconnected"…: the router's connection state in the window's language. */
    static String connection(ConnectionStatus status) {
        return UiText.get("connection." + status.name());
    }

    private static void copyAddress(RouterStatus s) {
        if (s != null && !s.externalIpText().isEmpty()) {
            ClipboardContent c = new ClipboardContent();
            c.putString(s.externalIpText());
            Clipboard.getSystemClipboard().setContent(c);
        }
    }

    private static final class GatewayCell extends ListCell<Gateway> {
        @Override
        protected void updateItem(Gateway g, boolean empty) {
            super.updateItem(g, empty);
            setText(empty || g == null ? null : (g.name().isEmpty() ? g.serviceLabel() : g.displayName()) + " \u2013 "
                    + g.address().getHostAddress() + " \u2013 " + connection(g.status().connectionStatus())
                    + (g.defaultGateway() ? "" : " \u2013 " + UiText.get("router.notDefaultGateway")));
        }
    }
}
