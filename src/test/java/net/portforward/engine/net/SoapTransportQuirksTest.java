package net.portforward.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.upnp.SoapClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Routers whose HTTP servers are too simple for an ordinary client, played by a raw socket on
 * 127.0.0.1 that records every read: one row per router family (miniupnpc minisoap.c sends
 * its requests the way both need).
 */
class SoapTransportQuirksTest {
    private static final String SERVICE = "urn:schemas-upnp-org:service:WANIPConnection:1";
    private static final Pattern LENGTH = Pattern.compile("(?im)^Content-Length:\\s*(\\d+)\\s*$");
    /** How long the DrayTek-like server waits to see whether the client half-closes. */
    private static final int HALF_CLOSE_WAIT_MS = 300;
    private static final int CALLS = 5;

    enum Family {
        /** Old Linksys: the first segment is taken for the whole request; anything after it is lost. */
        OLD_LINKSYS,
        /** DrayTek: a half-close after the request makes it drop the connection without an answer. */
        DRAYTEK
    }

    /** What the server saw of one request. */
    record Seen(List<Integer> reads, String request, boolean halfClosed) {
    }

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Family.class)
    void eachFamilyGetsItsAnswer(Family family) throws Exception {
        URI control = serve(family);
        SafeHttp http = new SafeHttp(Duration.ofSeconds(5));
        closing.add(http);
        ServiceRef service = new ServiceRef(SERVICE, "urn:upnp-org:serviceId:WANIPConn1", control, null, null, "", "");

        // Two writes can still arrive before the server reads, so one request proves little: five do.
        for (int i = 0; i < CALLS; i++) {
            Map<String, String> out = new SoapClient(http).call(service, "GetExternalIPAddress", List.of(), Progress.NONE);
            assertEquals("25.77.0.2", out.get("NewExternalIPAddress"));
        }

        assertEquals(CALLS, seen.size());
        Seen s = seen.get(0);
        switch (family) {
            case OLD_LINKSYS -> {
                assertTrue(seen.stream().allMatch(x -> x.reads().size() == 1), "the whole request in the first read: "
                        + seen.stream().map(Seen::reads).toList());
                assertTrue(s.request().startsWith("POST /ctl/IPConn HTTP/1.1\r\n"), s.request());
                assertTrue(s.request().contains("SOAPAction: \"" + SERVICE + "#GetExternalIPAddress\"\r\n"), s.request());
                assertTrue(s.request().endsWith("</s:Envelope>\r\n"), s.request());
            }
            case DRAYTEK -> assertFalse(s.halfClosed(), "the request was followed by a half-close");
        }
    }

    @Test
    void theRequestIsOneBufferWithItsLength() {
        byte[] request = OneWritePost.request(URI.create("http://127.0.0.1:5000/ctl/IPConn?x=1"),
                Map.of("SOAPAction", "\"a#b\""), "<x/>".getBytes(StandardCharsets.UTF_8));
        assertEquals("POST /ctl/IPConn?x=1 HTTP/1.1\r\nHost: 127.0.0.1:5000\r\nSOAPAction: \"a#b\"\r\n"
                + "Content-Length: 4\r\nConnection: close\r\n\r\n<x/>", new String(request, StandardCharsets.ISO_8859_1));
    }

    /**
     * Answers framed every way a router's HTTP server frames them: chunked (with an extension and
     * a trailer), without a length until the router closes (HTTP/1.0 stacks, Actiontec), after an
     * interim 100 Continue.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"chunked", "until-close", "continue"})
    void answersAreReadWhateverTheirFraming(String framing) throws Exception {
        String body = "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<u:GetExternalIPAddressResponse xmlns:u=\"" + SERVICE + "\"><NewExternalIPAddress>25.77.0.2"
                + "</NewExternalIPAddress></u:GetExternalIPAddressResponse></s:Body></s:Envelope>";
        String raw = switch (framing) {
            case "chunked" -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(20) + ";x=y\r\n" + body.substring(0, 20) + "\r\n"
                    + Integer.toHexString(body.length() - 20) + "\r\n" + body.substring(20) + "\r\n0\r\nX-T: 1\r\n\r\n";
            case "until-close" -> "HTTP/1.0 200 OK\nContent-Type: text/xml\n\n" + body;
            default -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        };
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        closing.add(server);
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                s.getInputStream().read(new byte[65536]);
                s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException closed) {
                // the test ends
            }
        });
        t.setDaemon(true);
        t.start();
        SafeHttp.Response r = OneWritePost.post(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/c"), Map.of(),
                new byte[0], Duration.ofSeconds(5), SafeHttp.MAX_BODY_BYTES, Progress.NONE);

        assertEquals(200, r.status());
        assertEquals(body, r.text());
    }

    /** A server that answers one request per connection the way {@code family} does. */
    private URI serve(Family family) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        closing.add(server);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    answer(s, family);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "raw-router-" + family);
        t.setDaemon(true);
        t.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/ctl/IPConn");
    }

    private void answer(Socket s, Family family) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        List<Integer> reads = new ArrayList<>();
        byte[] buffer = new byte[65536];
        while (!complete(request.toString(StandardCharsets.ISO_8859_1))) {
            if (family == Family.OLD_LINKSYS && !reads.isEmpty()) {
                seen.add(new Seen(reads, request.toString(StandardCharsets.ISO_8859_1), false));
                return; // it took the first segment for the whole request: the rest is lost
            }
            int n = in.read(buffer);
            if (n < 0) {
                return;
            }
            reads.add(n);
            request.write(buffer, 0, n);
        }
        boolean halfClosed = false;
        if (family == Family.DRAYTEK) {
            s.setSoTimeout(HALF_CLOSE_WAIT_MS);
            try {
                halfClosed = in.read() < 0;
            } catch (SocketTimeoutException stillOpen) {
                halfClosed = false;
            }
        }
        seen.add(new Seen(reads, request.toString(StandardCharsets.ISO_8859_1), halfClosed));
        if (family == Family.DRAYTEK && halfClosed) {
            return; // what these routers do: no answer at all
        }
        String body = "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<s:Body><u:GetExternalIPAddressResponse xmlns:u=\"" + SERVICE + "\">"
                + "<NewExternalIPAddress>25.77.0.2</NewExternalIPAddress></u:GetExternalIPAddressResponse></s:Body>"
                + "</s:Envelope>";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " + bytes.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().write(bytes);
    }

    /** Headers ended and Content-Length bytes of body there. */
    private static boolean complete(String request) {
        int end = request.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        Matcher m = LENGTH.matcher(request.substring(0, end));
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        return request.length() - end - 4 >= length;
    }
}
