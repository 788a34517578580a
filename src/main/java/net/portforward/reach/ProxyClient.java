package net.portforward.reach;

import net.portforward.config.Proxy;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.progress.Progress;

/** Asks one reachability proxy about a port of this computer's internet address. */
public interface ProxyClient {
    Proxy proxy();

    /** False for proxies that can only test TCP connects. */
    boolean checksUdp();

    ProxyAnswer ask(int externalPort, Protocol protocol, ReachToken token, Progress progress)
            throws ProxyFailure, CancelledException;

    /** The client for an automatic proxy; {@code null} for a browser page, which a person reads. */
    static ProxyClient of(Proxy proxy, ProxyHttp http) {
        return switch (proxy.type()) {
            case PORTFORWARD -> new CheckerClient(proxy, http);
            case PORTCHECK -> new PortcheckClient(proxy, http);
            case BROWSER -> null;
        };
    }

    /** "host:port" or "host", for messages. */
    static String name(Proxy proxy) {
        java.net.URI u = proxy.url(1);
        return u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }
}
