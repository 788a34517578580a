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

    /**
     * Clicks a node once it stands still on the screen: ControlsFX slides a notification in, and a
     * click at where its button was a moment ago misses it (seen on a cold JVM in CI).
     */
    public static void clickWhenStill(org.testfx.api.FxRobot robot, javafx.scene.Node node) throws InterruptedException {
        javafx.geometry.Bounds last = null;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            javafx.geometry.Bounds now = onFx(() -> node.localToScreen(node.getBoundsInLocal()));
            if (now != null && now.equals(last)) {
                break;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the node kept moving: " + now);
            }
            last = now;
            Thread.sleep(100);
        }
        robot.clickOn(node);
    }

    /**
     * Clicks the node {@code query} finds once it lies inside its window's scene: a dialog just
     * shown (or grown by a line that came) is laid out at the next pulse, and until then its OK
     * can sit outside it, where TestFX refuses to click (seen on a loaded machine).
     */
    public static void clickWhenLaidOut(org.testfx.api.FxRobot robot, String query) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            // Among the nodes the query finds, the one TestFX would click: a visible one (a dialog
            // closed by an earlier step may still hold a node of the same id).
            waitFor(() -> onFx(() -> robot.lookup(query).match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().map(n -> {
                javafx.geometry.Bounds b = n.localToScene(n.getBoundsInLocal());
                javafx.scene.Scene scene = n.getScene();
                return scene != null && b.getMinX() >= 0 && b.getMinY() >= 0 && b.getMaxX() <= scene.getWidth()
                        && b.getMaxY() <= scene.getHeight();
            }).orElse(false)));
            try {
                robot.clickOn(query);
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
