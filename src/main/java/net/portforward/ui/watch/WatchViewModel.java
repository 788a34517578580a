package net.portforward.ui.watch;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.ui.common.UiText;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.watch.RouterChange;
import net.portforward.engine.watch.RouterSnapshot;
import net.portforward.engine.watch.RouterWatch;
import net.portforward.ui.TaskRunner;
import net.portforward.ui.common.ErrorReport;

/**
 * The window's side of the change watch: the "listen" check box, what the watch is doing in
 * words, the change log, and the changes handed to whoever shows popups. Lives on the FX thread;
 * the watch starts through the task runner, reports on its own thread, and every report is moved
 * to the FX thread here. Stopping (which tells the router) never runs on the FX thread.
 */
public final class WatchViewModel {
    /** One line of the change log. */
    public record Entry(Instant time, String change, String computer) {
    }

    /** The log keeps this many lines: a router that changes all day must not fill memory. */
    static final int LOG_LIMIT = 1000;

    private final TaskRunner runner;
    private final BooleanProperty listening;
    private final BooleanProperty autoRefresh = new SimpleBooleanProperty(false);
    private final StringProperty modeText = new SimpleStringProperty(WatchText.get("mode.off"));
    private final ObservableList<Entry> log = FXCollections.observableArrayList();
    private Duration pollInterval;
    private Consumer<List<RouterChange>> onChanges = c -> { };
    private Consumer<RouterChange.RouterRestarted> onRestart = r -> { };
    private PortForwardEngine engine;
    private Router router;
    private RouterWatch watch;

    public WatchViewModel(TaskRunner runner, boolean listen, Duration pollInterval) {
        this.runner = runner;
        this.pollInterval = pollInterval;
        this.listening = new SimpleBooleanProperty(listen);
        listening.addListener((o, was, on) -> restart());
    }

    /** Who is told of each batch of changes (the popups); called on the FX thread. */
    public void setOnChanges(Consumer<List<RouterChange>> handler) {
        this.onChanges = handler;
    }

    /** Who acts on a router restart (putting back the mappings the user keeps); FX thread. */
    public void setOnRestart(Consumer<RouterChange.RouterRestarted> handler) {
        this.onRestart = handler;
    }

    /** Adds lines to the change log that are not the router's changes (what PortForward put back). */
    public void note(List<String> lines) {
        Instant now = Instant.now();
        for (String line : lines) {
            log.add(0, new Entry(now, line, ""));
        }
        if (log.size() > LOG_LIMIT) {
            log.remove(LOG_LIMIT, log.size());
        }
    }

    /** Watches {@code router} from now on (none when null), through {@code engine}. */
    public void follow(PortForwardEngine newEngine, Router newRouter) {
        if (newRouter == router && newEngine == engine) {
            return;
        }
        engine = newEngine;
        router = newRouter;
        restart();
    }

    /** New settings: the watch starts again with them. */
    public void configure(boolean listen, Duration newPollInterval) {
        boolean restartNeeded = !newPollInterval.equals(pollInterval) && listen == listening.get();
        pollInterval = newPollInterval;
        listening.set(listen); // restarts when it changed
        if (restartNeeded) {
            restart();
        }
    }

    private void restart() {
        stopInBackground();
        if (!listening.get() || router == null) {
            modeText.set(WatchText.get("mode.off"));
            return;
        }
        Router r = router;
        InetAddress thisComputer = r.gateway().localAddress();
        Reports reports = new Reports(thisComputer);
        RouterWatch w = engine.watch(r, RouterWatch.Options.of(true, pollInterval), reports);
        reports.mine = w;
        watch = w;
        modeText.set(WatchText.get("mode.starting"));
        runner.run(p -> w.start(p), first -> { }, e -> {
            if (watch == w) {
                modeText.set(WatchText.format("mode.failed", ErrorReport.of("", e).sentence()));
            }
        });
    }

    private void stopInBackground() {
        RouterWatch old = watch;
        watch = null;
        if (old != null) {
            runner.run(p -> {
                old.close();
                return null;
            }, x -> { }, e -> { });
        }
    }

    /**
     * At exit: unsubscribes so the router stops sending events to a closed port, waiting at most
     * {@code limit}. Called from the FX thread, so the router call runs on a thread of its own.
     */
    public void shutdown(Duration limit) {
        RouterWatch old = watch;
        watch = null;
        if (old == null) {
            return;
        }
        TaskRunner.runAndWait("portforward-watch-stop", old::close, limit);
    }

    /** The watch's reports, moved to the FX thread and ignored once that watch is replaced. */
    private final class Reports implements RouterWatch.Listener {
        private final InetAddress thisComputer;
        private volatile RouterWatch mine;
        /** What the watch was doing before the router stopped answering, to show again after. */
        private String beforeProblem;

        Reports(InetAddress thisComputer) {
            this.thisComputer = thisComputer;
        }

        private void later(Runnable r) {
            runner.onUiThread(() -> {
                if (watch != null && watch == mine) {
                    r.run();
                }
            });
        }

        @Override
        public void onChanges(List<RouterChange> changes, RouterSnapshot now) {
            later(() -> {
                for (RouterChange c : changes) {
                    log.add(0, new Entry(c.time(), net.portforward.ui.common.UiText.words().say(c.fact()), computer(c)));
                }
                if (log.size() > LOG_LIMIT) {
                    log.remove(LOG_LIMIT, log.size());
                }
                changes.stream().filter(RouterChange.RouterRestarted.class::isInstance)
                        .map(RouterChange.RouterRestarted.class::cast).forEach(onRestart);
                onChanges.accept(changes);
            });
        }

        @Override
        public void onMode(RouterWatch.Mode mode, Fact why) {
            later(() -> {
                switch (mode) {
                    case EVENTS -> modeText.set(WatchText.get("mode.events"));
                    case POLLING -> modeText.set(WatchText.format("mode.polling", UiText.words().span(pollInterval, 5),
                            withoutFullStop(why == null ? "" : UiText.words().say(why))));
                    default -> { }
                }
            });
        }

        @Override
        public void onProblem(PortForwardException problem) {
            String message = ErrorReport.of("", problem).sentence();
            later(() -> {
                if (beforeProblem == null) {
                    beforeProblem = modeText.get();
                }
                modeText.set(WatchText.format("mode.problem", message));
            });
        }

        @Override
        public void onRecovered() {
            later(() -> {
                if (beforeProblem != null) {
                    modeText.set(beforeProblem);
                    beforeProblem = null;
                }
            });
        }

        private String computer(RouterChange c) {
            return c.client().map(a -> a.equals(thisComputer)
                    ? WatchText.format("thisComputer", a.getHostAddress()) : a.getHostAddress()).orElse("");
        }
    }

    private static String withoutFullStop(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    // ---- state for the view ----

    public BooleanProperty listeningProperty() {
        return listening;
    }

    public BooleanProperty autoRefreshProperty() {
        return autoRefresh;
    }

    public ReadOnlyStringProperty modeTextProperty() {
        return modeText;
    }

    public ObservableList<Entry> log() {
        return log;
    }
}
