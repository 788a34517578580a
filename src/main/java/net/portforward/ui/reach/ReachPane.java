package net.portforward.ui.reach;

import static net.portforward.ui.reach.ReachViewModel.text;

import java.text.MessageFormat;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import net.portforward.reach.Verdict;
import net.portforward.text.Words;
import net.portforward.ui.common.Icons;

/**
 * The reachability pane: "Start web server" with its address and requests served, "Test incoming
 * connectivity" with the verdict in words, and "Open in browser".
 */
public final class ReachPane extends VBox {
    public static final String REACHABLE = "reachable";
    public static final String NOT_REACHABLE = "not-reachable";

    public ReachPane(ReachViewModel vm, Consumer<String> openInBrowser) {
        getStyleClass().add("reach-pane");
        setSpacing(10);

        ToggleButton serverToggle = new ToggleButton(text().getString("server.start"), Icons.WEB.node());
        serverToggle.setId("web-server");
        // The toggle shows whether the server runs: a start that failed (no router, port taken) turns it off again.
        Runnable sync = () -> {
            if (!vm.busyProperty().get()) {
                serverToggle.setSelected(vm.serverProperty().get() != null);
            }
        };
        serverToggle.selectedProperty().addListener((o, was, on) -> {
            vm.setWebServer(on);
            sync.run();
        });
        vm.serverProperty().addListener((o, was, now) -> sync.run());
        vm.busyProperty().addListener((o, was, now) -> sync.run());
        serverToggle.disableProperty().bind(vm.busyProperty());
        serverToggle.textProperty().bind(javafx.beans.binding.Bindings.when(vm.serverProperty().isNotNull())
                .then(text().getString("server.stop")).otherwise(text().getString("server.start")));
        Label address = new Label();
        address.setId("web-server-url");
        address.textProperty().bind(Bindings.createStringBinding(() -> vm.serverProperty().get() == null
                ? text().getString("server.off")
                : MessageFormat.format(text().getString("server.on"), vm.serverProperty().get().url()), vm.serverProperty()));
        Label requests = new Label();
        requests.setId("web-server-requests");
        requests.textProperty().bind(Bindings.createStringBinding(() -> MessageFormat.format(
                text().getString("server.requests"), vm.requestsProperty().get()), vm.requestsProperty()));
        requests.visibleProperty().bind(vm.serverProperty().isNotNull());
        HBox serverRow = new HBox(10, serverToggle, address, requests);
        serverRow.getStyleClass().add("toolbar-row");

        Label target = new Label();
        target.setId("test-target");
        Button test = new Button(text().getString("test.button"), Icons.CONNECT.node());
        test.setId("test");
        test.disableProperty().bind(vm.busyProperty());
        test.setOnAction(e -> vm.test());
        CheckBox temporary = new CheckBox(text().getString("test.temporary"));
        temporary.setId("temporary");
        temporary.selectedProperty().bindBidirectional(vm.addTemporaryProperty());
        ProgressIndicator running = new ProgressIndicator();
        running.setPrefSize(20, 20);
        running.visibleProperty().bind(vm.busyProperty());
        Button browser = new Button(text().getString("browser.open"));
        browser.setId("open-browser");
        browser.setTooltip(new Tooltip(text().getString("browser.tip")));
        browser.setOnAction(e -> vm.browserPage().ifPresent(u -> openInBrowser.accept(u.toString())));
        browser.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.browserPage().isEmpty(),
                vm.verdictProperty()));
        Button repair = new Button(text().getString("test.repair"));
        repair.setId("repair");
        repair.setTooltip(new Tooltip(text().getString("test.repairTip")));
        repair.visibleProperty().bind(vm.repairableProperty());
        repair.managedProperty().bind(repair.visibleProperty());
        repair.disableProperty().bind(vm.busyProperty());
        repair.setOnAction(e -> vm.repair());
        HBox testRow = new HBox(10, test, running, repair, browser);
        testRow.getStyleClass().add("toolbar-row");

        Label verdict = new Label(text().getString("test.none"));
        verdict.setId("verdict");
        verdict.setWrapText(true);
        Label notes = new Label();
        notes.setId("verdict-notes");
        notes.setWrapText(true);
        notes.getStyleClass().add("reach-notes");
        vm.verdictProperty().addListener((o, was, v) -> show(v, verdict, notes));
        vm.busyProperty().addListener((o, was, now) -> {
            if (now && vm.verdictProperty().get() == null) {
                verdict.setText(text().getString("test.running"));
            }
        });
        // What "Test" will test follows the table's selection: read it whenever the pane is shown or the mouse enters.
        Runnable describe = () -> {
            var r = vm.target();
            boolean server = r.protocol() == net.portforward.engine.model.Protocol.TCP
                    && r.externalPort() == r.internalPort() && !vm.selectedTarget();
            target.setText(server ? MessageFormat.format(text().getString("test.targetServer"), r.externalPort())
                    : MessageFormat.format(text().getString("test.targetMapping"), r.protocol() + " " + r.externalPort()
                            + " \u2192 " + r.internalPort()));
        };
        describe.run();
        setOnMouseEntered(e -> describe.run());
        sceneProperty().addListener((o, was, s) -> describe.run());

        getChildren().addAll(serverRow, new Separator(), target, temporary, testRow, verdict, notes);
    }

    private static void show(Verdict v, Label verdict, Label notes) {
        verdict.getStyleClass().removeAll(REACHABLE, NOT_REACHABLE);
        if (v == null) {
            verdict.setText(text().getString("test.running"));
            notes.setText("");
            return;
        }
        verdict.getStyleClass().add(v.reachable() ? REACHABLE : NOT_REACHABLE);
        Words words = net.portforward.ui.common.UiText.words();
        verdict.setText(words.say(v.fact()));
        notes.setText(String.join("\n", v.notes().stream().map(words::say).toList()));
    }
}
