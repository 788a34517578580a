package net.portforward.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.progress.Progress;

/**
 * One engine call run by the {@link TaskRunner}: the engine's {@link Progress} on the worker side,
 * read-only progress and message properties on the UI side, and a cancel that reaches the engine.
 * Like JavaFX's {@code Task} it hands everything to the UI thread (progress and message coalesced,
 * partial results in order, then the result), but it needs no FX toolkit: the runner says which
 * executor is "the UI thread", so a view-model test can run it all on its own thread.
 *
 * <p>Exactly one of the handlers runs, once: the success handler with the value, or the failure
 * handler with the engine's exception, or with a {@link CancelledException} at once when the UI
 * cancels (what the call still returns after that is dropped).
 *
 * @param <T> the call's result
 * @param <P> the partial results it hands over while it runs (rows as the router lists them)
 */
public final class Operation<T, P> implements Progress {
    /** An engine call that hands over partial results as it goes. */
    @FunctionalInterface
    public interface PartialCall<T, P> {
        T call(Consumer<P> partial, Progress progress) throws PortForwardException;
    }

    private enum State { WAITING, RUNNING, ENDED }

    private final PartialCall<T, P> call;
    private final Executor ui;
    private final Consumer<P> onPartial;
    private final Consumer<T> onSuccess;
    private final Consumer<Throwable> onFailure;
    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
    private volatile boolean cancelled;
    /** The thread running the call, while it runs; guarded by this. */
    private Thread worker;

    // JavaFX's Task starts indeterminate (-1) too: a bar bound to it moves until the first report.
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    /** The latest report not yet shown; reports faster than the UI draws replace each other. */
    private final AtomicReference<Report> pendingReport = new AtomicReference<>();
    private final ConcurrentLinkedQueue<P> pendingPartials = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean partialsPosted = new AtomicBoolean();

    private record Report(double fraction, String message) {
    }

    Operation(PartialCall<T, P> call, Executor ui, Consumer<P> onPartial, Consumer<T> onSuccess,
              Consumer<Throwable> onFailure) {
        this.call = call;
        this.ui = ui;
        this.onPartial = onPartial;
        this.onSuccess = onSuccess;
        this.onFailure = onFailure;
    }

    /** On the worker: runs the call unless it was cancelled first, then hands the outcome to the UI. */
    void runOnWorker() {
        if (!state.compareAndSet(State.WAITING, State.RUNNING)) {
            return; // cancelled (or dropped) before its turn
        }
        synchronized (this) {
            worker = Thread.currentThread();
        }
        T value = null;
        Throwable failure = null;
        try {
            value = call.call(this::partial, this);
        } catch (Throwable t) {
            failure = t;
        } finally {
            // Under the lock a cancel interrupts with: an interrupt meant for this call never
            // reaches the next task the thread runs.
            synchronized (this) {
                worker = null;
                if (cancelled) {
                    Thread.interrupted();
                }
            }
        }
        T result = value;
        Throwable error = failure;
        ui.execute(() -> end(result, error));
    }

    private void end(T value, Throwable error) {
        if (!state.compareAndSet(State.RUNNING, State.ENDED)) {
            return; // cancelled meanwhile: the failure handler has run already
        }
        deliverPartials(); // anything handed over just before the end comes first
        if (error == null) {
            onSuccess.accept(value);
        } else {
            onFailure.accept(error);
        }
    }

    /**
     * On the UI thread: stops the call. The failure handler runs now with a {@link CancelledException};
     * the engine sees the cancel at its next check (and its thread is interrupted, which ends a
     * router call in flight).
     */
    public void cancel() {
        cancelled = true;
        State was = state.getAndSet(State.ENDED);
        if (was == State.ENDED) {
            return;
        }
        synchronized (this) {
            if (worker != null && worker != Thread.currentThread()) {
                worker.interrupt();
            }
        }
        onFailure.accept(new CancelledException());
    }

    /** The runner is closed: the call never runs and no handler is called. */
    void drop() {
        cancelled = true;
        state.set(State.ENDED);
    }

    /** True once a handler has run (or the operation was dropped). */
    public boolean isDone() {
        return state.get() == State.ENDED;
    }

    /** 0..1, or -1 while the end is unknown; changes on the UI thread. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What the engine says it is doing; changes on the UI thread. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    // ---- the engine's side ----

    @Override
    public void report(double fraction, Fact step) {
        // Worded here, on the worker: the UI thread only sets the text.
        String text = step == null ? "" : net.portforward.ui.common.UiText.words().say(step);
        if (pendingReport.getAndSet(new Report(fraction < 0 ? -1 : Math.min(fraction, 1), text)) == null) {
            ui.execute(() -> {
                Report r = pendingReport.getAndSet(null);
                if (r != null && state.get() != State.ENDED) {
                    progress.set(r.fraction());
                    message.set(r.message() == null ? "" : r.message());
                }
            });
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    private void partial(P item) {
        pendingPartials.add(item);
        if (partialsPosted.compareAndSet(false, true)) {
            ui.execute(this::deliverPartials);
        }
    }

    /** On the UI thread: every partial result handed over so far, in order, as long as the operation counts. */
    private void deliverPartials() {
        partialsPosted.set(false);
        List<P> batch = new ArrayList<>();
        for (P p = pendingPartials.poll(); p != null; p = pendingPartials.poll()) {
            batch.add(p);
        }
        if (!cancelled) { // after a cancel, what the call still lists is not shown
            batch.forEach(onPartial);
        }
    }
}
