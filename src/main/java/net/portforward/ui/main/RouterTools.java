package net.portforward.ui.main;

import java.time.Clock;
import java.util.function.Consumer;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.model.RouterInfo;
import net.portforward.ui.common.UiText;
import net.portforward.ui.router.TrafficSampler;

/** What the main window reads about the router besides its table: "More information" and the router report. */
public final class RouterTools {
    private final MainViewModel vm;

    RouterTools(MainViewModel vm) {
        this.vm = vm;
    }

    /**
     * Collects a report on the router for a bug report (see {@code RouterReport}), as text: on
     * the router shown, else on whatever answers for the default gateway, usable or not.
     */
    public void report(Consumer<String> ready) {
        Router r = vm.router();
        PortForwardEngine e = vm.engine();
        vm.tasks().run(UiText.get("task.report"), p -> e.report(r == null ? null : r.gateway(), p).text(), ready,
                failure -> vm.failed(UiText.get("error.report"), failure));
    }

    /**
     * The traffic graph's sampler for the router shown: its byte counters read every two seconds
     * beside the window's queue (a read must not make the window busy); none for PCP and NAT-PMP.
     */
    public TrafficSampler traffic() {
        Router r = vm.router();
        if (r == null || r.gateway().upnp().isEmpty()) {
            return TrafficSampler.none();
        }
        return new TrafficSampler(vm.tasks().runner(), r::traffic, TrafficSampler.Ticker.fx(), Clock.systemUTC());
    }

    /** Reads everything the engine knows about the router, for the "More information" dialog. */
    public void loadInfo(Consumer<RouterInfo> show) {
        Router r = vm.router();
        if (r != null) {
            vm.tasks().run(UiText.get("task.info"), r::info, show, e -> vm.failed(UiText.get("error.info"), e));
        }
    }
}
