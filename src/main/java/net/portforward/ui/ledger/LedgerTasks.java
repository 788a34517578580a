package net.portforward.ui.ledger;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import net.portforward.engine.error.CancelledException;
import net.portforward.ledger.MappingResult;
import net.portforward.ui.Operation;
import net.portforward.ui.TaskRunner;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.main.MainViewModel;

/**
 * How the ledger's window parts run engine calls: through the task runner, with a small progress
 * window and Cancel for batches, failures as error reports, and the table read again after.
 */
final class LedgerTasks {
    private final Stage stage;
    private final MainViewModel vm;
    private final TaskRunner runner;
    private final Consumer<ErrorReport> errors;

    LedgerTasks(Stage stage, MainViewModel vm, TaskRunner runner, Consumer<ErrorReport> errors) {
        this.stage = stage;
        this.vm = vm;
        this.runner = runner;
        this.errors = errors;
    }

    void showResults(List<MappingResult> results) {
        Dialogs.results(stage, LedgerText.get("results.title"), results).show();
        refreshSoon();
    }

    /** The table is read again once the main window is not busy. */
    void refreshSoon() {
        vm.refreshSoon();
    }

    /** Runs a call through the task runner with no progress window and no error dialog. */
    <T> void quietly(TaskRunner.EngineCall<T> call, Consumer<T> done, Consumer<Throwable> failed) {
        runner.run(call, done, failed);
    }

    /**
     * Runs an engine call; with a title, in a small progress window with Cancel (batches take
     * seconds on a slow router).
     */
    <T> void run(String title, TaskRunner.EngineCall<T> call, Consumer<T> done) {
        java.util.concurrent.atomic.AtomicReference<Dialog<Void>> progress = new java.util.concurrent.atomic.AtomicReference<>();
        Operation<T, Void> task = runner.run(call, value -> {
            close(progress.get());
            done.accept(value);
        }, error -> {
            close(progress.get());
            if (!(error instanceof CancelledException)) {
                errors.accept(ErrorReport.of(title == null ? LedgerText.get("error.title") : title, error));
            }
            // A cancelled batch stops between router calls; the table read again shows what it did.
            refreshSoon();
        });
        if (title != null && !task.isDone()) {
            Dialog<Void> d = new Dialog<>();
            d.initOwner(stage);
            d.setTitle(title);
            ProgressBar bar = new ProgressBar();
            bar.setId("batchProgress");
            bar.setPrefWidth(420);
            bar.progressProperty().bind(task.progressProperty());
            Label message = new Label();
            message.setId("batchMessage");
            message.textProperty().bind(task.messageProperty());
            d.getDialogPane().setContent(new VBox(8, message, bar));
            d.getDialogPane().getButtonTypes().add(ButtonType.CANCEL);
            d.setOnCloseRequest(e -> task.cancel());
            progress.set(d);
            d.show();
        }
    }

    private static void close(Dialog<?> d) {
        if (d != null && d.isShowing()) {
            d.setOnCloseRequest(null);
            d.setResult(null);
            d.close();
        }
    }
}
