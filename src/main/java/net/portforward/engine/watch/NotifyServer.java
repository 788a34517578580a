package net.portforward.engine.watch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
 * <li>a secret path, then the SID checked against ours before a byte of the body is read;</li>
 * <li>headers at most 8 KB, bodies at most 64 KB with a Content-Length, the whole request within
 * 5 s (a sender dripping one byte at a time is cut off);</li>
 * <li>two worker threads and a queue of 16 connections: in a flood the rest are closed at once,
 * so memory and threads stay bounded and the window is never involved.</li>
 * </ul>
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
    private final Sink sink;
    private final Duration deadline;
    private final String path;
    private final ThreadPoolExecutor workers;
    private final Thread acceptor;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong turnedAway = new AtomicLong();
    private volatile boolean closed;

    private NotifyServer(ServerSocket socket, Sink sink, Duration deadline) {
        this.socket = socket;
        this.sink = sink;
        this.deadline = deadline;
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        this.path = "/portforward/events/" + HexFormat.of().formatHex(secret);
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> daemon(r, "portforward-notify"));
        this.acceptor = daemon(this::acceptLoop, "portforward-notify-accept");
    }

    /** Listens on {@code address} (this computer's address towards the router), any free port. */
    public static NotifyServer start(InetAddress address, Sink sink) throws IOException {
        return start(address, sink, REQUEST_DEADLINE);
    }

    static NotifyServer start(InetAddress address, Sink sink, Duration requestDeadline) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(address, 0), QUEUE);
        NotifyServer server = new NotifyServer(s, sink, requestDeadline);
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
            try {
                workers.execute(() -> serve(client));
            } catch (RejectedExecutionException busy) {
                turnedAway.incrementAndGet();
                closeQuietly(client);
            }
        }
    }

    private void serve(Socket client) {
        long until = System.nanoTime() + deadline.toNanos();
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            int status = handle(client, in, until);
            respond(out, status);
        } catch (IOException e) {
            rejected.incrementAndGet(); // timed out or hung up: nothing to answer
        }
    }

    /** Reads and checks one request; returns the HTTP status to answer. */
    private int handle(Socket client, InputStream in, long deadline) throws IOException {
        Map<String, String> headers = new HashMap<>();
        String requestLine = readHead(client, in, deadline, headers);
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
        byte[] body = readBody(client, in, (int) length, deadline);
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

    private static String readHead(Socket client, InputStream in, long deadline, Map<String, String> headers)
            throws IOException {
        StringBuilder line = new StringBuilder();
        String requestLine = null;
        int total = 0;
        while (true) {
            int c = readByte(client, in, deadline);
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

    private static byte[] readBody(Socket client, InputStream in, int length, long deadline) throws IOException {
        byte[] body = new byte[length];
        int read = 0;
        while (read < length) {
            setTimeout(client, deadline);
            int n;
            try {
                n = in.read(body, read, length - read);
            } catch (SocketTimeoutException e) {
                throw new IOException("body too slow", e);
            }
            if (n < 0) {
                throw new IOException("body cut short");
            }
            read += n;
        }
        return body;
    }

    private static int readByte(Socket client, InputStream in, long deadline) throws IOException {
        setTimeout(client, deadline);
        int c = in.read();
        if (c < 0) {
            throw new IOException("connection closed");
        }
        return c;
    }

    private static void setTimeout(Socket client, long deadline) throws IOException {
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (leftMillis <= 0) {
            throw new SocketTimeoutException("request took too long");
        }
        client.setSoTimeout((int) leftMillis);
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
    }
}
