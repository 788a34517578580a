package net.portforward.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.progress.Step;
import org.junit.jupiter.api.Test;

/**
 * The task runner's serial mode and partial results, with a background the test steps by hand and
 * the test thread as the UI thread: no FX toolkit.
 */
class SerialTasksTest {
    private final ManualExecutor background = new ManualExecutor();
    private final TaskRunner runner = new TaskRunner(background, Runnable::run);
    private final List<String> said = new ArrayList<>();

    @Test
    void laterOperationsWaitInOrderInsteadOfBeingDropped() {
        SerialTasks tasks = runner.serial();
        tasks.run("first", p -> "1", said::add, e -> said.add("failed"));
        tasks.run("second", p -> "2", said::add, e -> said.add("failed"));
        tasks.run("third", p -> "3", said::add, e -> said.add("failed"));
        assertTrue(tasks.isBusy());
        assertEquals("first", tasks.messageProperty().get());
        assertEquals(1, background.waiting(), "one at a time");
        background.runAll();
        assertEquals(List.of("1", "2", "3"), said);
        assertFalse(tasks.isBusy());
    }

    @Test
    void whatAHandlerAsksForQueuesBehindWhatAlreadyWaits() {
        SerialTasks tasks = runner.serial();
        tasks.run("change", p -> "changed", v -> {
            said.add(v);
            tasks.run("re-read", p -> "re-read", said::add, e -> { });
        }, e -> { });
        tasks.run("user", p -> "user's", said::add, e -> { });
        background.runAll();
        assertEquals(List.of("changed", "user's", "re-read"), said);
    }

    @Test
    void aJobMadeAtItsTurnSeesTheStateOfThen() {
        SerialTasks tasks = runner.serial();
        StringBuilder state = new StringBuilder("before");
        tasks.run("first", p -> "1", v -> state.replace(0, state.length(), "after"), e -> { });
        tasks.runAtItsTurn(() -> {
            String seen = state.toString();
            return SerialTasks.Job.of("second", p -> seen, said::add, e -> { });
        });
        tasks.runAtItsTurn(() -> null); // nothing to do by then: skipped
        background.runAll();
        assertEquals(List.of("after"), said);
        assertFalse(tasks.isBusy());
    }

    @Test
    void cancelEndsTheRunningOneAtOnceAndTheWaitingOnesStillRun() {
        SerialTasks tasks = runner.serial();
        AtomicBoolean ran = new AtomicBoolean();
        tasks.run("slow", p -> {
            ran.set(true);
            return "late";
        }, said::add, e -> said.add(e instanceof CancelledException ? "cancelled" : "failed"));
        tasks.run("next", p -> "next", said::add, e -> { });
        tasks.cancel();
        assertEquals(List.of("cancelled"), said, "the failure handler ran at once");
        background.runAll();
        assertFalse(ran.get(), "a call cancelled before its turn never reaches the router");
        assertEquals(List.of("cancelled", "next"), said);
        assertFalse(tasks.isBusy());
    }

    @Test
    void partialResultsArriveInOrderBeforeTheResult() {
        List<String> seen = new ArrayList<>();
        runner.run((Operation.PartialCall<String, Integer>) (rows, p) -> {
            rows.accept(1);
            rows.accept(2);
            rows.accept(3);
            return "done";
        }, row -> seen.add("row " + row), seen::add, e -> seen.add("failed"));
        assertTrue(seen.isEmpty(), "nothing before the call runs");
        background.runAll();
        assertEquals(List.of("row 1", "row 2", "row 3", "done"), seen);
    }

    @Test
    void progressAndMessageFollowTheEngineOnTheUiSide() {
        ManualExecutor ui = new ManualExecutor();
        TaskRunner stepped = new TaskRunner(background, ui);
        Operation<String, Void> op = stepped.run(p -> {
            p.report(0.25, Step.READING_STATUS.with());
            p.report(0.5, Step.READING_TABLE.with());
            return "done";
        }, said::add, e -> { });
        assertEquals(-1, op.progressProperty().get(), "unknown until the first report");
        background.runAll();
        assertEquals(-1, op.progressProperty().get(), "reports reach the UI on its thread only");
        ui.runAll();
        assertEquals("Reading the mapping table\u2026", op.messageProperty().get(), "reports faster than the UI shows them: the last counts");
        assertEquals(0.5, op.progressProperty().get());
        assertEquals(List.of("done"), said);
        assertTrue(op.isDone());
    }

    @Test
    void theSameThreadRunnerHasRunEverythingWhenItReturns() {
        TaskRunner now = TaskRunner.sameThread();
        SerialTasks tasks = now.serial();
        tasks.run("one", p -> "1", v -> {
            said.add(v);
            tasks.run("two", p -> "2", said::add, e -> { });
        }, e -> { });
        assertEquals(List.of("1", "2"), said);
        assertFalse(tasks.isBusy());
    }
}
