package net.portforward.reach;

import java.time.Duration;
import net.portforward.config.Proxy;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.progress.Progress;

/**
 * A plain connect service such as Transmission's {@code https://portcheck.transmissionbt.com/PORT}:
 * it tries a TCP connect to the caller's address and answers {@code 1} (open) or {@code 0}
 * (closed). It cannot tell this computer from another device on the port, and cannot test UDP.
 */
record PortcheckClient(Proxy proxy, ProxyHttp http) implements ProxyClient {

    @Override
    public boolean checksUdp() {
        return false;
    }

    @Override
    public ProxyAnswer ask(int externalPort, Protocol protocol, ReachToken token, Progress progress)
            throws ProxyFailure, CancelledException {
        long start = System.nanoTime();
        ProxyHttp.Answer a = http.get(proxy.url(externalPort), progress);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (a.status() != 200) {
            throw new ProxyFailure(ReachFact.CHECKER_STATUS.with(ProxyClient.name(proxy), a.status()));
        }
        return switch (a.body().strip()) {
            case "1" -> new ProxyAnswer(true, null, took, "", null);
            case "0" -> new ProxyAnswer(false, null, took, "", null);
            default -> throw new ProxyFailure(ReachFact.CHECKER_NOT_0_OR_1.with(ProxyClient.name(proxy)));
        };
    }
}
