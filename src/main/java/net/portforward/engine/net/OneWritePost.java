package net.portforward.engine.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.portforward.engine.error.AnswerTooLargeException;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.error.RouterUnreachableException;
import net.portforward.engine.progress.Progress;

/**
 * An HTTP/1.1 request on a connection of its own, headers and body written in one write, and its
 * answer read within one deadline and a size limit. Every plain-http call of the engine goes
 * through here (SOAP, descriptions, GENA): it needs no thread, no selector and no TLS set-up, where
 * java.net.http cost a cold JVM about 250 ms of CPU to build (measured with -Xlog:class+load: its
 * client loads the TLS context and reads the CA certificates even for plain http). Old routers' HTTP servers read one segment
 * and take it for the whole request: old Linksys models need the SOAP request in one TCP segment,
 * and DrayTek ones drop a request whose sender half-closes the connection after it (miniupnpc
 * minisoap.c, which sends so for both reasons). java.net.http writes the headers and the body
 * separately (two segments, measured on loopback), so SOAP goes out here instead. The connection
 * is never half-closed: "Connection: close" tells the router to end it after its answer.
 */
final class OneWritePost {
    /** How often a blocked read wakes to look at the cancel flag and the deadline. */
    private static final int POLL_MS = 100;
    /** Status line and headers: far more than any router sends. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private OneWritePost() {
    }

    /** The request exactly as it goes out: one buffer. */
    static byte[] request(URI uri, Map<String, String> headers, byte[] body) {
        return request("POST", uri, headers, body);
    }

    /**
     * @param body the body, or null for a request without one (GET, SUBSCRIBE): then no
     *     Content-Length is sent, as miniupnpc does
     */
    static byte[] request(String method, URI uri, Map<String, String> headers, byte[] body) {
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(port(uri)).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        } else {
            body = new byte[0];
        }
        head.append("Connection: close\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    static SafeHttp.Response post(URI uri, Map<String, String> headers, byte[] body, Duration timeout, int maxBodyBytes,
            Progress progress) throws PortForwardException {
        return send("POST", uri, headers, body, null, timeout, maxBodyBytes, progress);
    }

    /** Any method from the system's choice of address; {@code body} null for none. */
    static SafeHttp.Response send(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout,
            int maxBodyBytes, Progress progress) throws PortForwardException {
        return send(method, uri, headers, body, null, timeout, maxBodyBytes, progress);
    }

    /**
     * Any method; {@code body} null for none. The answer to a HEAD has no body, whatever it says.
     *
     * @param local the address to send from, or {@code null} for the system's choice. An IPv6
     *     firewall takes pinhole requests only from the address the pinhole opens (miniupnpd
     *     upnpsoap.c PinholeVerification; miniupnp #600, #731), and the system may prefer another
     *     source, such as a temporary privacy address (RFC 4941), so such calls name it.
     */
    static SafeHttp.Response send(String method, URI uri, Map<String, String> headers, byte[] body, InetAddress local,
            Duration timeout, int maxBodyBytes, Progress progress) throws PortForwardException {
        long deadline = System.nanoTime() + timeout.toNanos();
        progress.checkCancelled();
        try (Socket socket = new Socket(Proxy.NO_PROXY)) {
            socket.setTcpNoDelay(true);
            if (local != null) {
                socket.bind(new InetSocketAddress(local, 0));
            }
            socket.connect(target(uri), (int) Math.max(1, timeout.toMillis()));
            OutputStream out = socket.getOutputStream();
            out.write(request(method, uri, headers, body)); // one write: one segment for any SOAP request
            out.flush();
            socket.setSoTimeout(POLL_MS);
            return new Reader(socket.getInputStream(), uri, deadline, maxBodyBytes, progress, method.equals("HEAD"))
                    .response();
        } catch (SocketTimeoutException e) {
            throw SafeHttp.timedOut(uri);
        } catch (ConnectException e) {
            throw new RouterUnreachableException(RouterTrouble.REFUSED_CONNECTION.with(uri.getHost(), port(uri)), e);
        } catch (IOException e) {
            throw new RouterUnreachableException(RouterTrouble.CONNECTION_BROKE.with(uri.getHost(), e.getMessage()), e);
        }
    }

    static int port(URI uri) {
        return uri.getPort() < 0 ? 80 : uri.getPort();
    }

    /** An IPv6 host is parsed as the literal it must be (callers check URLs against a policy first). */
    private static InetSocketAddress target(URI uri) {
        return Ipv6.parse(uri.getHost()).<InetSocketAddress>map(a -> new InetSocketAddress(a, port(uri)))
                .orElseGet(() -> new InetSocketAddress(uri.getHost(), port(uri)));
    }

    /** Reads one answer, waking every {@link #POLL_MS} for cancel, interrupt and the deadline. */
    private static final class Reader {
        private final InputStream in;
        private final URI uri;
        private final long deadline;
        private final int maxBodyBytes;
        private final Progress progress;
        private final boolean noBody;
        private final byte[] buffer = new byte[8192];
        private int start;
        private int end;

        Reader(InputStream in, URI uri, long deadline, int maxBodyBytes, Progress progress, boolean noBody) {
            this.noBody = noBody;
            this.in = in;
            this.uri = uri;
            this.deadline = deadline;
            this.maxBodyBytes = maxBodyBytes;
            this.progress = progress;
        }

        SafeHttp.Response response() throws IOException, PortForwardException {
            while (true) {
                String statusLine = line();
                if (statusLine == null) {
                    throw new RouterUnreachableException(RouterTrouble.CLOSED_WITHOUT_ANSWER.with(uri.getHost()), null);
                }
                int status = status(statusLine);
                Map<String, List<String>> headers = headers();
                if (status / 100 == 1) {
                    continue; // 100 Continue and friends: the answer follows
                }
                return new SafeHttp.Response(status, body(status, headers), headers);
            }
        }

        private int status(String line) throws RouterProtocolException {
            String[] parts = line.split(" ", 3);
            if (parts.length < 2 || !parts[0].toUpperCase(Locale.ROOT).startsWith("HTTP/")) {
                throw new RouterProtocolException(RouterTrouble.NOT_HTTP.with(uri.getHost()));
            }
            try {
                return Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new RouterProtocolException(RouterTrouble.STATUS_NOT_A_NUMBER.with(uri.getHost()));
            }
        }

        private Map<String, List<String>> headers() throws IOException, PortForwardException {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            int bytes = 0;
            for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                bytes += line.length();
                if (bytes > MAX_HEADER_BYTES) {
                    throw new RouterProtocolException(RouterTrouble.HEADERS_TOO_LARGE.with(uri.getHost(),
                            MAX_HEADER_BYTES / 1024));
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(line.substring(colon + 1).trim());
                }
            }
            return headers;
        }

        private byte[] body(int status, Map<String, List<String>> headers) throws IOException, PortForwardException {
            if (noBody || status == 204 || status == 304) {
                return new byte[0];
            }
            String encoding = first(headers, "transfer-encoding");
            if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                return chunked();
            }
            String length = first(headers, "content-length");
            if (length != null) {
                long n;
                try {
                    n = Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                    throw new RouterProtocolException(RouterTrouble.LENGTH_NOT_A_NUMBER.with(uri.getHost()));
                }
                if (n > maxBodyBytes) {
                    throw tooLarge();
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, n));
                copy(out, n, true);
                return out.toByteArray();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy(out, Long.MAX_VALUE, false); // until the router closes the connection
            return out.toByteArray();
        }

        private byte[] chunked() throws IOException, PortForwardException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                if (size == null) {
                    throw broke();
                }
                int semicolon = size.indexOf(';');
                long n;
                try {
                    n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new RouterProtocolException(RouterTrouble.BROKEN_CHUNKS.with(uri.getHost()));
                }
                if (n == 0) {
                    for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                        // trailers carry nothing we use
                    }
                    return out.toByteArray();
                }
                copy(out, n, true);
                line(); // the CRLF after the chunk
            }
        }

        /** Copies {@code n} bytes (or to the end of the stream when {@code exact} is false). */
        private void copy(ByteArrayOutputStream out, long n, boolean exact) throws IOException, PortForwardException {
            long left = n;
            while (left > 0) {
                if (start == end && !fill()) {
                    if (exact) {
                        throw broke();
                    }
                    return;
                }
                int take = (int) Math.min(left, end - start);
                if (out.size() + take > maxBodyBytes) {
                    throw tooLarge();
                }
                out.write(buffer, start, take);
                start += take;
                left -= take;
            }
        }

        /** A line without its CRLF (or LF), or null at the end of the stream. */
        private String line() throws IOException, PortForwardException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(80);
            while (true) {
                if (start == end && !fill()) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
                }
                byte b = buffer[start++];
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                if (line.size() >= MAX_HEADER_BYTES) {
                    throw new RouterProtocolException(RouterTrouble.LINE_TOO_LONG.with(uri.getHost(), MAX_HEADER_BYTES / 1024));
                }
                line.write(b);
            }
        }

        /** Reads more; false at the end of the stream. Throws at the deadline, on cancel or interrupt. */
        private boolean fill() throws IOException, PortForwardException {
            start = 0;
            end = 0;
            while (true) {
                if (progress.isCancelled() || Thread.currentThread().isInterrupted()) {
                    throw new CancelledException();
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw SafeHttp.timedOut(uri);
                }
                try {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return false;
                    }
                    end = n;
                    if (n > 0) {
                        return true;
                    }
                } catch (SocketTimeoutException poll) {
                    // nothing yet: look at the flags and the deadline again
                }
            }
        }

        private RouterUnreachableException broke() {
            return new RouterUnreachableException(RouterTrouble.CLOSED_MID_ANSWER.with(uri.getHost()), null);
        }

        private AnswerTooLargeException tooLarge() {
            return new AnswerTooLargeException(RouterTrouble.ANSWER_TOO_LARGE.with(uri.getHost(), maxBodyBytes / 1024));
        }

        private static String first(Map<String, List<String>> headers, String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
