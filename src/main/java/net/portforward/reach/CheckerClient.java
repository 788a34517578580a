package net.portforward.reach;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import net.portforward.config.Proxy;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.net.Ipv4;
import net.portforward.engine.net.Text;
import net.portforward.engine.progress.Progress;

/**
 * PortForward's own checker ({@code checker --listen}): it connects back to our address, fetches
 * the test page (TCP) or exchanges the token datagram (UDP), and says whether it saw our token,
 * so a "reachable" from it proves the port leads to this computer.
 */
record CheckerClient(Proxy proxy, ProxyHttp http) implements ProxyClient {

    @Override
    public boolean checksUdp() {
        return true;
    }

    /** The check address: the configured address with {@code check?...} unless it already ends in /check. */
    static URI checkUrl(Proxy proxy, int port, Protocol protocol, ReachToken token) {
        URI base = proxy.url(port);
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        if (!path.endsWith(CheckProtocol.PATH)) {
            path = (path.endsWith("/") ? path : path + "/") + CheckProtocol.PATH.substring(1);
        }
        String query = "port=" + port + "&token=" + token.value() + "&protocol=" + protocol.name().toLowerCase(Locale.ROOT);
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path + "?" + query);
    }

    @Override
    public ProxyAnswer ask(int externalPort, Protocol protocol, ReachToken token, Progress progress)
            throws ProxyFailure, CancelledException {
        String name = ProxyClient.name(proxy);
        long start = System.nanoTime();
        ProxyHttp.Answer a = http.get(checkUrl(proxy, externalPort, protocol, token), progress);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Map<String, Object> json;
        try {
            json = FlatJson.parse(a.body());
        } catch (IllegalArgumentException e) {
            throw new ProxyFailure(ReachFact.CHECKER_NOT_OURS.with(name, a.status()));
        }
        String detail = json.get("detail") instanceof String d ? Text.clean(d) : "";
        if (a.status() != 200) {
            // 429 (too many checks from this address) and 400 carry a sentence in "detail"
            throw new ProxyFailure(detail.isEmpty() ? ReachFact.CHECKER_STATUS.with(name, a.status())
                    : ReachFact.CHECKER_STATUS_SAID.with(name, a.status(), detail));
        }
        if (!(json.get("reachable") instanceof Boolean reachable)) {
            throw new ProxyFailure(ReachFact.CHECKER_NO_VERDICT.with(name));
        }
        CheckProtocol.Outcome outcome = json.get("outcome") instanceof String o ? CheckProtocol.Outcome.fromWire(o) : null;
        // Only the token proves it reached us; a checker saying "reachable" without it is not believed.
        boolean proven = reachable && (outcome == null || outcome == CheckProtocol.Outcome.TOKEN);
        return new ProxyAnswer(proven, outcome, took, detail, address(json.get("address")));
    }

    private static InetAddress address(Object value) {
        if (value instanceof String s) {
            try {
                return Ipv4.parse(s).<InetAddress>map(a -> a).or(() -> net.portforward.engine.net.Ipv6.parse(s))
                        .orElse(null);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
