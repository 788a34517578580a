package net.portforward.ui.mapping;

import static net.portforward.ui.mapping.MappingForm.text;

import java.net.URL;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import net.portforward.engine.model.PortMapping;
import net.portforward.ui.common.Icons;

/**
 * Asks before deleting port forwards, naming each one. Cancel is the default button, so Enter
 * (or a hasty double click on the window) keeps the forwards; only a click on Delete removes them.
 */
public final class DeleteConfirmation {
    /** On the Delete button, for the stylesheet's colour of a destructive action. */
    public static final String DANGER = "danger";
    /** Rows the list shows before it scrolls. */
    private static final int VISIBLE_ROWS = 8;

    private DeleteConfirmation() {
    }

    /** Results in true only when the user chose Delete. */
    public static Dialog<Boolean> create(Window owner, List<PortMapping> toDelete) {
        if (toDelete.isEmpty()) {
            throw new IllegalArgumentException("nothing to delete");
        }
        Dialog<Boolean> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(text("delete.title"));
        dialog.setHeaderText(text("delete.header", toDelete.size()));
        dialog.setGraphic(MappingDialog.icon(Icons.DELETE, MappingDialog.HEADER_ICON_EM));

        DialogPane pane = dialog.getDialogPane();
        URL css = DeleteConfirmation.class.getResource(MappingDialog.STYLESHEET);
        if (css != null) {
            pane.getStylesheets().add(css.toExternalForm());
        }
        ButtonType delete = new ButtonType(text("delete.button"), ButtonData.OK_DONE);
        pane.getButtonTypes().addAll(delete, ButtonType.CANCEL);
        Button deleteButton = (Button) pane.lookupButton(delete);
        deleteButton.setId("delete");
        deleteButton.getStyleClass().add(DANGER);
        deleteButton.setDefaultButton(false); // OK_DONE would make it the default
        Button cancel = (Button) pane.lookupButton(ButtonType.CANCEL);
        cancel.setId("cancel");
        cancel.setDefaultButton(true);

        ListView<String> list = new ListView<>(FXCollections.observableArrayList(
                toDelete.stream().map(DeleteConfirmation::line).toList()));
        list.setId("deleteList");
        list.setFocusTraversable(false); // nothing to choose in it: keep the focus on Cancel
        list.setStyle("-fx-pref-height: " + (Math.min(toDelete.size(), VISIBLE_ROWS) * 2 + 0.3) + "em;"
                + " -fx-pref-width: 30em;");
        Label detail = new Label(text("delete.detail"));
        detail.setWrapText(true);
        VBox content = new VBox(list, detail);
        content.setStyle("-fx-spacing: 0.8em;");
        pane.setContent(content);

        dialog.setOnShown(e -> cancel.requestFocus());
        dialog.setResultConverter(button -> button == delete);
        return dialog;
    }

    /** "TCP 8080 → 192.168.1.23:80 · web server". */
    static String line(PortMapping m) {
        return m.description().isEmpty() ? m.summary() : m.summary() + " \u00b7 " + m.description();
    }
}
