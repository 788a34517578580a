package net.portforward.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Measures when and how long the FX thread stays blocked: a daemon thread posts a no-op to it
 * every 20 ms and records each wait for it to run.
 */
public final class FxWatchdog implements AutoCloseable {
    /** One wait: from posting the no-op to its running, in System.nanoTime. */
    public record Block(long startNanos, long endNanos) {
        public long millis() {
            return (endNanos - startNanos) / 1_000_000;
        }

        /** How much of [from, to] falls inside this wait, in milliseconds. */
        public long overlapMillis(long from, long to) {
            return Math.max(0, Math.min(endNanos, to) - Math.max(startNanos, from)) / 1_000_000;
        }
    }

    private final List<Block> blocks = new ArrayList<>();
    private volatile boolean running = true;
    private final Thread thread;

    public FxWatchdog() {
        thread = new Thread(this::watch, "fx-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (running) {
            CountDownLatch ran = new CountDownLatch(1);
            long start = System.nanoTime();
            Platform.runLater(ran::countDown);
            try {
                boolean answered = ran.await(10, TimeUnit.SECONDS);
                synchronized (blocks) {
                    blocks.add(new Block(start, System.nanoTime()));
                }
                if (!answered) {
                    return;
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Every wait longer than {@code millis}. */
    public List<Block> longerThan(long millis) {
        synchronized (blocks) {
            return blocks.stream().filter(b -> b.millis() > millis).toList();
        }
    }

    public long longestBlockMillis() {
        synchronized (blocks) {
            return blocks.stream().mapToLong(Block::millis).max().orElse(0);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
