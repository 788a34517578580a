package net.portforward.ui.ledger;

import java.net.InetAddress;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import net.portforward.engine.error.InputMistake;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.model.Retention;
import net.portforward.ledger.preset.PortSpec;
import net.portforward.ui.common.ErrorReport;

/** Asks for a port range (27015-27030), the protocols, the computer and whether to keep it. */
final class RangeDialog {
    /** What the user asked for. */
    record Request(PortSpec spec, InetAddress client, String description, Retention retention) {
    }

    private RangeDialog() {
    }

    static Dialog<Request> create(Window owner, InetAddress thisComputer) {
        Dialog<Request> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(LedgerText.get("range.title"));
        d.setHeaderText(LedgerText.get("range.header"));
        TextField ports = new TextField();
        ports.setId("rangePorts");
        ports.setPromptText("27015-27030");
        ComboBox<String> protocol = new ComboBox<>();
        protocol.setId("rangeProtocol");
        protocol.getItems().addAll("TCP+UDP", "TCP", "UDP");
        protocol.getSelectionModel().selectFirst();
        TextField internal = new TextField();
        internal.setId("rangeInternal");
        TextField client = new TextField(thisComputer == null ? "" : thisComputer.getHostAddress());
        client.setId("rangeClient");
        TextField description = new TextField("PortForward");
        description.setId("rangeDescription");
        CheckBox keep = new CheckBox(LedgerText.get("range.keep"));
        keep.setId("rangeKeep");
        keep.setSelected(true);
        Label error = new Label();
        error.setId("rangeError");
        error.setWrapText(true);
        error.getStyleClass().add("error-text");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label(LedgerText.get("range.ports")), ports);
        grid.addRow(1, new Label(LedgerText.get("range.protocol")), protocol);
        grid.addRow(2, new Label(LedgerText.get("range.internal")), internal);
        grid.addRow(3, new Label(LedgerText.get("range.client")), client);
        grid.addRow(4, new Label(LedgerText.get("range.description")), description);
        grid.add(keep, 1, 5);
        grid.add(error, 0, 6, 2, 1);
        d.getDialogPane().setContent(grid);
        ButtonType add = new ButtonType(LedgerText.get("range.add"), ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(add, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(add).setId("rangeAdd");
        Request[] parsed = new Request[1];
        Runnable check = () -> {
            try {
                int[] r = PortSpec.range(ports.getText());
                int first = internal.getText().isBlank() ? 0 : MappingRules.parsePort(internal.getText(), InputMistake.INTERNAL_PORT);
                PortSpec spec = PortSpec.of(PortSpec.protocols(protocol.getValue()), r[0], r[1], first);
                InetAddress c = MappingRules.parseClient(client.getText().trim());
                MappingRules.checkDescription(description.getText());
                parsed[0] = new Request(spec, c, description.getText(), keep.isSelected() ? Retention.KEEP : Retention.FOR_NOW);
                error.setText("");
            } catch (InvalidInputException e) {
                parsed[0] = null;
                error.setText(ports.getText().isBlank() ? "" : ErrorReport.of("", e).sentence());
            }
        };
        for (var p : new javafx.beans.Observable[] {ports.textProperty(), protocol.valueProperty(), internal.textProperty(),
            client.textProperty(), description.textProperty(), keep.selectedProperty()}) {
            p.addListener(o -> check.run());
        }
        check.run();
        d.getDialogPane().lookupButton(add).disableProperty().bind(Bindings.createBooleanBinding(() -> parsed[0] == null,
                ports.textProperty(), protocol.valueProperty(), internal.textProperty(), client.textProperty(),
                description.textProperty(), keep.selectedProperty()));
        d.setResultConverter(b -> b == add ? parsed[0] : null);
        return d;
    }
}
