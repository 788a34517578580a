package net.portforward.reach;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP exchange over a plain socket, from a chosen loopback source address (127.0.0.2 and so
 * on: Linux answers all of 127/8), for tests that need to control the source or send odd requests.
 */
public final class RawHttp {
    /** Status line code and body; status -1 when the server closed without answering. */
    public record Reply(int status, String head, String body) {
    }

    private RawHttp() {
    }

    public static Reply exchange(InetAddress from, InetSocketAddress to, String request, int timeoutMs) throws IOException {
        try (Socket s = new Socket()) {
            if (from != null) {
                s.bind(new InetSocketAddress(from, 0));
            }
            s.connect(to, timeoutMs);
            s.setSoTimeout(timeoutMs);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] b = new byte[8192];
            int n;
            try {
                while ((n = in.read(b)) > 0) {
                    all.write(b, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // closed by the server: what arrived is the answer
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/") || split < 0) {
                return new Reply(-1, text, "");
            }
            int status = Integer.parseInt(text.substring(9, 12));
            return new Reply(status, text.substring(0, split), text.substring(split + 4));
        }
    }

    public static Reply get(InetAddress from, InetSocketAddress to, String pathAndQuery, String... headers) throws IOException {
        StringBuilder r = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n");
        for (String h : headers) {
            r.append(h).append("\r\n");
        }
        return exchange(from, to, r.append("\r\n").toString(), 10_000);
    }

    public static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
