package net.portforward.reach;

import net.portforward.TestPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import net.portforward.engine.progress.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A checker that answers too much, too slowly, not at all, or with a redirect, on loopback. */
class ProxyHttpTest {
    private HttpServer server;
    private ProxyHttp http;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/huge", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                out.write(new byte[100 * 1024]);
            }
        });
        server.createContext("/drip", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write('1');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.createContext("/moved", x -> {
            x.getResponseHeaders().set("Location", "http://127.0.0.1:1/elsewhere");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.createContext("/ok", x -> {
            byte[] b = "1".getBytes();
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.start();
        http = new ProxyHttp(Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void aShortAnswerIsRead() throws Exception {
        assertEquals(new ProxyHttp.Answer(200, "1"), http.get(at("/ok"), Progress.NONE));
    }

    @Test
    void anAnswerOverTheLimitIsRefused() {
        ProxyFailure f = assertThrows(ProxyFailure.class, () -> http.get(at("/huge"), Progress.NONE));
        assertTrue(f.getMessage().endsWith("sent more than 16 KB; that is not a checker's answer."), f.getMessage());
    }

    @Test
    void aDrippingAnswerIsCutAtTheDeadline() {
        long start = System.nanoTime();
        ProxyFailure f = assertThrows(ProxyFailure.class, () -> http.get(at("/drip"), Progress.NONE));
        assertTrue(f.getMessage().endsWith("did not answer within 1 s."), f.getMessage());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 3000, "one deadline for headers and body");
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        assertEquals(302, http.get(at("/moved"), Progress.NONE).status());
    }

    @Test
    void nothingListeningIsSaidSo() throws Exception {
        int closed;
        closed = TestPorts.unused();
        ProxyFailure f = assertThrows(ProxyFailure.class,
                () -> http.get(URI.create("http://127.0.0.1:" + closed + "/"), Progress.NONE));
        assertEquals("127.0.0.1:" + closed + " refused the connection or cannot be reached.", f.getMessage());
    }
}
