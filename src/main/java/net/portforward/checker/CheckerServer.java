package net.portforward.checker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.net.Ipv4;
import net.portforward.reach.CheckProtocol;
import net.portforward.reach.FlatJson;
import net.portforward.reach.ReachToken;

/**
 * The reachability checker anyone can host ({@code portforward checker --listen ADDRESS:PORT}).
 * On {@code GET /check?port=P&token=T&protocol=tcp|udp} it connects back to the address the request
 * came from, and only to that one: no parameter or header names a host to connect to. The only
 * exception is {@code X-Forwarded-For}, believed only when the request comes from the one proxy
 * address the operator named. Each check is bounded to {@link #CHECK_TIME} and
 * {@link ConnectBack#MAX_PAGE_BYTES}; each address gets a few checks a minute. So it cannot be
 * used as an open proxy or to scan anybody but oneself.
 */
public final class CheckerServer implements AutoCloseable {
    public static final Duration CHECK_TIME = Duration.ofSeconds(5);
    public static final int CHECKS_PER_MINUTE = 30;
    static final int THREADS = 16;
    private static final int MAX_QUERY = 256;
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    /**
     * @param trustedProxy the one address whose X-Forwarded-For is believed (a reverse proxy in
     *     front of the checker), or {@code null}
     */
    public record Options(InetSocketAddress listen, InetAddress trustedProxy, int checksPerMinute, Duration checkTime) {
        public static Options of(InetSocketAddress listen, InetAddress trustedProxy) {
            return new Options(listen, trustedProxy, CHECKS_PER_MINUTE, CHECK_TIME);
        }
    }

    private final Options options;
    private final HttpServer server;
    private final ExecutorService pool;
    private final RateLimit limit;
    private final Consumer<String> log;

    private CheckerServer(Options options, HttpServer server, Consumer<String> log) {
        this.options = options;
        this.server = server;
        this.log = log;
        this.limit = new RateLimit(options.checksPerMinute(), Duration.ofMinutes(1), System::nanoTime);
        // A fixed pool: a flood waits in the queue instead of starting a thread per connection.
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "portforward-checker");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        server.setExecutor(pool);
        server.createContext("/", this::handle);
    }

    /** Starts listening; {@code log} gets one line per check. */
    public static CheckerServer start(Options options, Consumer<String> log) throws PortForwardException {
        HttpServer http;
        try {
            http = HttpServer.create(options.listen(), 64);
        } catch (IOException e) {
            throw new PortForwardException("The checker cannot listen on " + options.listen().getAddress().getHostAddress()
                    + ":" + options.listen().getPort() + " (" + e.getMessage() + ").");
        }
        CheckerServer c = new CheckerServer(options, http, log);
        http.start();
        return c;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            if (!"GET".equals(x.getRequestMethod())) {
                x.getResponseHeaders().add("Allow", "GET");
                reply(x, 405, error("Only GET is served here."));
                return;
            }
            URI uri = x.getRequestURI();
            if (!CheckProtocol.PATH.equals(uri.getPath())) {
                reply(x, 404, error("Not found. Checks are at " + CheckProtocol.PATH + "?port=P&token=T&protocol=tcp|udp"));
                return;
            }
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            if (query.length() > MAX_QUERY) {
                reply(x, 400, error("The query is too long."));
                return;
            }
            Map<String, String> q = query(query);
            int port;
            try {
                port = Integer.parseInt(q.getOrDefault("port", ""));
            } catch (NumberFormatException e) {
                port = 0;
            }
            if (port < 1 || port > 65535) {
                reply(x, 400, error("port must be a number from 1 to 65535."));
                return;
            }
            String token = q.getOrDefault("token", "");
            if (!ReachToken.wellFormed(token)) {
                reply(x, 400, error("token must be 16-64 letters, digits, - or _."));
                return;
            }
            String protocol = q.getOrDefault("protocol", "tcp").toLowerCase(Locale.ROOT);
            if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                reply(x, 400, error("protocol must be tcp or udp."));
                return;
            }
            InetAddress target = source(x);
            if (target == null) {
                reply(x, 400, error("The X-Forwarded-For of the trusted proxy is not an IP address."));
                return;
            }
            if (!limit.allow(target)) {
                x.getResponseHeaders().add("Retry-After", "60");
                reply(x, 429, error("Too many checks from " + target.getHostAddress() + "; at most "
                        + limit.perWindow() + " a minute."));
                return;
            }
            ReachToken t = new ReachToken(token);
            Probe probe = protocol.equals("udp") ? ConnectBack.udp(target, port, t, options.checkTime())
                    : ConnectBack.tcp(target, port, t, options.checkTime());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("reachable", probe.reachable());
            answer.put("latencyMs", probe.latency().toMillis());
            answer.put("detail", probe.detail());
            answer.put("outcome", probe.outcome().wire());
            answer.put("address", target.getHostAddress());
            log.accept(target.getHostAddress() + " " + protocol.toUpperCase(Locale.ROOT) + " " + port + " "
                    + probe.outcome().wire() + " " + probe.latency().toMillis() + " ms");
            reply(x, 200, FlatJson.write(answer));
        } catch (RuntimeException e) {
            reply(x, 500, error("The checker failed on this request."));
        }
    }

    /**
     * Where to connect back: the TCP peer, or, when the peer is the operator's trusted proxy, the
     * last address in its X-Forwarded-For (the one that proxy itself added; earlier ones are
     * whatever the client claimed). {@code null} when the trusted proxy sent no usable address.
     */
    private InetAddress source(HttpExchange x) {
        InetAddress peer = x.getRemoteAddress().getAddress();
        if (options.trustedProxy() == null || !options.trustedProxy().equals(peer)) {
            return peer;
        }
        List<String> headers = x.getRequestHeaders().get("X-Forwarded-For");
        if (headers == null || headers.isEmpty()) {
            return peer;
        }
        String all = headers.get(headers.size() - 1);
        String last = all.substring(all.lastIndexOf(',') + 1).trim();
        return literal(last);
    }

    /** An IP literal, never a name: nothing the request says may cause a DNS look-up. */
    static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return Ipv4.parse(text).orElse(null);
        }
        if (!IPV6_LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    q.putIfAbsent(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException badEscape) {
                    // left out: the value checks below then name what is missing
                }
            }
        }
        return q;
    }

    private static String error(String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reachable", false);
        m.put("latencyMs", 0);
        m.put("detail", detail);
        return FlatJson.write(m);
    }

    private static void reply(HttpExchange x, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
