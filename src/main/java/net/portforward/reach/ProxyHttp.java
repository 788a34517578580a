package net.portforward.reach;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import net.portforward.engine.error.AnswerTooLargeException;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterUnreachableException;
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

    public ProxyHttp(Duration timeout) {
        this.http = new SafeHttp(timeout, MAX_ANSWER_BYTES, USER_AGENT);
    }

    public Duration timeout() {
        return http.timeout();
    }

    public record Answer(int status, String body) {
    }

    public Answer get(URI uri, Progress progress) throws ProxyFailure, CancelledException {
        String where = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        try {
            SafeHttp.Response r = http.exchange("GET", uri, Map.of("Accept", "application/json, text/plain"), progress);
            return new Answer(r.status(), r.text());
        } catch (CancelledException e) {
            throw e;
        } catch (AnswerTooLargeException e) {
            throw new ProxyFailure(where + " sent more than " + MAX_ANSWER_BYTES / 1024
                    + " KB; that is not a checker's answer.");
        } catch (RouterUnreachableException e) {
            if (e.getCause() == null) {
                throw new ProxyFailure(where + " did not answer within " + timeout().toSeconds() + " s.");
            }
            if (e.getCause() instanceof ConnectException) {
                throw new ProxyFailure(where + " refused the connection or cannot be reached.");
            }
            throw new ProxyFailure("The connection to " + where + " failed (" + e.getCause().getMessage() + ").");
        } catch (PortForwardException e) {
            throw new ProxyFailure("The connection to " + where + " failed (" + e.getCause() + ").");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
