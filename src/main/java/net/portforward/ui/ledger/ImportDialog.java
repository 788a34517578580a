package net.portforward.ui.ledger;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import net.portforward.ledger.transfer.ImportPlan;

/**
 * The import preview: each line of the file, what it would do (add, identical, conflict,
 * repeated, invalid) and why. Import adds only the new ones; nothing is sent before it is clicked.
 */
final class ImportDialog {
    private ImportDialog() {
    }

    /** Results in true when the user chose Import. */
    static Dialog<Boolean> create(Window owner, ImportPlan plan) {
        Dialog<Boolean> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(LedgerText.get("import.title"));
        d.setHeaderText(LedgerText.format("import.header", plan.summary()));
        TableView<ImportPlan.Item> table = new TableView<>(FXCollections.observableArrayList(plan.items()));
        table.setId("importPreview");
        TableColumn<ImportPlan.Item, Integer> line = new TableColumn<>(LedgerText.get("import.line"));
        line.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().line()));
        line.setPrefWidth(50);
        TableColumn<ImportPlan.Item, String> verdict = new TableColumn<>(LedgerText.get("import.verdict"));
        verdict.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(LedgerText.get("import." + c.getValue().verdict())));
        verdict.setPrefWidth(170);
        TableColumn<ImportPlan.Item, String> what = new TableColumn<>("");
        what.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(net.portforward.ui.common.UiText.words().say(c.getValue().fact())));
        what.setPrefWidth(560);
        table.getColumns().add(line);
        table.getColumns().add(verdict);
        table.getColumns().add(what);
        table.setPrefSize(800, 320);
        d.getDialogPane().setContent(table);
        ButtonType importButton = new ButtonType(LedgerText.get("import.button"), ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(importButton, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(importButton).setId("importApply");
        d.getDialogPane().lookupButton(importButton).setDisable(plan.count(ImportPlan.Verdict.ADD) == 0);
        d.setResultConverter(b -> b == importButton);
        return d;
    }
}
