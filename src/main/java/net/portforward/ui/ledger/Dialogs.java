package net.portforward.ui.ledger;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ListView;
import javafx.stage.Window;
import net.portforward.ledger.LedgerEntry;
import net.portforward.ledger.Leftovers;
import net.portforward.ledger.MappingResult;
import net.portforward.text.Words;

/** The small dialogs: results of a batch, the leftover offer. */
final class Dialogs {
    /** The answers to the leftover offer. */
    enum CleanupChoice {
        REMOVE, KEEP, LATER
    }

    private Dialogs() {
    }

    /** Every result of a batch, one per line, under its summary. */
    static Alert results(Window owner, String title, List<MappingResult> results) {
        Alert a = new Alert(results.stream().anyMatch(MappingResult::failed) ? Alert.AlertType.WARNING
                : Alert.AlertType.INFORMATION);
        if (owner != null) {
            a.initOwner(owner);
        }
        a.setTitle(title);
        Words words = net.portforward.ui.common.UiText.words();
        a.setHeaderText(words.say(MappingResult.summary(results)));
        ListView<String> list = new ListView<>(FXCollections.observableArrayList(
                results.stream().map(r -> words.say(r.fact())).toList()));
        list.setId("results");
        list.setPrefHeight(Math.min(240, 26 * results.size() + 4));
        list.setPrefWidth(620);
        a.getDialogPane().setContent(list);
        a.getDialogPane().setId("resultsPane");
        return a;
    }

    /** "PortForward did not close normally last time and left 3 temporary port forwards (…)". */
    static Dialog<CleanupChoice> cleanup(Window owner, List<LedgerEntry> left) {
        Dialog<CleanupChoice> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(LedgerText.get("cleanup.title"));
        d.setHeaderText(LedgerText.format("cleanup.header", Leftovers.describe(left)));
        ListView<String> list = new ListView<>(FXCollections.observableArrayList(left.stream()
                .map(e -> e.mapping().summary() + "  \"" + e.mapping().description() + "\"").toList()));
        list.setPrefHeight(Math.min(200, 26 * left.size() + 4));
        javafx.scene.control.Label text = new javafx.scene.control.Label(LedgerText.get("cleanup.text"));
        text.setWrapText(true);
        d.getDialogPane().setContent(new javafx.scene.layout.VBox(8, text, list));
        d.getDialogPane().setId("cleanupPane");
        ButtonType remove = new ButtonType(LedgerText.get("cleanup.remove"), ButtonData.OK_DONE);
        ButtonType keep = new ButtonType(LedgerText.get("cleanup.keep"), ButtonData.OTHER);
        ButtonType later = new ButtonType(LedgerText.get("cleanup.later"), ButtonData.CANCEL_CLOSE);
        d.getDialogPane().getButtonTypes().addAll(remove, keep, later);
        d.getDialogPane().lookupButton(remove).setId("cleanupRemove");
        d.getDialogPane().lookupButton(keep).setId("cleanupKeep");
        d.getDialogPane().lookupButton(later).setId("cleanupLater");
        d.setResultConverter(b -> b == remove ? CleanupChoice.REMOVE : b == keep ? CleanupChoice.KEEP : CleanupChoice.LATER);
        return d;
    }
}
