package net.portforward.engine.watch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.net.Dom;
import net.portforward.engine.net.SafeXml;
import net.portforward.engine.net.Text;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The address the router sends its change events (GENA NOTIFY) to. Any host on the LAN can reach
 * it (FIELD.md), and jUPnP's own callback server parses a NOTIFY's body before it checks the SID,
 * so this one is small and strict instead:
 * <ul>
 * <li>bound to the one LAN address that leads to the router, never to every interface;</li>
 * <li>connections from any address but the router's closed as they are accepted, unread: only
 * the router sends NOTIFYs, and other hosts dripping bytes into the workers and the queue would
 * otherwise keep the router's own NOTIFYs out (a change made with upnpc then never reached the
 * watch in the lab);</li>
 * <li>a secret path, then the SID checked against ours before a byte of the body is read;</li>
 * <li>headers at most 8 KB, bodies at most 64 KB with a Content-Length, and 5 s per connection
 * counted from its accept, waiting in the queue included (a sender dripping one byte at a time
 * is cut off);</li>
 * <li>two worker threads and a queue of 16 connections: in a flood the rest are closed at once,
 * so memory and threads stay bounded and the window is never involved.</li>
 * </ul>
 * A router whose NOTIFYs come from another of its addresses than the one it is known by
 * (OPNsense/pfSense CARP pairs answer from the static address, tailscale PR #6946) is never heard:
 * the watch then finds no event within its first wait and reads the router on its own beat.
 */
public final class NotifyServer implements AutoCloseable {
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /** miniupnpd's NOTIFY for WANIPConnection is about 500 bytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(5);
    private static final int WORKERS = 2;
    private static final int QUEUE = 16;

    /** Who the NOTIFYs are for. */
    public interface Sink {
        /**
         * Whether {@code sid} is one of our subscriptions. May wait briefly: a router sends the
         * first NOTIFY right after answering SUBSCRIBE, possibly before we have read the answer.
         */
        boolean knows(String sid);

        void deliver(Notification notification);
    }

    private final ServerSocket socket;
    private final InetAddress router;
    private final Sink sink;
    private final Duration deadline;
    private final String path;
    private final ThreadPoolExecutor workers;
    /** Closes each connection when its time, counted from accept, is up. */
    private final ScheduledThreadPoolExecutor cutter;
    private final Thread acceptor;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong turnedAway = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    private volatile boolean closed;

    private NotifyServer(ServerSocket socket, InetAddress router, Sink sink, Duration deadline) {
        this.socket = socket;
        this.router = router;
        this.sink = sink;
        this.deadline = deadline;
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        this.path = "/portforward/events/" + HexFormat.of().formatHex(secret);
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> daemon(r, "portforward-notify"));
        this.cutter = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "portforward-notify-limit"));
        this.cutter.setRemoveOnCancelPolicy(true);
        this.acceptor = daemon(this::acceptLoop, "portforward-notify-accept");
    }

    /**
     * Listens on {@code address} (this computer's address towards the router), any free port, for
     * connections from {@code router} only.
     */
    public static NotifyServer start(InetAddress address, InetAddress router, Sink sink) throws IOException {
        return start(address, router, sink, REQUEST_DEADLINE);
    }

    static NotifyServer start(InetAddress address, InetAddress router, Sink sink, Duration requestDeadline)
            throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(address, 0), QUEUE);
        NotifyServer server = new NotifyServer(s, router, sink, requestDeadline);
        server.acceptor.start();
        return server;
    }

    /** The CALLBACK URL to give the router. */
    public URI callback() {
        return URI.create("http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort() + path);
    }

    /** Requests answered with an error: wrong path, method, SID, size or XML. */
    public long rejected() {
        return rejected.get();
    }

    /** Connections closed unread because the workers were busy (a flood). */
    public long turnedAway() {
        return turnedAway.get();
    }

    /** Connections closed unread because they came from another address than the router's. */
    public long foreign() {
        return foreign.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (!router.equals(client.getInetAddress())) {
                foreign.incrementAndGet();
                closeQuietly(client);
                continue;
            }
            ScheduledFuture<?> cut;
            try {
                cut = cutter.schedule(() -> closeQuietly(client), deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                closeQuietly(client);
                continue;
            }
            try {
                workers.execute(() -> serve(client, cut));
            } catch (RejectedExecutionException busy) {
                cut.cancel(false);
                turnedAway.incrementAndGet();
                closeQuietly(client);
            }
        }
    }

    /** Serves one connection; {@code cut} closes it when its time is up, whatever it is waiting for. */
    private void serve(Socket client, ScheduledFuture<?> cut) {
        try (client) {
            // Each read waits at most the whole limit; the cut bounds the sum.
            client.setSoTimeout((int) Math.max(1, deadline.toMillis()));
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            int status = handle(in);
            respond(out, status);
        } catch (IOException e) {
            rejected.incrementAndGet(); // timed out, cut off or hung up: nothing to answer
        } finally {
            cut.cancel(false);
        }
    }

    /** Reads and checks one request; returns the HTTP status to answer. */
    private int handle(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        String requestLine = readHead(in, headers);
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            return reject(400);
        }
        if (!parts[1].equals(path)) {
            return reject(404);
        }
        if (!parts[0].equals("NOTIFY")) {
            return reject(405);
        }
        String sid = headers.getOrDefault("sid", "");
        if (!"upnp:event".equals(headers.get("nt")) || !"upnp:propchange".equals(headers.get("nts"))) {
            return reject(400);
        }
        // The SID is checked before the body is read, let alone parsed (FIELD.md: jUPnP does it the
        // other way round).
        if (sid.isEmpty() || !sink.knows(sid)) {
            return reject(412);
        }
        if (headers.containsKey("transfer-encoding")) {
            return reject(411);
        }
        long length;
        try {
            length = Long.parseLong(headers.getOrDefault("content-length", "-1"));
        } catch (NumberFormatException e) {
            return reject(400);
        }
        if (length < 0) {
            return reject(411);
        }
        if (length > MAX_BODY_BYTES) {
            return reject(413);
        }
        byte[] body = readBody(in, (int) length);
        Map<String, String> variables;
        try {
            variables = properties(SafeXml.parse(body));
        } catch (RouterProtocolException e) {
            return reject(400);
        }
        long seq = parseSeq(headers.get("seq"));
        sink.deliver(new Notification(sid, seq, variables));
        return 200;
    }

    private int reject(int status) {
        rejected.incrementAndGet();
        return status;
    }

    private static String readHead(InputStream in, Map<String, String> headers) throws IOException {
        StringBuilder line = new StringBuilder();
        String requestLine = null;
        int total = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (++total > MAX_HEADER_BYTES) {
                throw new IOException("headers too long");
            }
            if (c == '\n') {
                String text = line.toString();
                line.setLength(0);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (text.isEmpty()) {
                    if (requestLine == null) {
                        continue; // tolerate a stray CRLF before the request line
                    }
                    return requestLine;
                }
                if (requestLine == null) {
                    requestLine = text;
                } else {
                    int colon = text.indexOf(':');
                    if (colon > 0) {
                        headers.putIfAbsent(text.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                text.substring(colon + 1).trim());
                    }
                }
            } else {
                line.append((char) c); // ISO-8859-1, as HTTP headers are
            }
        }
    }

    private static byte[] readBody(InputStream in, int length) throws IOException {
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("body cut short");
        }
        return body;
    }

    /** {@code <e:propertyset><e:property><Name>value</Name></e:property>…}, names without prefix. */
    static Map<String, String> properties(Document doc) {
        Map<String, String> vars = new HashMap<>();
        Element root = doc.getDocumentElement();
        if (!"propertyset".equals(Dom.localName(root))) {
            return vars;
        }
        for (Element property : Dom.children(root, "property")) {
            for (Element variable : Dom.children(property)) {
                if (vars.size() < 64) {
                    vars.put(Dom.localName(variable), Text.clean(variable.getTextContent()));
                }
            }
        }
        return vars;
    }

    private static long parseSeq(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void respond(OutputStream out, int status) throws IOException {
        String reason = switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Payload Too Large";
            default -> "Error";
        };
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        workers.shutdownNow();
        cutter.shutdownNow().forEach(Runnable::run); // closes the connections still open or queued
    }
}
