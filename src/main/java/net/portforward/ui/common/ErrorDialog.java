package net.portforward.ui.common;

import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** Shows an {@link ErrorReport}: the sentence, with the details in an expandable section. */
public final class ErrorDialog {
    private ErrorDialog() {
    }

    public static Alert create(Window owner, ErrorReport report) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle(report.title());
        alert.setHeaderText(report.title());
        Label sentence = new Label(report.sentence());
        sentence.setWrapText(true);
        sentence.setId("errorSentence");
        alert.getDialogPane().setContent(sentence);
        TextArea details = new TextArea(report.details());
        details.setEditable(false);
        details.setWrapText(true);
        details.setId("errorDetails");
        details.getStyleClass().add("details-area");
        details.setPrefRowCount(5);
        alert.getDialogPane().setExpandableContent(details);
        alert.setGraphic(Icons.ERROR.node());
        alert.getDialogPane().setMinWidth(460);
        return alert;
    }
}
