package net.portforward.ui.reach;

import static net.portforward.ui.reach.ReachViewModel.text;

import java.util.function.Consumer;
import java.time.Clock;
import java.time.ZoneId;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import javafx.stage.Window;
import net.portforward.ui.TaskRunner;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.common.Icons;
import net.portforward.ui.main.MainViewModel;
import net.portforward.ui.main.MainWindow;

/**
 * The reachability feature as the main window gets it: one toolbar button that opens a small
 * window beside it, and {@link #close()} for the app's shutdown (stops the web server).
 */
public final class ReachWindow implements AutoCloseable {
    private final ReachViewModel vm;
    private final Window owner;
    private final Consumer<String> openInBrowser;
    private final ReachViewModel.Context context;
    private final Consumer<ErrorReport> errors;
    private Stage stage;

    public ReachWindow(Window owner, TaskRunner runner, ReachViewModel.Context context, Consumer<ErrorReport> errors,
                       Consumer<String> openInBrowser) {
        this.owner = owner;
        this.openInBrowser = openInBrowser;
        this.context = context;
        this.errors = errors;
        this.vm = new ReachViewModel(runner, context, errors);
    }

    /**
     * The row tests in the main window ({@link ForwardTests}): its "Reachable" column, "Test" and
     * "Test all", run in its queue; each result also colours the router panel's path.
     */
    public ForwardTests attachTo(MainWindow window, MainViewModel main) {
        ForwardTests tests = new ForwardTests(main.tasks(), context, vm.serverProperty()::get, Clock.systemDefaultZone(),
                errors);
        ForwardTestsView.install(window, main, tests, ZoneId.systemDefault());
        // The picture draws this computer: a test of another device's forward does not colour it,
        // nor one that could not tell.
        tests.lastProperty().addListener((o, was, r) -> {
            if (r == null || r.device() == null && !ForwardTestsView.untestable(r.verdict().reason())) {
                window.routerPanel().path().showTest(r == null ? null : ForwardTestsView.pathMark(r, ZoneId.systemDefault()));
            }
        });
        return tests;
    }

    public ReachViewModel model() {
        return vm;
    }

    /** The toolbar button: opens (or brings forward) the reachability window. */
    public Button toolbarButton() {
        Button b = new Button(text().getString("button.open"), Icons.WEB.node());
        b.setId("reachability");
        b.setTooltip(new Tooltip(text().getString("tip.open")));
        b.setOnAction(e -> show());
        // While an operation disables Edit and Delete, JavaFX moves the focus to the next control;
        // the main window brings it back to the table only from the filter box, so this button must
        // not catch it (seen in the lab window's screenshot: Delete then no longer reached the table).
        b.setFocusTraversable(false);
        return b;
    }

    public void show() {
        if (stage == null) {
            stage = new Stage();
            stage.initOwner(owner);
            stage.setTitle(text().getString("title"));
            ReachPane pane = new ReachPane(vm, openInBrowser);
            Scene scene = new Scene(pane, 640, 330);
            scene.getStylesheets().add(ReachWindow.class.getResource("/net/portforward/ui/portforward.css").toExternalForm());
            stage.setScene(scene);
        }
        stage.show();
        stage.toFront();
    }

    @Override
    public void close() {
        vm.close();
        if (stage != null) {
            stage.close();
        }
    }
}
