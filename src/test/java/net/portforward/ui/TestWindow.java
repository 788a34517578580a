package net.portforward.ui;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Stage;
import net.portforward.engine.PortForwardEngine;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.main.MainViewModel;
import net.portforward.ui.main.MainWindow;
import net.portforward.ui.watch.ChangeNotifier;
import net.portforward.ui.watch.WatchViewModel;

/**
 * The main window over an engine, built on the FX thread the way DesktopApp builds it, for the
 * window tests. A test adds the parts it needs (the watch, the reachability test, the ledger,
 * pinholes, the tray) before the window is shown; {@link #close} ends them all as the app's stop()
 * does: the watch unsubscribed, the FX parts closed on the FX thread, the windows and popups
 * closed, then the runner, the engine and what the test handed over, in the order handed over.
 */
public final class TestWindow implements AutoCloseable {
    /** What a test adds to the window before it is shown; runs on the FX thread. */
    @FunctionalInterface
    public interface Parts {
        void add(TestWindow w) throws Exception;
    }

    public final PortForwardEngine engine;
    public final TaskRunner runner = new TaskRunner();
    public Stage stage;
    public MainViewModel vm;
    public MainWindow window;
    /** What the window's Settings… does; a test may set it while adding its parts. */
    public Runnable openSettings = () -> { };
    private WatchViewModel watch;
    private final Deque<AutoCloseable> closing = new ArrayDeque<>();
    private final List<AutoCloseable> closingOnFx = new ArrayList<>();

    private TestWindow(PortForwardEngine engine) {
        this.engine = engine;
        closing.push(engine);
        closing.push(runner);
    }

    /** The window with its errors shown in its own error dialog, as the app shows them. */
    public static TestWindow open(PortForwardEngine engine, Parts parts) throws InterruptedException {
        return open(engine, null, parts);
    }

    /**
     * Builds and shows the window over {@code engine} (closed with the window), its errors to
     * {@code errors} (null: the window's error dialog), and starts the search for the router.
     */
    public static TestWindow open(PortForwardEngine engine, Consumer<ErrorReport> errors, Parts parts)
            throws InterruptedException {
        TestWindow w = new TestWindow(engine);
        CountDownLatch built = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                w.stage = new Stage();
                w.vm = new MainViewModel(engine, w.runner, errors != null ? errors : report -> w.window.showError(report));
                w.window = new MainWindow(w.stage, w.vm, url -> { }, () -> w.openSettings.run());
                parts.add(w);
                w.stage.setScene(w.window.scene());
                w.stage.show();
                w.vm.discover();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                built.countDown();
            }
        });
        // The first window of a fresh toolkit loads its classes, stylesheets and fonts on the FX
        // thread: over 5 s (onFx's limit) on a build machine at a load average of 10.
        if (!built.await(60, TimeUnit.SECONDS)) {
            throw w.closedAfter(new AssertionError("the window was not built within 60 s"));
        }
        if (failure.get() != null) {
            throw w.closedAfter(new AssertionError("building the window failed", failure.get()));
        }
        return w;
    }

    /** Closes what was opened so far, for a window that failed to build; {@code failure} says why. */
    private AssertionError closedAfter(AssertionError failure) {
        try {
            close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /**
     * The change watch as the app wires it: popups through the window's notifier, and (with
     * {@code follow}) watching whichever router the window shows.
     */
    public ChangeNotifier watch(boolean listen, Duration pollInterval, boolean follow) {
        watch = new WatchViewModel(runner, listen, pollInterval);
        ChangeNotifier notifier = window.attachWatch(watch);
        if (follow) {
            vm.routerProperty().addListener((o, old, shown) -> watch.follow(vm.engine(), shown));
        }
        return notifier;
    }

    public WatchViewModel watch() {
        return watch;
    }

    /** Closed on the FX thread before the windows, as the app's stop() closes its window parts. */
    public <T extends AutoCloseable> T closeOnFx(T c) {
        closingOnFx.add(c);
        return c;
    }

    /** Closed after the windows, the runner and the engine (a fake router, a test server). */
    public <T extends AutoCloseable> T closeAfter(T c) {
        closing.addLast(c);
        return c;
    }

    /**
     * For a test's @AfterEach: closes {@code window} (null when none was opened) and then what the
     * test opened itself, oldest first.
     */
    public static void close(TestWindow window, List<AutoCloseable> thenThese) throws Exception {
        if (window != null) {
            window.close();
        }
        for (AutoCloseable c : thenThese) {
            c.close();
        }
    }

    @Override
    public void close() throws Exception {
        if (watch != null) {
            FxTestSupport.onFx(() -> {
                watch.shutdown(Duration.ofSeconds(2));
                return null;
            });
        }
        FxTestSupport.onFx(() -> {
            for (AutoCloseable c : closingOnFx) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return null;
        });
        FxTestSupport.closeWindowsAndNotifications();
        Exception first = null;
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
