package net.portforward.ui.main;

import net.portforward.ui.common.UiText;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import net.portforward.ui.common.Icons;

/**
 * Shown instead of an empty table when no router could be read: what happened in words, and
 * what to try (Retry, another interface, Connect to URL).
 */
public final class ProblemPane extends VBox {
    /** @param copyReport "Copy a report" on the router that did not work, or null for none */
    public ProblemPane(MainViewModel vm, Runnable connectToUrl, Runnable copyReport) {
        // Read with the window, not once per program: a language chosen since applies.
        String automatic = UiText.get("problem.automatic");
        getStyleClass().add("problem-pane");
        setId("problem");
        Label title = new Label();
        title.setId("problemTitle");
        title.getStyleClass().add("heading");
        title.setGraphic(Icons.WARNING.node());
        Label explanation = new Label();
        explanation.setId("problemExplanation");
        explanation.setWrapText(true);
        title.textProperty().bind(Bindings.createStringBinding(
                () -> vm.problemProperty().get() == null ? "" : vm.problemProperty().get().title(), vm.problemProperty()));
        explanation.textProperty().bind(Bindings.createStringBinding(
                () -> vm.problemProperty().get() == null ? "" : vm.problemProperty().get().explanation(),
                vm.problemProperty()));

        Button retry = new Button(UiText.get("problem.retry"), Icons.RETRY.node());
        retry.setId("retry");
        retry.setDefaultButton(true);
        retry.disableProperty().bind(vm.busyProperty());
        retry.setOnAction(e -> vm.discover());
        Button connect = new Button(UiText.get("button.connect"), Icons.CONNECT.node());
        connect.setId("problemConnect");
        connect.disableProperty().bind(vm.busyProperty());
        connect.setOnAction(e -> connectToUrl.run());

        ObservableList<String> choices = FXCollections.observableArrayList(automatic);
        ComboBox<String> nif = new ComboBox<>(choices);
        vm.interfaces().addListener((ListChangeListener<String>) c -> {
            String keep = vm.chosenInterfaceProperty().get();
            choices.setAll(automatic);
            choices.addAll(vm.interfaces());
            // The interface searched on stays shown, also one the list leaves out (--interface lo).
            if (keep != null && !choices.contains(keep)) {
                choices.add(keep);
            }
            nif.setValue(keep == null ? automatic : keep);
            vm.chosenInterfaceProperty().set(keep);
        });
        nif.setId("interfaceChoice");
        nif.setValue(automatic);
        nif.valueProperty().addListener((o, a, v) ->
                vm.chosenInterfaceProperty().set(v == null || v.equals(automatic) ? null : v));
        Label nifLabel = new Label(UiText.get("problem.searchOn"), Icons.INTERFACE.node());

        HBox actions = new HBox(8, retry, connect);
        if (copyReport != null) {
            Button report = new Button(UiText.get("problem.copyReport"), Icons.COPY.node());
            report.setId("problemCopyReport");
            report.disableProperty().bind(vm.busyProperty());
            report.setOnAction(e -> copyReport.run());
            actions.getChildren().add(report);
        }
        // The pane is narrow (46em): buttons keep their whole names, the interface choice its own row.
        actions.getChildren().forEach(b -> ((Button) b).setMinWidth(Region.USE_PREF_SIZE));
        nifLabel.setMinWidth(Region.USE_PREF_SIZE);
        nif.setMinWidth(Region.USE_PREF_SIZE);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox searchOn = new HBox(8, nifLabel, nif);
        searchOn.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(title, explanation, actions, searchOn);
        visibleProperty().bind(vm.problemProperty().isNotNull());
        managedProperty().bind(visibleProperty());
    }
}
