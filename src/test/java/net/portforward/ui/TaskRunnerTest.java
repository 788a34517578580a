package net.portforward.ui;

import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.RouterUnreachableException;
import net.portforward.engine.progress.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter from engine calls to JavaFX tasks, on the headless (Monocle) FX toolkit. */
class TaskRunnerTest {
    private static final TaskRunner RUNNER = new TaskRunner();

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startFx();
    }

    @AfterAll
    static void stop() {
        RUNNER.close();
    }

    @Test
    void progressAndMessageReachTheTaskAndTheResultArrivesOnTheFxThread() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<String> result = new AtomicReference<>();
        AtomicBoolean onFxThread = new AtomicBoolean();
        AtomicBoolean callOffFxThread = new AtomicBoolean();
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Operation<String, Void> task = RUNNER.run(p -> {
            callOffFxThread.set(!Platform.isFxApplicationThread());
            p.report(0.5, Step.READING_TABLE.with());
            reported.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new CancelledException();
            }
            return "done";
        }, value -> {
            onFxThread.set(Platform.isFxApplicationThread());
            result.set(value);
            done.countDown();
        }, error -> done.countDown());
        assertTrue(reported.await(5, TimeUnit.SECONDS));
        waitFor(() -> onFx(() -> task.progressProperty().get() == 0.5 && "Reading the mapping table\u2026".equals(task.messageProperty().get())));
        release.countDown();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals("done", result.get());
        assertTrue(onFxThread.get(), "success handler runs on the FX thread");
        assertTrue(callOffFxThread.get(), "the engine call never runs on the FX thread");
    }

    @Test
    void aCallAfterTheRunnerClosedIsDroppedNotThrown() throws Exception {
        TaskRunner closed = new TaskRunner();
        closed.close();
        AtomicBoolean ran = new AtomicBoolean();
        Operation<String, Void> task = onFx(() -> closed.run(p -> {
            ran.set(true);
            return "late";
        }, v -> ran.set(true), e -> ran.set(true)));
        waitFor(() -> onFx(task::isDone));
        assertTrue(task.isCancelled());
        assertTrue(!ran.get(), "neither the call nor its handlers ran");
    }

    @Test
    void failuresArriveAsTheEngineException() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> error = new AtomicReference<>();
        RUNNER.run(p -> {
            throw new RouterUnreachableException("The router at 192.168.1.1:5000 did not answer in time.", null);
        }, v -> done.countDown(), e -> {
            error.set(e);
            done.countDown();
        });
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertTrue(error.get() instanceof RouterUnreachableException);
    }

    @Test
    void cancelReachesTheEngineCall() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean succeeded = new AtomicBoolean();
        Operation<Void, Void> task = RUNNER.run(p -> {
            started.countDown();
            try {
                while (true) {
                    p.checkCancelled();
                    Thread.sleep(10); // the pace of a slow engine loop, not a wait for anything
                }
            } catch (CancelledException | InterruptedException e) {
                stopped.countDown();
                throw new CancelledException();
            }
        }, v -> succeeded.set(true), e -> { });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        Platform.runLater(task::cancel);
        assertTrue(stopped.await(5, TimeUnit.SECONDS), "the engine loop saw the cancel");
        assertFalse(succeeded.get());
    }
}
