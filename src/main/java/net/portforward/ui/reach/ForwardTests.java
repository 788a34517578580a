package net.portforward.ui.reach;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import net.portforward.config.Proxy;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.progress.Step;
import net.portforward.reach.MappingAccess;
import net.portforward.reach.ProxyHttp;
import net.portforward.reach.ReachRequest;
import net.portforward.reach.ReachTest;
import net.portforward.reach.TestListener;
import net.portforward.reach.TestPageServer;
import net.portforward.reach.Verdict;
import net.portforward.ui.SerialTasks;
import net.portforward.ui.common.ErrorReport;

/**
 * "Test from the internet" for rows of the main table: each forward tested as the command line's
 * {@code test} does (see {@link ReachTest#run(ReachRequest, MappingAccess, TestListener, Progress)}),
 * one after another in one operation of the main window's queue, so its progress bar and Cancel
 * serve it. Results are kept by protocol and external port, so they stay with their row when the
 * table is read again. Properties change on the FX thread only.
 */
public final class ForwardTests {
    /**
     * One forward's test.
     *
     * @param tested the forward as it was tested: a row that now leads elsewhere shows no result
     * @param device the other device the forward leads to, or null when it leads to this computer
     */
    public record Result(PortMapping tested, Verdict verdict, Instant at, InetAddress device) {
        /** Whether this result still belongs to the forward {@code now} in the table. */
        public boolean about(PortMapping now) {
            return now.key().equals(tested.key()) && now.internalPort() == tested.internalPort()
                    && java.util.Objects.equals(now.internalClient(), tested.internalClient());
        }
    }

    private final SerialTasks tasks;
    private final ReachViewModel.Context context;
    private final Supplier<TestPageServer> webServer;
    private final Clock clock;
    private final Consumer<ErrorReport> errors;
    private final ObservableMap<MappingKey, Result> results = FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<Result> last = new ReadOnlyObjectWrapper<>();

    /**
     * @param webServer the built-in web server while it runs (its port is lent to a test of it), else null
     */
    public ForwardTests(SerialTasks tasks, ReachViewModel.Context context, Supplier<TestPageServer> webServer,
                        Clock clock, Consumer<ErrorReport> errors) {
        this.tasks = tasks;
        this.context = context;
        this.webServer = webServer;
        this.clock = clock;
        this.errors = errors;
    }

    /** Tests {@code forwards} in order; each result shows as soon as it is known. */
    public void test(List<PortMapping> forwards) {
        Gateway gateway = context.gateway();
        if (forwards.isEmpty() || gateway == null) {
            return;
        }
        List<PortMapping> list = List.copyOf(forwards);
        PortForwardEngine engine = context.engine();
        List<Proxy> proxies = context.settings().proxies();
        TestPageServer running = webServer.get();
        String what = list.size() == 1 ? ReachViewModel.text().getString("rows.testingOne").replace("{0}",
                list.get(0).key().toString()) : ReachViewModel.text().getString("rows.testingAll");
        tasks.<Integer, Result>run(what, (partial, p) -> {
            try (ProxyHttp http = new ProxyHttp(ReachViewModel.PROXY_TIMEOUT)) {
                MappingAccess router = MappingAccess.of(engine.open(gateway));
                ReachTest test = new ReachTest(proxies, http);
                for (int i = 0; i < list.size(); i++) {
                    p.checkCancelled();
                    PortMapping m = list.get(i);
                    Progress part = part(p, i, list.size(), m);
                    partial.accept(one(test, router, gateway.localAddress(), m, running, part));
                }
                return list.size();
            }
        }, this::show, count -> tasks.messageProperty().set(java.text.MessageFormat.format(
                ReachViewModel.text().getString("rows.done"), count)), failure -> {
            if (!(failure instanceof CancelledException)) {
                errors.accept(ErrorReport.of(ReachViewModel.text().getString("test.failed"), failure));
            }
        });
    }

    private Result one(ReachTest test, MappingAccess router, InetAddress thisComputer, PortMapping m,
                       TestPageServer running, Progress p) throws CancelledException {
        ReachRequest request = new ReachRequest(m.protocol(), m.externalPort(), m.internalPort(), false, false);
        InetAddress device = m.internalClient();
        if (device != null && !device.equals(thisComputer)) {
            return new Result(m, test.runToDevice(request, router, device, p), clock.instant(), device);
        }
        try (TestListener listener = TestListener.start(m.protocol(), thisComputer, m.internalPort(), running)) {
            return new Result(m, test.run(request, router, listener, p), clock.instant(), null);
        }
    }

    /** Progress of one forward of several, as a share of the whole run. */
    private static Progress part(Progress whole, int index, int count, PortMapping m) {
        return new Progress() {
            @Override
            public void report(double fraction, Fact step) {
                whole.report((index + Math.max(0, Math.min(1, fraction))) / count,
                        count == 1 ? step : Step.PART.with(index + 1, count, m.key(), step));
            }

            @Override
            public boolean isCancelled() {
                return whole.isCancelled();
            }
        };
    }

    private void show(Result r) {
        results.put(r.tested().key(), r);
        last.set(r);
    }

    /** Forgets every result: another router is shown. */
    public void clear() {
        results.clear();
        last.set(null);
    }

    /** The results by protocol and external port. */
    public ObservableMap<MappingKey, Result> results() {
        return results;
    }

    /** The result that came last, for the picture of the path. */
    public ReadOnlyObjectProperty<Result> lastProperty() {
        return last.getReadOnlyProperty();
    }
}
