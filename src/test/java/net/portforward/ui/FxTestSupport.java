package net.portforward.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;

/** The headless FX toolkit for tests, and reading state on its thread. */
public final class FxTestSupport {
    private FxTestSupport() {
    }

    /** Starts the toolkit once per test JVM (Monocle, set up in the pom). */
    public static void startFx() throws InterruptedException {
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
        } catch (IllegalStateException alreadyRunning) {
            up.countDown();
        }
        assertTrue(up.await(10, TimeUnit.SECONDS), "the FX toolkit did not start");
        // Tests close their windows; the toolkit must outlive the last one for the next test.
        Platform.setImplicitExit(false);
    }

    /** Reads a value on the FX thread, where FX state may be read. */
    public static <T> T onFx(Supplier<T> read) {
        AtomicReference<T> value = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            value.set(read.get());
            done.countDown();
        });
        try {
            assertTrue(done.await(5, TimeUnit.SECONDS), "the FX thread did not answer in 5 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return value.get();
    }

    /** Waits up to 10 s for a condition to hold (checked once per round, so it cannot flip between). */
    public static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.sleep(20);
        }
    }
}
