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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.portforward.engine.progress.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Plain-http GETs and GENA requests go out on a socket of their own, as routers' small servers
 * read them, with the same limits as before: no redirect followed, one deadline, one size limit.
 */
class PlainHttpTest {
    private ServerSocket server;
    private final SafeHttp http = new SafeHttp(Duration.ofSeconds(3));

    @AfterEach
    void close() throws IOException {
        http.close();
        if (server != null) {
            server.close();
        }
    }

    /** Answers one connection with {@code answer} and completes with the request it read. */
    private CompletableFuture<String> answerOnce(String answer) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                s.setSoTimeout(3000);
                String request = readHead(s.getInputStream());
                s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                return request;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    @Test
    void getIsOneRequestWithHostUserAgentAndClose() throws Exception {
        CompletableFuture<String> seen = answerOnce("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Test: a\r\n\r\nhello");
        SafeHttp.Response r = http.get(url("/rootDesc.xml"), Progress.NONE);
        assertEquals(200, r.status());
        assertEquals("hello", r.text());
        assertEquals("a", r.header("x-TEST").orElseThrow());
        String request = seen.get(3, TimeUnit.SECONDS);
        assertTrue(request.startsWith("GET /rootDesc.xml HTTP/1.1\r\n"), request);
        assertTrue(request.contains("\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n"), request);
        assertTrue(request.contains("\r\nUser-Agent: PortForward/"), request);
        assertTrue(request.contains("\r\nConnection: close\r\n"), request);
        assertFalse(request.toLowerCase().contains("content-length"), "a GET carries no body: " + request);
    }

    @Test
    void genaRequestCarriesItsHeaders() throws Exception {
        CompletableFuture<String> seen = answerOnce("HTTP/1.1 200 OK\r\nSID: uuid:1\r\nContent-Length: 0\r\n\r\n");
        SafeHttp.Response r = http.exchange("SUBSCRIBE", url("/evt/IPConn"),
                Map.of("NT", "upnp:event", "TIMEOUT", "Second-1800"), Progress.NONE);
        assertEquals("uuid:1", r.header("SID").orElseThrow());
        String request = seen.get(3, TimeUnit.SECONDS);
        assertTrue(request.startsWith("SUBSCRIBE /evt/IPConn HTTP/1.1\r\n"), request);
        assertTrue(request.contains("\r\nNT: upnp:event\r\n") && request.contains("\r\nTIMEOUT: Second-1800\r\n"), request);
    }

    @Test
    void redirectIsAnsweredNotFollowed() throws Exception {
        answerOnce("HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/\r\nContent-Length: 0\r\n\r\n");
        assertEquals(302, http.get(url("/rootDesc.xml"), Progress.NONE).status());
    }

    @Test
    void bodyWithoutLengthIsReadToTheEnd() throws Exception {
        answerOnce("HTTP/1.0 200 OK\r\n\r\n<root/>");
        assertEquals("<root/>", http.get(url("/"), Progress.NONE).text());
    }
}
