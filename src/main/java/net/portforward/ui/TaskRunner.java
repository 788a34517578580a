package net.portforward.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.progress.Progress;

/**
 * Runs engine calls off the FX thread: each call becomes a {@link Task} whose progress and message
 * follow the engine's {@link Progress} reports and whose cancel reaches the engine, on one shared
 * executor of daemon threads. Success and failure handlers run on the FX thread. There is no
 * same-thread variant for tests: commands chain on the FX thread, where the engine refuses to run.
 */
public final class TaskRunner implements AutoCloseable {
    /** An engine call, given the task's progress. */
    @FunctionalInterface
    public interface EngineCall<T> {
        T call(Progress progress) throws PortForwardException;
    }

    private final ExecutorService executor;

    /** The app's runner: a cached pool of daemon threads, so nothing keeps the JVM alive on exit. */
    public TaskRunner() {
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "portforward-task");
            t.setDaemon(true);
            return t;
        });
    }

    public <T> Task<T> run(EngineCall<T> call, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        EngineTask<T> task = new EngineTask<>(call);
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closing) {
            // The app is shutting down (the runner is closed): a late action is dropped, not thrown
            // at the FX thread.
            task.cancel();
        }
        return task;
    }

    /**
     * For shutdown only, when the FX thread must wait for a last router call (an UNSUBSCRIBE,
     * removing temporary forwards): runs it on a daemon thread of its own and waits at most
     * {@code limit}; what does not finish by then is left (the router lets it run out).
     */
    public static void runAndWait(String name, Runnable lastCall, java.time.Duration limit) {
        Thread t = new Thread(lastCall, name);
        t.setDaemon(true);
        t.start();
        try {
            t.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
