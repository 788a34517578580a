package net.portforward.checker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * address the operator named (and required from it). It never connects to an address the internet
 * cannot reach ({@link ConnectBackPolicy}: loopback, private, link-local, carrier-grade NAT, ...),
 * so nobody can probe the checker host's own services or network through it. Each check is bounded
 * to {@link #CHECK_TIME} and {@link ConnectBack#MAX_PAGE_BYTES}; each source gets a few checks a
 * minute; requests are read by {@link RequestReader} (bounded in time, size and connections per
 * source). So it cannot be used as an open proxy, to scan anybody but oneself, or be starved by
 * slow clients.
 */
public final class CheckerServer implements AutoCloseable {
    public static final Duration CHECK_TIME = Duration.ofSeconds(5);
    /** A request head must arrive whole within this, from the accept. */
    public static final Duration REQUEST_TIME = Duration.ofSeconds(5);
    public static final int CHECKS_PER_MINUTE = 30;
    private static final int MAX_QUERY = 256;
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    /**
     * @param trustedProxy the one address whose X-Forwarded-For is believed (a reverse proxy in
     *     front of the checker), or {@code null}
     * @param policy the addresses it may connect back to
     * @param requestTime how long a client has to send its request, from the accept
     */
    public record Options(InetSocketAddress listen, InetAddress trustedProxy, int checksPerMinute, Duration checkTime,
                          ConnectBackPolicy policy, Duration requestTime) {
        /** The checker on the internet: public addresses only, the default limits. */
        public static Options of(InetSocketAddress listen, InetAddress trustedProxy) {
            return new Options(listen, trustedProxy, CHECKS_PER_MINUTE, CHECK_TIME, ConnectBackPolicy.PUBLIC_ONLY,
                    REQUEST_TIME);
        }
    }

    private final Options options;
    private final RateLimit limit;
    private final Consumer<String> log;
    private RequestReader reader;

    private CheckerServer(Options options, Consumer<String> log) {
        this.options = options;
        this.log = log;
        this.limit = new RateLimit(options.checksPerMinute(), Duration.ofMinutes(1), System::nanoTime);
    }

    /** Starts listening; {@code log} gets one line per check. */
    public static CheckerServer start(Options options, Consumer<String> log) throws PortForwardException {
        CheckerServer c = new CheckerServer(options, log);
        try {
            c.reader = new RequestReader(options.listen(), options.requestTime(), options.trustedProxy(), c.new Answers());
        } catch (IOException e) {
            throw new PortForwardException(CheckerFact.CANNOT_LISTEN.with(options.listen().getAddress(),
                    options.listen().getPort(), e.getMessage()));
        }
        return c;
    }

    public InetSocketAddress address() {
        return reader.address();
    }

    /** An answer: status, JSON body, and any extra header lines. */
    private record Reply(int status, String json, String extraHeaders) {
        Reply(int status, String json) {
            this(status, json, "");
        }
    }

    private final class Answers implements RequestReader.Responder {
        @Override
        public byte[] answer(InetAddress peer, Optional<RequestHead> head) {
            return bytes(head.isEmpty() ? new Reply(400, error("The request could not be read.")) : handle(peer, head.get()));
        }

        @Override
        public byte[] refusal(int status, String detail) {
            return bytes(new Reply(status, error(detail)));
        }
    }

    private Reply handle(InetAddress peer, RequestHead request) {
        if (!"GET".equals(request.method())) {
            return new Reply(405, error("Only GET is served here."), "Allow: GET\r\n");
        }
        String requested = request.target();
        int mark = requested.indexOf('?');
        String path = mark < 0 ? requested : requested.substring(0, mark);
        if (!CheckProtocol.PATH.equals(path)) {
            return new Reply(404, error("Not found. Checks are at " + CheckProtocol.PATH + "?port=P&token=T&protocol=tcp|udp"));
        }
        String query = mark < 0 ? "" : requested.substring(mark + 1);
        if (query.length() > MAX_QUERY) {
            return new Reply(400, error("The query is too long."));
        }
        Map<String, String> q = query(query);
        int port;
        try {
            port = Integer.parseInt(q.getOrDefault("port", ""));
        } catch (NumberFormatException e) {
            port = 0;
        }
        if (port < 1 || port > 65535) {
            return new Reply(400, error("port must be a number from 1 to 65535."));
        }
        String token = q.getOrDefault("token", "");
        if (!ReachToken.wellFormed(token)) {
            return new Reply(400, error("token must be 16-64 letters, digits, - or _."));
        }
        String protocol = q.getOrDefault("protocol", "tcp").toLowerCase(Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            return new Reply(400, error("protocol must be tcp or udp."));
        }
        boolean viaProxy = options.trustedProxy() != null && options.trustedProxy().equals(peer);
        Optional<String> forwarded = request.last("X-Forwarded-For");
        if (viaProxy && forwarded.isEmpty()) {
            // Checking the proxy itself would let anyone behind it probe the checker host's own services.
            return new Reply(400, error("The trusted proxy sent no X-Forwarded-For, so the checker does not know whom"
                    + " to check."));
        }
        InetAddress target = viaProxy ? lastHop(forwarded.get()) : peer;
        if (target == null) {
            return new Reply(400, error("The X-Forwarded-For of the trusted proxy is not an IP address."));
        }
        if (!options.policy().allows(target)) {
            AddressKind kind = AddressKind.of(target);
            log.accept(target.getHostAddress() + " " + protocol.toUpperCase(Locale.ROOT) + " " + port + " not-public ("
                    + kind.name().toLowerCase(Locale.ROOT) + ")");
            return new Reply(200, answer(false, Duration.ZERO, "The request came from " + target.getHostAddress()
                    + ", " + kind.words() + "; the checker connects only to internet addresses, so it did not connect.",
                    CheckProtocol.Outcome.NOT_PUBLIC, target));
        }
        if (!limit.allow(target)) {
            return new Reply(429, error("Too many checks from " + RateLimit.describe(target) + "; at most "
                    + limit.perWindow() + " a minute."), "Retry-After: 60\r\n");
        }
        ReachToken t = new ReachToken(token);
        Probe probe = protocol.equals("udp") ? ConnectBack.udp(target, port, t, options.checkTime())
                : ConnectBack.tcp(target, port, t, options.checkTime());
        log.accept(target.getHostAddress() + " " + protocol.toUpperCase(Locale.ROOT) + " " + port + " "
                + probe.outcome().wire() + " " + probe.latency().toMillis() + " ms");
        return new Reply(200, answer(probe.reachable(), probe.latency(), probe.detail(), probe.outcome(), target));
    }

    private static String answer(boolean reachable, Duration latency, String detail, CheckProtocol.Outcome outcome,
                                 InetAddress address) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("reachable", reachable);
        answer.put("latencyMs", latency.toMillis());
        answer.put("detail", detail);
        answer.put("outcome", outcome.wire());
        answer.put("address", address.getHostAddress());
        return FlatJson.write(answer);
    }

    /**
     * The last address in the trusted proxy's X-Forwarded-For: the one that proxy itself added;
     * earlier ones are whatever the client claimed. {@code null} when it is not an IP address.
     */
    private static InetAddress lastHop(String forwarded) {
        return literal(forwarded.substring(forwarded.lastIndexOf(',') + 1).trim());
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

    private static byte[] bytes(Reply r) {
        byte[] body = r.json().getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + r.status() + " " + reason(r.status()) + "\r\n"
                + "Content-Type: application/json; charset=utf-8\r\n"
                + "Cache-Control: no-store\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n"
                + r.extraHeaders()
                + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }

    @Override
    public void close() {
        reader.close();
    }
}
