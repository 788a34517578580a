package net.portforward.ui;

import javafx.concurrent.Task;
import net.portforward.engine.progress.Progress;

/** A {@link Task} that is also the engine's {@link Progress}: reports become progress and message. */
final class EngineTask<T> extends Task<T> implements Progress {
    private final TaskRunner.EngineCall<T> call;

    EngineTask(TaskRunner.EngineCall<T> call) {
        this.call = call;
    }

    @Override
    protected T call() throws Exception {
        return call.call(this);
    }

    @Override
    public void report(double fraction, String message) {
        updateProgress(fraction < 0 ? -1 : Math.min(fraction, 1), 1);
        updateMessage(message);
    }
}
