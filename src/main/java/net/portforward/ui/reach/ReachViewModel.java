package net.portforward.ui.reach;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import net.portforward.config.Proxy;
import net.portforward.config.Settings;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.reach.MappingAccess;
import net.portforward.reach.ProxyHttp;
import net.portforward.reach.ReachRequest;
import net.portforward.reach.ReachTest;
import net.portforward.reach.TestListener;
import net.portforward.reach.TestPageServer;
import net.portforward.reach.Verdict;
import net.portforward.ui.TaskRunner;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.common.Throttle;

/**
 * The reachability window's state and commands: the built-in web server (on this computer's
 * address in the router's network) and the test, for the web server's port or the forward
 * selected in the main window. Engine work runs through the {@link TaskRunner}; properties change
 * on the FX thread only.
 */
public final class ReachViewModel implements AutoCloseable {
    /** This package's words, in the window's language. */
    static ResourceBundle text() {
        return net.portforward.ui.common.UiText.bundle("net.portforward.ui.reach.ReachText");
    }
    /** A checker spends up to 5 s connecting back. */
    static final Duration PROXY_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The request count changes on screen at most this often: any LAN host can request the page
     * thousands of times a second, and one FX event per request would flood the window.
     */
    static final Duration REQUEST_COUNT_INTERVAL = Duration.ofMillis(250);
    /** How long the app's shutdown waits for the web server to stop. */
    static final Duration STOP_LIMIT = Duration.ofSeconds(2);

    /** What the main window offers the test: the engine, the router, the selected forward. */
    public interface Context {
        Settings settings();

        PortForwardEngine engine();

        /** The router in use, or {@code null} before one was found. */
        Gateway gateway();

        /** The forward selected in the table, if exactly one is. */
        Optional<PortMapping> selectedMapping();

        /** A context read through the app's current objects (the engine is replaced when settings change). */
        static Context of(Supplier<Settings> settings, Supplier<PortForwardEngine> engine, Supplier<Gateway> gateway,
                          Supplier<Optional<PortMapping>> selected) {
            return new Context() {
                @Override
                public Settings settings() {
                    return settings.get();
                }

                @Override
                public PortForwardEngine engine() {
                    return engine.get();
                }

                @Override
                public Gateway gateway() {
                    return gateway.get();
                }

                @Override
                public Optional<PortMapping> selectedMapping() {
                    return selected.get();
                }
            };
        }
    }

    private final TaskRunner runner;
    private final Context context;
    private final Consumer<ErrorReport> errors;
    private final ObjectProperty<TestPageServer> server = new SimpleObjectProperty<>();
    private final LongProperty requests = new SimpleLongProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty addTemporary = new SimpleBooleanProperty(true);
    private final ObjectProperty<Verdict> verdict = new SimpleObjectProperty<>();
    /** Updates {@link #requests} from the running server; FX thread only. */
    private Throttle requestCount;
    private final javafx.beans.binding.BooleanBinding repairable = javafx.beans.binding.Bindings.createBooleanBinding(
            () -> verdict.get() != null && verdict.get().repairable(), verdict);
    /** What the last test tested: what "Repair" repairs and tests again. FX thread only. */
    private ReachRequest lastRequest;

    public ReachViewModel(TaskRunner runner, Context context, Consumer<ErrorReport> errors) {
        this.runner = runner;
        this.context = context;
        this.errors = errors;
    }

    // ---- the web server ----

    /** Starts the web server on the [webserver] port, or stops it. */
    public void setWebServer(boolean on) {
        if (busy.get() || on == (server.get() != null)) {
            return;
        }
        if (!on) {
            // Stopping waits for the server's threads: not on the FX thread. Busy until it is
            // done, so the port is free before the web server can be started again.
            TestPageServer running = stopCounting();
            server.set(null);
            busy.set(true);
            runner.run(p -> {
                running.close();
                return null;
            }, done -> busy.set(false), failed -> busy.set(false));
            return;
        }
        Gateway g = context.gateway();
        if (g == null) {
            errors.accept(new ErrorReport(text().getString("error.server"), text().getString("server.noRouter"), ""));
            return;
        }
        InetAddress lan = g.localAddress();
        int port = context.settings().webServerPort();
        busy.set(true);
        runner.run(p -> TestPageServer.start(lan, port), started -> {
            busy.set(false);
            requestCount = new Throttle(REQUEST_COUNT_INTERVAL,
                    () -> runner.onUiThread(() -> requests.set(started.requestsServed())));
            started.onRequest(requestCount::request);
            requests.set(started.requestsServed());
            server.set(started);
        }, failure -> {
            busy.set(false);
            errors.accept(ErrorReport.of(text().getString("error.server"), failure));
        });
    }

    /** [webserver] start = true: the web server starts once the router (and so the LAN address) is known. */
    public void startWithRouter(javafx.beans.value.ObservableValue<?> routerStatus) {
        if (!context.settings().startWebServer()) {
            return;
        }
        javafx.beans.value.ChangeListener<Object> once = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<?> o, Object was, Object now) {
                if (now != null && context.gateway() != null) {
                    routerStatus.removeListener(this);
                    setWebServer(true);
                }
            }
        };
        routerStatus.addListener(once);
    }

    // ---- the test ----

    /** What "Test" will test: the selected forward to this computer, else the web server's port. */
    public ReachRequest target() {
        Optional<PortMapping> selected = selectedForward();
        if (selected.isPresent()) {
            PortMapping m = selected.get();
            return new ReachRequest(m.protocol(), m.externalPort(), m.internalPort(), addTemporary.get(), false);
        }
        int port = context.settings().webServerPort();
        return new ReachRequest(Protocol.TCP, port, port, addTemporary.get(), false);
    }

    /** True when "Test" tests the forward selected in the table rather than the web server's port. */
    public boolean selectedTarget() {
        return selectedForward().isPresent();
    }

    /** The selected forward when it leads to this computer (one to another device is tested as such too). */
    private Optional<PortMapping> selectedForward() {
        return context.selectedMapping();
    }

    public void test() {
        runTest(target(), false);
    }

    /**
     * For a verdict that offers it: deletes the tested forward, adds it again and tests again
     * (Technicolor CGA4131COM keeps forwards that stopped working, tailscale #21208).
     */
    public void repair() {
        Verdict v = verdict.get();
        if (v != null && v.repairable() && lastRequest != null) {
            runTest(lastRequest, true);
        }
    }

    private void runTest(ReachRequest request, boolean repair) {
        if (busy.get()) {
            return;
        }
        lastRequest = request;
        Gateway gateway = context.gateway();
        PortForwardEngine engine = context.engine();
        List<Proxy> proxies = context.settings().proxies();
        TestPageServer running = server.get();
        busy.set(true);
        verdict.set(null);
        runner.run(p -> {
            try (ProxyHttp http = new ProxyHttp(PROXY_TIMEOUT);
                    TestListener listener = gateway == null ? TestListener.none()
                            : TestListener.start(request.protocol(), gateway.localAddress(), request.internalPort(), running)) {
                MappingAccess router = gateway == null ? null : MappingAccess.of(engine.open(gateway));
                ReachTest test = new ReachTest(proxies, http);
                return repair && router != null ? test.repairAndRun(request, router, listener.service(), p)
                        : test.run(request, router, listener.service(), p);
            }
        }, result -> {
            busy.set(false);
            verdict.set(result);
        }, failure -> {
            busy.set(false);
            errors.accept(ErrorReport.of(text().getString("test.failed"), failure));
        });
    }

    /** The page "Open in browser" shows: the last verdict's, else the first browser entry of [proxies]. */
    public Optional<URI> browserPage() {
        Verdict v = verdict.get();
        if (v != null && v.browserUrl() != null) {
            return Optional.of(v.browserUrl());
        }
        int port = target().externalPort();
        return context.settings().proxies().stream().filter(x -> x.type() == Proxy.Type.BROWSER).findFirst()
                .map(x -> x.url(port));
    }

    // ---- properties ----

    public ReadOnlyObjectProperty<TestPageServer> serverProperty() {
        return server;
    }

    public ReadOnlyLongProperty requestsProperty() {
        return requests;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public BooleanProperty addTemporaryProperty() {
        return addTemporary;
    }

    public ReadOnlyObjectProperty<Verdict> verdictProperty() {
        return verdict;
    }

    /** Whether the last verdict offers "Repair". */
    public javafx.beans.binding.BooleanExpression repairableProperty() {
        return repairable;
    }

    /**
     * Stops the web server (the app's shutdown), on a thread of its own: it waits for the server's
     * threads, which the FX thread must not.
     */
    @Override
    public void close() {
        TestPageServer running = stopCounting();
        if (running != null) {
            TaskRunner.runAndWait("portforward-stop-web-server", running::close, STOP_LIMIT);
        }
    }

    /** Stops counting requests; returns the running server, if any. */
    private TestPageServer stopCounting() {
        if (requestCount != null) {
            requestCount.close();
            requestCount = null;
        }
        return server.get();
    }
}
