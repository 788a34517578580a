package net.portforward.reach;

import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import net.portforward.engine.error.AnswerTooLargeException;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterUnreachableException;
import net.portforward.engine.net.Ipv6;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.progress.Progress;

/**
 * HTTP GET to reachability proxies, through the engine's client for hostile servers (SafeHttp:
 * one deadline for headers and body, no redirects, no system proxy, cancellable) with a limit of
 * {@link #MAX_ANSWER_BYTES}. Its messages speak of checkers, not routers.
 */
public final class ProxyHttp implements AutoCloseable {
    /** A checker's answer is a few dozen bytes; anything near this is not a checker. */
    public static final int MAX_ANSWER_BYTES = 16 * 1024;
    private static final String USER_AGENT = "PortForward/0.1 reachability-test";

    private final SafeHttp http;
    /** The address checks are asked from (an IPv6 test), or null for the system's choice. */
    private final InetAddress from;

    public ProxyHttp(Duration timeout) {
        this(timeout, null);
    }

    /**
     * Checkers asked from {@code from}: over IPv6, the checker connects back to the address the
     * request came from, which must be the address whose pinhole is tested, not the temporary
     * one the system would pick (RFC 4941). Plain http only then: the request goes out on a
     * connection of its own, bound to that address.
     */
    public ProxyHttp(Duration timeout, InetAddress from) {
        this.http = new SafeHttp(timeout, MAX_ANSWER_BYTES, USER_AGENT);
        this.from = from;
    }

    public Duration timeout() {
        return http.timeout();
    }

    public record Answer(int status, String body) {
    }

    public Answer get(URI uri, Progress progress) throws ProxyFailure, CancelledException {
        String where = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        try {
            SafeHttp.Response r = from == null
                    ? http.exchange("GET", uri, Map.of("Accept", "application/json, text/plain"), progress)
                    : http.getFrom(sameFamily(uri, where), from, Map.of("Accept", "application/json, text/plain"),
                            progress);
            return new Answer(r.status(), r.text());
        } catch (CancelledException e) {
            throw e;
        } catch (AnswerTooLargeException e) {
            throw new ProxyFailure(ReachFact.CHECKER_TOO_LARGE.with(where, MAX_ANSWER_BYTES / 1024));
        } catch (RouterUnreachableException e) {
            if (e.getCause() == null) {
                throw new ProxyFailure(ReachFact.CHECKER_TIMEOUT.with(where, timeout().toSeconds()));
            }
            if (e.getCause() instanceof ConnectException) {
                throw new ProxyFailure(ReachFact.CHECKER_REFUSED.with(where));
            }
            throw new ProxyFailure(ReachFact.CHECKER_CONNECTION_FAILED.with(where, e.getCause().getMessage()));
        } catch (PortForwardException e) {
            throw new ProxyFailure(ReachFact.CHECKER_CONNECTION_FAILED.with(where, String.valueOf(e.getCause())));
        }
    }

    /**
     * The checker's URL with its host as an address of {@link #from}'s family: a literal as it
     * is, a name looked up (the user's own checker, never a router's word) for its IPv6 address.
     */
    private URI sameFamily(URI uri, String where) throws ProxyFailure {
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new ProxyFailure(ReachFact.CHECKER_HTTPS_OVER_IPV6.with(where));
        }
        String host = uri.getHost();
        if (from instanceof Inet6Address && !Ipv6.isUriLiteral(host)) {
            try {
                InetAddress v6 = java.util.Arrays.stream(InetAddress.getAllByName(host))
                        .filter(a -> a instanceof Inet6Address).findFirst()
                        .orElseThrow(() -> new ProxyFailure(ReachFact.CHECKER_NO_IPV6.with(where)));
                return URI.create("http://" + Ipv6.uriHost(v6) + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                        + (uri.getRawPath() == null ? "" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            } catch (java.net.UnknownHostException e) {
                throw new ProxyFailure(ReachFact.CHECKER_UNKNOWN.with(where, e.getMessage()));
            }
        }
        return uri;
    }

    @Override
    public void close() {
        http.close();
    }
}
