package net.portforward.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The task runner's serial mode: one operation at a time, the later ones waiting in order rather
 * than dropped, so what the user asks for while a re-read runs (Add, Edit, Delete, a popup's
 * button) happens after it instead of being lost. A window binds its buttons to
 * {@link #busyProperty()} and its status line to {@link #progressProperty()} and
 * {@link #messageProperty()}. UI thread only.
 */
public final class SerialTasks {
    /**
     * One operation as it waits in the queue: what to say while it runs, the call, and its handlers.
     * The handlers run before the next operation starts, so a handler that asks for another
     * operation (a re-read after a change) queues it behind those already waiting.
     */
    public record Job<T, P>(String what, Operation.PartialCall<T, P> call, Consumer<P> onPartial, Consumer<T> onSuccess,
                            Consumer<Throwable> onFailure) {
        public static <T> Job<T, Void> of(String what, TaskRunner.EngineCall<T> call, Consumer<T> onSuccess,
                                          Consumer<Throwable> onFailure) {
            return new Job<>(what, (partial, p) -> call.call(p), x -> { }, onSuccess, onFailure);
        }
    }

    private final TaskRunner runner;
    /** Jobs decided at their turn: each supplier runs when everything before it has ended; null means nothing to run. */
    private final Deque<Supplier<Job<?, ?>>> waiting = new ArrayDeque<>();
    private Operation<?, ?> current;
    private boolean pumping;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");

    SerialTasks(TaskRunner runner) {
        this.runner = runner;
    }

    /** Runs the call now, or after the running operation and those already waiting. */
    public <T> void run(String what, TaskRunner.EngineCall<T> call, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Job<T, Void> job = Job.of(what, call, onSuccess, onFailure);
        runAtItsTurn(() -> job);
    }

    /** As {@link #run(String, TaskRunner.EngineCall, Consumer, Consumer)}, with partial results. */
    public <T, P> void run(String what, Operation.PartialCall<T, P> call, Consumer<P> onPartial, Consumer<T> onSuccess,
                           Consumer<Throwable> onFailure) {
        Job<T, P> job = new Job<>(what, call, onPartial, onSuccess, onFailure);
        runAtItsTurn(() -> job);
    }

    /**
     * Queues a job that is made only when its turn comes, from the state then (the router shown
     * by then, say); {@code atItsTurn} may return null when by then there is nothing to do.
     */
    public void runAtItsTurn(Supplier<Job<?, ?>> atItsTurn) {
        waiting.add(atItsTurn);
        pump();
    }

    /** The runner under the queue, for work beside it (sampling a router's counters while a dialog is open). */
    public TaskRunner runner() {
        return runner;
    }

    /** Cancels the running operation; the waiting ones still run. */
    public void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    /** True while an operation runs (and so also while others wait). */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public boolean isBusy() {
        return busy.get();
    }

    /** The running operation's progress, 0 when none runs. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /**
     * What the running operation does, in words; the window may also say here how the last one
     * ended ("3 port forwards.").
     */
    public StringProperty messageProperty() {
        return message;
    }

    /**
     * Starts waiting jobs while nothing runs. A loop rather than recursion: with a same-thread
     * runner an operation ends inside {@link #start}, and its handlers queue the next ones.
     */
    private void pump() {
        if (pumping) {
            return; // the loop below picks it up
        }
        pumping = true;
        try {
            while (current == null && !waiting.isEmpty()) {
                Job<?, ?> job = waiting.poll().get();
                if (job != null) {
                    start(job);
                }
            }
        } finally {
            pumping = false;
        }
        busy.set(current != null);
    }

    private <T, P> void start(Job<T, P> job) {
        message.set(job.what());
        // The handlers need the operation they belong to, which exists only once they are made.
        AtomicReference<Operation<T, P>> self = new AtomicReference<>();
        Operation<T, P> op = runner.prepare(job.call(), partial -> {
            if (current == self.get()) {
                job.onPartial().accept(partial);
            }
        }, value -> {
            ended(self.get());
            job.onSuccess().accept(value);
            pump();
        }, error -> {
            ended(self.get());
            job.onFailure().accept(error);
            pump();
        });
        self.set(op);
        current = op;
        busy.set(true);
        progress.bind(op.progressProperty());
        op.messageProperty().addListener((o, was, text) -> {
            if (current == op && text != null && !text.isEmpty()) {
                message.set(text);
            }
        });
        runner.start(op);
        if (op.isDone() && current == op) {
            ended(op); // dropped: the runner is closed (the app is shutting down)
        }
    }

    private void ended(Operation<?, ?> op) {
        if (current == op) {
            current = null;
            progress.unbind();
            progress.set(0);
        }
    }
}
