package net.portforward.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
            // The app always has a theme (AtlantaFX's, ui/theme); tests see the light one it starts with,
            // or -Dportforward.theme=dark for pictures of the dark one (Screenshots).
            net.portforward.config.Theme theme = net.portforward.config.Theme.parse(
                    System.getProperty("portforward.theme", "light")).orElse(net.portforward.config.Theme.LIGHT);
            Platform.startup(() -> {
                net.portforward.ui.theme.Themes.apply(theme, false);
                up.countDown();
            });
        } catch (IllegalStateException alreadyRunning) {
            up.countDown();
        }
        assertTrue(up.await(10, TimeUnit.SECONDS), "the FX toolkit did not start");
        // Tests close their windows; the toolkit must outlive the last one for the next test.
        Platform.setImplicitExit(false);
    }

    /**
     * Hides every change notification the ControlsFX way, then the remaining windows. ControlsFX
     * counts showing notifications across windows for its threshold; a popup merely hidden with
     * its window would still count, and the next test's popups would collapse into a summary.
     */
    public static void closeWindowsAndNotifications() throws InterruptedException {
        boolean hidden = onFx(() -> {
            boolean any = false;
            for (javafx.stage.Window w : List.copyOf(javafx.stage.Window.getWindows())) {
                if (w.getScene() != null) {
                    for (javafx.scene.Node n : w.getScene().getRoot().lookupAll(".notification-bar")) {
                        if (n instanceof impl.org.controlsfx.skin.NotificationBar bar) {
                            bar.hide();
                            any = true;
                        }
                    }
                }
            }
            return any;
        });
        if (hidden) {
            // ControlsFX fades them out, then hides their windows and forgets them: wait for that.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (onFx(() -> javafx.stage.Window.getWindows().stream().anyMatch(w -> w.getScene() != null
                    && !w.getScene().getRoot().lookupAll(".notification-bar").isEmpty()))) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("change notifications did not go away in 10 s");
                }
                Thread.sleep(50);
            }
        }
        onFx(() -> {
            for (javafx.stage.Window w : List.copyOf(javafx.stage.Window.getWindows())) {
                w.hide();
            }
            return null;
        });
    }

    /** Clicks the visible node {@code query} finds once a click lands on it (see {@link #clickWhenReady(org.testfx.api.FxRobot, javafx.scene.Node)}). */
    public static void clickWhenReady(org.testfx.api.FxRobot robot, String query) throws InterruptedException {
        // Among the nodes the query finds, a visible one: a dialog closed by an earlier step may
        // still hold a node of the same id.
        clickWhenReady(robot, () -> robot.lookup(query).match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery(),
                () -> query + ", found: " + robot.lookup(query).queryAll().stream().map(FxTestSupport::describe).toList());
    }

    /**
     * Clicks {@code node} once a click lands on it: laid out, visible as TestFX sees it (shown and
     * within its scene's bounds), and standing still on the screen. A dialog just shown, or grown by
     * a line that came, is laid out at the next pulse, which the robot does not wait for: it could
     * aim at where OK was (seen on a loaded machine); ControlsFX slides a notification in, and a
     * click where its button was a moment ago misses it (seen on a cold JVM in CI). The windows are
     * laid out first, so what is measured is where the next frame draws the node.
     */
    public static void clickWhenReady(org.testfx.api.FxRobot robot, javafx.scene.Node node) throws InterruptedException {
        clickWhenReady(robot, () -> java.util.Optional.of(node), () -> describe(node));
    }

    private static void clickWhenReady(org.testfx.api.FxRobot robot, Supplier<java.util.Optional<javafx.scene.Node>> find,
            Supplier<String> what) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            onFx(() -> {
                javafx.stage.Window.getWindows().forEach(w -> {
                    if (w.getScene() != null) {
                        w.getScene().getRoot().layout();
                    }
                });
                return null;
            });
            javafx.scene.Node target = whenStill(find, what);
            try {
                robot.clickOn(target);
                return;
            } catch (RuntimeException movedMeanwhile) {
                // TestFX refuses before pressing anything when the window was still being placed
                // (its scene's screen bounds not yet current): look again after the next pulses.
                if (attempt == 5) {
                    throw movedMeanwhile;
                }
                org.testfx.util.WaitForAsyncUtils.waitForFxEvents(2);
            }
        }
    }

    /** The node once two looks 50 ms apart find it visible (as TestFX sees it) at the same place on the screen. */
    private static javafx.scene.Node whenStill(Supplier<java.util.Optional<javafx.scene.Node>> find, Supplier<String> what)
            throws InterruptedException {
        record Seen(javafx.scene.Node node, javafx.geometry.Bounds onScreen) {
        }
        Seen last = null;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Seen now = onFx(() -> find.get().filter(org.testfx.util.NodeQueryUtils.isVisible()::test)
                    .map(n -> new Seen(n, n.localToScreen(n.getBoundsInLocal()))).orElse(null));
            if (now != null && now.onScreen() != null && now.equals(last)) {
                return now.node();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("not ready for a click in 10 s: last seen " + now + "; " + onFx(what));
            }
            last = now;
            Thread.sleep(50);
        }
    }

    /** Where a node is, for a failure message: its bounds in its scene, the scene's size, its window. */
    private static String describe(javafx.scene.Node n) {
        javafx.scene.Scene scene = n.getScene();
        return n + " visible " + n.isVisible() + ", in scene at " + n.localToScene(n.getBoundsInLocal())
                + (scene == null ? ", no scene" : ", scene " + scene.getWidth() + "x" + scene.getHeight()
                + ", window showing " + (scene.getWindow() != null && scene.getWindow().isShowing()));
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
            // Generous: a loaded CI machine has kept the FX thread busy for seconds (seen: 5 s missed).
            assertTrue(done.await(15, TimeUnit.SECONDS), "the FX thread did not answer in 15 s");
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
