package net.portforward.engine.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.portforward.engine.error.AnswerTooLargeException;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.error.RouterUnreachableException;
import net.portforward.engine.progress.Progress;

/**
 * The only way the engine talks HTTP to a router. Every call is bounded in time (one deadline
 * for headers and body, so a router dripping one byte a second cannot hold us) and in size,
 * follows no redirect (a redirect is a request-forgery path, FIELD.md), uses no proxy, and can be
 * cancelled. Routers' HTTP servers are small and old, so we speak plain HTTP/1.1 with a
 * Content-Length. Plain http (every router call) goes out on a socket of its own
 * ({@link OneWritePost}), to the address in the URL; java.net.http is built only for https (a
 * reachability checker), the first time one is called.
 *
 * <p>jUPnP's own stream client stops calling a URL for 10 minutes after 5 failures
 * (AbstractStreamClient), which silently locks out slow routers; this client keeps no such state.
 */
public final class SafeHttp implements AutoCloseable {
    /** Far above any real description or listing (the largest captured one is 8 KB). */
    public static final int MAX_BODY_BYTES = 512 * 1024;
    private static final String USER_AGENT = "PortForward/0.1 UPnP/1.1";

    private final Duration timeout;
    private final int maxBodyBytes;
    private final String userAgent;
    private final TrafficLog traffic = new TrafficLog();
    /** For https only, made at its first use: building it costs a cold JVM about 250 ms of CPU. */
    private ExecutorService executor;
    private HttpClient client;

    public SafeHttp(Duration timeout) {
        this(timeout, MAX_BODY_BYTES, USER_AGENT);
    }

    /**
     * The same rules for another kind of server (a reachability checker): its own size limit and
     * User-Agent.
     */
    public SafeHttp(Duration timeout, int maxBodyBytes, String userAgent) {
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.userAgent = userAgent;
    }

    private synchronized HttpClient httpsClient() {
        if (client == null) {
            executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "portforward-http");
                t.setDaemon(true);
                return t;
            });
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .connectTimeout(timeout)
                    .executor(executor)
                    .build();
        }
        return client;
    }

    public Duration timeout() {
        return timeout;
    }

    /** An answer: status, headers and body (at most {@link #MAX_BODY_BYTES}). */
    public record Response(int status, byte[] body, Map<String, List<String>> headers) {
        public Response(int status, byte[] body) {
            this(status, body, Map.of());
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The first value of a header, whatever its case. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                    .map(e -> e.getValue().get(0).trim())
                    .findFirst();
        }
    }

    public Response get(URI uri, Progress progress) throws PortForwardException {
        if (isPlain(uri)) {
            return plain("GET", uri, Map.of(), progress);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("User-Agent", userAgent)
                .GET()
                .build();
        return send(request, progress);
    }

    /**
     * A SOAP call: the request goes out in one write and the connection is not half-closed (old
     * Linksys and DrayTek routers, see {@link OneWritePost}); the same deadline, size limit and
     * cancelling as every other call.
     */
    public Response postSoap(URI uri, String soapAction, String body, Progress progress) throws PortForwardException {
        return postSoap(uri, soapAction, body, null, progress);
    }

    /**
     * As {@link #postSoap(URI, String, String, Progress)}, sent from {@code local} (null: the
     * system's choice): an IPv6 firewall checks that a pinhole request comes from the address it
     * opens (see {@link OneWritePost#send}).
     */
    public Response postSoap(URI uri, String soapAction, String body, InetAddress local, Progress progress)
            throws PortForwardException {
        refuseOnUiThread();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("User-Agent", userAgent);
        headers.put("Content-Type", "text/xml; charset=\"utf-8\"");
        headers.put("SOAPAction", "\"" + soapAction + "\"");
        try {
            Response r = OneWritePost.send("POST", uri, headers, body.getBytes(StandardCharsets.UTF_8), local, timeout,
                    maxBodyBytes, progress);
            traffic.soap(uri, soapAction, body, r.status(), r.body(), null);
            return r;
        } catch (CancelledException e) {
            throw e;
        } catch (PortForwardException e) {
            traffic.soap(uri, soapAction, body, 0, null, e.getMessage());
            throw e;
        }
    }

    /**
     * A GET sent from {@code local}, on a connection of its own (java.net.http cannot choose the
     * address it sends from): a reachability checker must see the IPv6 address whose pinhole it
     * tests, not the temporary address the system would pick.
     */
    public Response getFrom(URI uri, InetAddress local, Map<String, String> headers, Progress progress)
            throws PortForwardException {
        refuseOnUiThread();
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("User-Agent", userAgent);
        all.putAll(headers);
        return OneWritePost.send("GET", uri, all, null, local, timeout, maxBodyBytes, progress);
    }

    /** The last SOAP exchanges (and, filled by discovery, search answers), for a router report. */
    public TrafficLog traffic() {
        return traffic;
    }

    /**
     * A body-less request with any method and headers: GENA's SUBSCRIBE and UNSUBSCRIBE (UPnP
     * Device Architecture 1.1, section 4.1).
     */
    public Response exchange(String method, URI uri, Map<String, String> headers, Progress progress)
            throws PortForwardException {
        if (isPlain(uri)) {
            return plain(method, uri, headers, progress);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("User-Agent", userAgent)
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return send(b.build(), progress);
    }

    private static boolean isPlain(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme());
    }

    /** A body-less request on a socket of its own, with the User-Agent first as java.net.http sent it. */
    private Response plain(String method, URI uri, Map<String, String> headers, Progress progress)
            throws PortForwardException {
        refuseOnUiThread();
        if (uri.getHost() == null) {
            throw new RouterProtocolException(RouterTrouble.URL_WITHOUT_HOST.with(Text.clean(uri.toString(), 120)));
        }
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("User-Agent", userAgent);
        all.putAll(headers);
        return OneWritePost.send(method, uri, all, null, timeout, maxBodyBytes, progress);
    }

    /** The thread a JavaFX window draws on, by the name JavaFX gives it. */
    static final String UI_THREAD = "JavaFX Application Thread";

    /**
     * A router call on the window's thread freezes the window for as long as the router takes
     * (seconds on slow routers): refuse it loudly so such a bug cannot ship unnoticed.
     */
    private static void refuseOnUiThread() {
        if (UI_THREAD.equals(Thread.currentThread().getName())) {
            throw new IllegalStateException("A router call ran on the UI thread; run it through the task runner.");
        }
    }

    private Response send(HttpRequest request, Progress progress) throws PortForwardException {
        refuseOnUiThread();
        CompletableFuture<HttpResponse<byte[]>> future =
                httpsClient().sendAsync(request, info -> new LimitedBodySubscriber(maxBodyBytes));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                if (progress.isCancelled()) {
                    future.cancel(true);
                    throw new CancelledException();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    future.cancel(true);
                    throw timedOut(request.uri());
                }
                try {
                    HttpResponse<byte[]> response = future.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)),
                            TimeUnit.NANOSECONDS);
                    return new Response(response.statusCode(), response.body(), response.headers().map());
                } catch (TimeoutException ignored) {
                    // poll again: lets a cancel through within 100 ms
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            throw translate(request.uri(), e.getCause());
        }
    }

    private PortForwardException translate(URI uri, Throwable cause) {
        if (cause instanceof LimitedBodySubscriber.TooLargeException) {
            return new AnswerTooLargeException(RouterTrouble.ANSWER_TOO_LARGE.with(uri.getHost(), maxBodyBytes / 1024));
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
            return timedOut(uri);
        }
        if (cause instanceof ConnectException) {
            return new RouterUnreachableException(RouterTrouble.REFUSED_CONNECTION.with(uri.getHost(), port(uri)), cause);
        }
        if (cause instanceof IOException) {
            return new RouterUnreachableException(RouterTrouble.CONNECTION_BROKE.with(uri.getHost(), cause.getMessage()),
                    cause);
        }
        return new RouterProtocolException(RouterTrouble.UNREADABLE.with(uri.getHost(), String.valueOf(cause)), cause);
    }

    static RouterUnreachableException timedOut(URI uri) {
        return new RouterUnreachableException(RouterTrouble.NO_ANSWER_IN_TIME.with(uri.getHost(), port(uri)), null);
    }

    private static int port(URI uri) {
        return uri.getPort() < 0 ? 80 : uri.getPort();
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
