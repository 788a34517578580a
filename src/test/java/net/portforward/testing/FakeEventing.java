package net.portforward.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import com.sun.net.httpserver.HttpExchange;

/**
 * GENA on the fake router, like miniupnpd's upnpevents.c (LAB.md: a NOTIFY at once after
 * SUBSCRIBE, and one after each mapping change), or a router that accepts and stays silent, or
 * one that refuses. NOTIFYs go out on one thread, in order, to 127.0.0.1 callbacks only.
 */
public final class FakeEventing {
    public enum Behaviour {
        /** Answers SUBSCRIBE and sends NOTIFYs, as miniupnpd does. */
        NOTIFIES,
        /** Answers SUBSCRIBE with a SID and never sends a NOTIFY. */
        SILENT,
        /** Answers SUBSCRIBE with 501, as routers built without eventing do. */
        REFUSES
    }

    /** One subscriber as the router keeps it. */
    public record Subscriber(String sid, URI callback, AtomicLong seq) {
    }

    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Integer> notifyAnswers = new CopyOnWriteArrayList<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-router-notify");
        t.setDaemon(true);
        return t;
    });
    private final Supplier<Map<String, String>> state;
    volatile Behaviour behaviour = Behaviour.NOTIFIES;
    volatile long grantedSeconds = 1800;

    FakeEventing(Supplier<Map<String, String>> state) {
        this.state = state;
    }

    /** SUBSCRIBE and UNSUBSCRIBE on an event URL. */
    void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String sid = ex.getRequestHeaders().getFirst("SID");
        if (behaviour == Behaviour.REFUSES) {
            log.add(method + " refused");
            reply(ex, 501, null);
            return;
        }
        if (method.equals("UNSUBSCRIBE")) {
            log.add("UNSUBSCRIBE " + sid);
            reply(ex, sid != null && subscribers.remove(sid) != null ? 200 : 412, null);
            return;
        }
        if (sid != null) {
            log.add("RENEW " + sid);
            reply(ex, subscribers.containsKey(sid) ? 200 : 412, subscribers.containsKey(sid) ? sid : null);
            return;
        }
        String callback = ex.getRequestHeaders().getFirst("CALLBACK");
        if (callback == null || !callback.startsWith("<http://127.0.0.1:") || !callback.endsWith(">")
                || !"upnp:event".equals(ex.getRequestHeaders().getFirst("NT"))) {
            log.add("SUBSCRIBE bad " + callback);
            reply(ex, 412, null);
            return;
        }
        Subscriber s = new Subscriber("uuid:" + UUID.randomUUID(),
                URI.create(callback.substring(1, callback.length() - 1)), new AtomicLong());
        subscribers.put(s.sid(), s);
        log.add("SUBSCRIBE " + s.sid());
        reply(ex, 200, s.sid());
        if (behaviour == Behaviour.NOTIFIES) {
            sender.execute(() -> send(s)); // after the answer, as miniupnpd does
        }
    }

    private void reply(HttpExchange ex, int status, String sid) throws IOException {
        if (sid != null) {
            ex.getResponseHeaders().set("SID", sid);
            ex.getResponseHeaders().set("TIMEOUT", "Second-" + grantedSeconds);
        }
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    /** Sends every subscriber a NOTIFY with the current state (after a change). */
    public void notifySubscribers() {
        if (behaviour != Behaviour.NOTIFIES) {
            return;
        }
        for (Subscriber s : subscribers.values()) {
            sender.execute(() -> send(s));
        }
    }

    /** The router forgets its subscribers, as on a reboot. */
    public void forgetSubscribers() {
        subscribers.clear();
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** "SUBSCRIBE uuid:…", "RENEW uuid:…", "UNSUBSCRIBE uuid:…", in order. */
    public List<String> log() {
        return List.copyOf(log);
    }

    public long count(String prefix) {
        return log.stream().filter(l -> l.startsWith(prefix)).count();
    }

    /** The HTTP status each NOTIFY got from the client's callback server. */
    public List<Integer> notifyAnswers() {
        return List.copyOf(notifyAnswers);
    }

    private void send(Subscriber s) {
        StringBuilder body = new StringBuilder(
                "<?xml version=\"1.0\"?>\r\n<e:propertyset xmlns:e=\"urn:schemas-upnp-org:event-1-0\">");
        state.get().forEach((k, v) -> body.append("<e:property><").append(k).append('>').append(v)
                .append("</").append(k).append("></e:property>"));
        body.append("</e:propertyset>\r\n");
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        String head = "NOTIFY " + s.callback().getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + s.callback().getHost() + ":" + s.callback().getPort() + "\r\n"
                + "Content-Type: text/xml; charset=\"utf-8\"\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "NT: upnp:event\r\nNTS: upnp:propchange\r\n"
                + "SID: " + s.sid() + "\r\nSEQ: " + s.seq().getAndIncrement() + "\r\n"
                + "Connection: close\r\n\r\n";
        notifyAnswers.add(rawRequest(s.callback(), head.getBytes(StandardCharsets.ISO_8859_1), bytes));
    }

    /** Sends bytes to a 127.0.0.1 callback and returns the status answered, -1 when none. */
    static int rawRequest(URI callback, byte[] head, byte[] body) {
        if (!"127.0.0.1".equals(callback.getHost())) {
            return -1; // loopback only, whatever a test asks
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", callback.getPort()), 2000);
            socket.setSoTimeout(7000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            return status.length() >= 12 ? Integer.parseInt(status.substring(9, 12)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    void close() {
        sender.shutdownNow();
    }
}
