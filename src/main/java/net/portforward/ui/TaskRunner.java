package net.portforward.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.progress.Progress;

/**
 * Runs engine calls off the UI thread and hands their progress, partial results and outcome back
 * to it (JabRef's {@code TaskExecutor}): each call becomes an {@link Operation} whose cancel
 * reaches the engine. Both threads are injected: the app runs calls on one shared pool of daemon
 * threads and hands back through {@link Platform#runLater}; a view-model test passes
 * {@link #sameThread()} (or executors it steps by hand) and needs no FX toolkit.
 *
 * <p>{@link #serial()} makes a queue that runs one operation at a time, for a window whose
 * commands must not overlap.
 */
public final class TaskRunner implements AutoCloseable {
    /** An engine call, given the operation's progress. */
    @FunctionalInterface
    public interface EngineCall<T> {
        T call(Progress progress) throws PortForwardException;
    }

    private final Executor background;
    private final Executor ui;
    private final ExecutorService owned;

    /** The app's runner: a cached pool of daemon threads, so nothing keeps the JVM alive on exit. */
    public TaskRunner() {
        this(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "portforward-task");
            t.setDaemon(true);
            return t;
        }), Platform::runLater);
    }

    /**
     * @param background where engine calls run; closed with the runner when it is an ExecutorService
     * @param ui where handlers, progress and partial results are delivered: the UI thread
     */
    public TaskRunner(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
        this.owned = background instanceof ExecutorService s ? s : null;
    }

    /**
     * Everything on the calling thread, as JabRef's {@code CurrentThreadTaskExecutor}: a command
     * has run to its end, handlers included, when it returns. For view-model tests, which call
     * commands from the test thread (never the FX thread, where the engine refuses to run).
     */
    public static TaskRunner sameThread() {
        return new TaskRunner(Runnable::run, Runnable::run);
    }

    public <T> Operation<T, Void> run(EngineCall<T> call, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return run((partial, p) -> call.call(p), x -> { }, onSuccess, onFailure);
    }

    /** As {@link #run(EngineCall, Consumer, Consumer)}, with partial results delivered in order as they come. */
    public <T, P> Operation<T, P> run(Operation.PartialCall<T, P> call, Consumer<P> onPartial, Consumer<T> onSuccess,
                                      Consumer<Throwable> onFailure) {
        Operation<T, P> op = prepare(call, onPartial, onSuccess, onFailure);
        start(op);
        return op;
    }

    <T, P> Operation<T, P> prepare(Operation.PartialCall<T, P> call, Consumer<P> onPartial, Consumer<T> onSuccess,
                                   Consumer<Throwable> onFailure) {
        return new Operation<>(call, ui, onPartial, onSuccess, onFailure);
    }

    void start(Operation<?, ?> op) {
        try {
            background.execute(op::runOnWorker);
        } catch (RejectedExecutionException closing) {
            // The app is shutting down (the runner is closed): a late action is dropped, not thrown
            // at the UI thread.
            op.drop();
        }
    }

    /** Runs {@code action} on the UI thread later (for reports that come from other threads). */
    public void onUiThread(Runnable action) {
        ui.execute(action);
    }

    /** A queue of operations run one at a time, with the running one's state for the view. */
    public SerialTasks serial() {
        return new SerialTasks(this);
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
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}
