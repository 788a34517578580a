package net.portforward.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A hand-made HTTP answer for hostile-input tests: any status, headers and bytes, optionally
 * repeated to a huge or endless body, dripped slowly, or no answer at all. Serve it for a path
 * with {@link FakeRouter#serveRaw} or for a SOAP action with {@link FakeRouter#respondRaw}.
 *
 * <p>Immutable; every {@code with...} returns a copy. Point redirects and entity URLs at
 * {@link FakeRouter#canaryUri} so a client that follows them is caught without a packet leaving
 * loopback.
 */
public final class FakeResponse {

    /** Bytes written per write while streaming a repeated body. */
    private static final int CHUNK = 64 * 1024;

    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;
    private final long totalBytes; // -1: body once; Long.MAX_VALUE: endless
    private final Duration dripDelay; // pause after each byte; zero: none
    private final Duration delayBeforeHeaders;
    private final boolean noAnswer;

    private FakeResponse(int status, List<Map.Entry<String, String>> headers, byte[] body, long totalBytes,
            Duration dripDelay, Duration delayBeforeHeaders, boolean noAnswer) {
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = body.clone();
        this.totalBytes = totalBytes;
        this.dripDelay = dripDelay;
        this.delayBeforeHeaders = delayBeforeHeaders;
        this.noAnswer = noAnswer;
    }

    public static FakeResponse of(int status, String contentType, byte[] body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (contentType != null) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        return new FakeResponse(status, headers, body, -1, Duration.ZERO, Duration.ZERO, false);
    }

    public static FakeResponse of(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** 200, text/xml, this text. */
    public static FakeResponse xml(String body) {
        return of(200, SoapEnvelope.CONTENT_TYPE, body);
    }

    /** A SOAP fault envelope with any code and description, HTTP 500. */
    public static FakeResponse soapFault(int code, String description) {
        return of(500, SoapEnvelope.CONTENT_TYPE, SoapEnvelope.fault(code, description));
    }

    /** 302 to {@code location}. Use a canary URI: following it must never leave loopback. */
    public static FakeResponse redirect(String location) {
        return of(302, null, new byte[0]).withHeader("Location", location);
    }

    /** Status only, empty body. */
    public static FakeResponse status(int status) {
        return of(status, null, new byte[0]);
    }

    /** The connection is closed with no HTTP answer at all. */
    public static FakeResponse closeWithoutAnswer() {
        return new FakeResponse(0, List.of(), new byte[0], -1, Duration.ZERO, Duration.ZERO, true);
    }

    public FakeResponse withHeader(String name, String value) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
        copy.add(Map.entry(name, value));
        return new FakeResponse(status, copy, body, totalBytes, dripDelay, delayBeforeHeaders, noAnswer);
    }

    /** The body bytes repeated until {@code total} bytes went out (sent chunked, never buffered). */
    public FakeResponse repeatedTo(long total) {
        return new FakeResponse(status, headers, body, total, dripDelay, delayBeforeHeaders, noAnswer);
    }

    /** The body bytes repeated until the client hangs up. */
    public FakeResponse endless() {
        return repeatedTo(Long.MAX_VALUE);
    }

    /** Sends one byte, then waits {@code pause}, and so on: a router answering at a crawl. */
    public FakeResponse drippedEvery(Duration pause) {
        return new FakeResponse(status, headers, body, totalBytes, pause, delayBeforeHeaders, noAnswer);
    }

    /** Waits before even the status line goes out. */
    public FakeResponse delayedBy(Duration delay) {
        return new FakeResponse(status, headers, body, totalBytes, dripDelay, delay, noAnswer);
    }

    /** Writes this answer; returns when the body is out or the client went away. */
    void writeTo(HttpExchange exchange) throws IOException, InterruptedException {
        sleep(delayBeforeHeaders);
        if (noAnswer) {
            exchange.close(); // closing before sendResponseHeaders drops the connection
            return;
        }
        headers.forEach(h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue()));
        boolean streamed = totalBytes >= 0 || !dripDelay.isZero();
        if (body.length == 0 && totalBytes < 0) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, streamed ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            long limit = totalBytes >= 0 ? totalBytes : body.length;
            if (!dripDelay.isZero()) {
                for (long i = 0; i < limit && body.length > 0; i++) {
                    out.write(body[(int) (i % body.length)]);
                    out.flush();
                    sleep(dripDelay);
                }
            } else if (totalBytes < 0) {
                out.write(body);
            } else {
                byte[] chunk = repeatToChunk(body);
                for (long sent = 0; sent < limit; ) {
                    int n = (int) Math.min(chunk.length, limit - sent);
                    out.write(chunk, 0, n);
                    sent += n;
                }
            }
        }
    }

    private static byte[] repeatToChunk(byte[] unit) {
        if (unit.length == 0) {
            return new byte[] {' '};
        }
        byte[] chunk = new byte[Math.max(unit.length, CHUNK - CHUNK % unit.length)];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = unit[i % unit.length];
        }
        return chunk;
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        }
    }

    @Override
    public String toString() {
        return noAnswer ? "no answer" : "HTTP " + status + " (" + body.length + " bytes"
                + (totalBytes >= 0 ? ", repeated to " + totalBytes : "") + ")";
    }
}
