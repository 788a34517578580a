package net.portforward.reach;

import net.portforward.TestPorts;
import static net.portforward.reach.RawHttp.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.portforward.checker.CheckerServer;
import net.portforward.checker.CheckerTestAccess;
import net.portforward.checker.ConnectBackPolicy;
import net.portforward.config.Proxy;
import net.portforward.config.Settings;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.UpnpException;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.progress.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole test on loopback: the real checker server and web server on 127.0.0.1, and a router
 * kept in memory. Loopback has no NAT, so "the internet" reaches the external port directly: a
 * missing forward is played by an external port where nothing listens.
 */
class ReachTestTest {
    private static final InetAddress HERE = loopback(1);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private ProxyHttp http;
    private Proxy checker;

    @BeforeEach
    void start() throws Exception {
        http = new ProxyHttp(Duration.ofMillis(1500));
        closing.add(http);
        checker = new Proxy(Proxy.Type.PORTFORWARD, "http://127.0.0.1:" + CheckerTestAccess.start(HERE, closing) + "/");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** A router in memory: its table, its status, and what was done to it. */
    static class MemoryRouter implements MappingAccess {
        final Map<MappingKey, PortMapping> table = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        RouterStatus status = new RouterStatus(HERE, "127.0.0.1", ConnectionStatus.CONNECTED, null, "", NatVerdict.PUBLIC);
        PortForwardException addFails;

        @Override
        public InetAddress localAddress() {
            return HERE;
        }

        @Override
        public RouterStatus status(Progress p) {
            return status;
        }

        @Override
        public Optional<PortMapping> mapping(MappingKey key, Progress p) {
            return Optional.ofNullable(table.get(key));
        }

        @Override
        public void add(PortMapping m, Retention retention, Progress p) throws PortForwardException {
            calls.add("add " + m.key() + " " + m.description() + " " + retention);
            if (addFails != null) {
                throw addFails;
            }
            table.put(m.key(), m);
        }

        @Override
        public void delete(MappingKey key, Progress p) {
            calls.add("delete " + key);
            table.remove(key);
        }

        void forward(Protocol protocol, int external, InetAddress client, int internal) {
            table.put(new MappingKey(protocol, external), new PortMapping(protocol, external, client, internal, true, "x",
                    null, Duration.ZERO));
        }
    }

    private TestPageServer page() throws Exception {
        TestPageServer s = TestPageServer.start(HERE, 0);
        closing.add(s);
        return s;
    }

    private Verdict run(List<Proxy> proxies, ReachRequest request, MappingAccess router, LocalService service)
            throws Exception {
        return new ReachTest(proxies, http).run(request, router, service, Progress.NONE);
    }

    @Test
    void reachableThroughATemporaryForwardThatIsRemovedAfterwards() throws Exception {
        TestPageServer page = page();
        MemoryRouter router = new MemoryRouter();
        Verdict v = run(List.of(checker), new ReachRequest(Protocol.TCP, page.port(), page.port(), true, false), router, page);

        assertTrue(v.reachable(), v::toString);
        assertEquals(Reason.REACHABLE, v.reason());
        assertEquals(checker, v.proxy());
        assertTrue(v.english().startsWith("TCP " + page.port() + " is reachable from the internet (127.0.0.1:"), v.english());
        assertTrue(v.english().contains(" ms)"), v.english());
        assertEquals(List.of("add TCP " + page.port() + " " + ReachTest.TEMPORARY_DESCRIPTION + " FOR_NOW",
                        "delete TCP " + page.port()),
                router.calls);
        assertTrue(router.table.isEmpty());
        assertTrue(v.notes().stream().map(Fact::english).toList().contains("Removed the temporary forward TCP " + page.port() + "."),
                v.notes()::toString);
    }

    @Test
    void aCheckerThatSeesAnAddressTheInternetCannotReachMeansDoubleNat() throws Exception {
        // A checker on the internet that sees this computer come from a private (here: loopback)
        // address never connects; something beyond the router translates addresses.
        CheckerServer strict = CheckerServer.start(new CheckerServer.Options(new InetSocketAddress(HERE, 0), null, 30,
                Duration.ofSeconds(1), ConnectBackPolicy.PUBLIC_ONLY, Duration.ofSeconds(2)), line -> { });
        closing.add(strict);
        Proxy internet = new Proxy(Proxy.Type.PORTFORWARD, "http://127.0.0.1:" + strict.address().getPort() + "/");
        TestPageServer page = page();
        MemoryRouter router = new MemoryRouter();
        router.forward(Protocol.TCP, page.port(), HERE, page.port());

        Verdict v = run(List.of(internet), new ReachRequest(Protocol.TCP, page.port(), page.port(), false, false), router,
                page);

        assertFalse(v.reachable());
        assertEquals(Reason.DOUBLE_NAT, v.reason(), v::toString);
        assertEquals(0, page.requestsServed(), "the checker did not connect");
        assertTrue(v.notes().stream().anyMatch(n -> n.english().contains("a loopback address")), v.notes()::toString);
    }

    @Test
    void keepMappingLeavesTheForward() throws Exception {
        TestPageServer page = page();
        MemoryRouter router = new MemoryRouter();
        Verdict v = run(List.of(checker), new ReachRequest(Protocol.TCP, page.port(), page.port(), true, true), router, page);
        assertTrue(v.reachable(), v::toString);
        assertEquals(1, router.table.size());
        assertEquals(List.of("add TCP " + page.port() + " " + ReachTest.TEMPORARY_DESCRIPTION + " KEEP"), router.calls,
                "a forward the user keeps is recorded as kept");
    }

    @Test
    void deadAndSlowProxiesFallOverToTheNextInOrder() throws Exception {
        TestPageServer page = page();
        int dead = closedPort();
        int silent = silentServer();
        List<Proxy> proxies = List.of(
                new Proxy(Proxy.Type.PORTFORWARD, "http://127.0.0.1:" + dead + "/"),
                new Proxy(Proxy.Type.PORTCHECK, "http://127.0.0.1:" + silent + "/{port}"),
                new Proxy(Proxy.Type.BROWSER, "https://canyouseeme.org/"),
                checker);
        MemoryRouter router = new MemoryRouter();
        router.forward(Protocol.TCP, page.port(), HERE, page.port());

        Verdict v = run(proxies, new ReachRequest(Protocol.TCP, page.port(), page.port(), true, false), router, page);

        assertTrue(v.reachable(), v::toString);
        assertEquals(checker, v.proxy());
        String failed = v.notes().stream().map(Fact::english).filter(n -> n.startsWith("Checkers that failed first"))
                .findFirst().orElseThrow();
        assertTrue(failed.contains("127.0.0.1:" + dead + " refused"), failed);
        assertTrue(failed.contains("127.0.0.1:" + silent + " did not answer within 1 s"), failed);
        assertEquals("https://canyouseeme.org/", v.browserUrl().toString());
        assertEquals(List.of(), router.calls, "an existing forward is neither added nor removed");
    }

    @Test
    void everyProxyDownSaysSoAndNamesEach() throws Exception {
        TestPageServer page = page();
        int dead = closedPort();
        int junk = answering("HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\n<html>hi");
        List<Proxy> proxies = List.of(new Proxy(Proxy.Type.PORTFORWARD, "http://127.0.0.1:" + dead + "/"),
                new Proxy(Proxy.Type.PORTFORWARD, "http://127.0.0.1:" + junk + "/"));
        Verdict v = run(proxies, new ReachRequest(Protocol.TCP, page.port(), page.port(), false, false), new MemoryRouter(), page);

        assertFalse(v.reachable());
        assertEquals(Reason.ALL_PROXIES_DOWN, v.reason());
        assertTrue(v.english().contains("refused"), v.english());
        assertTrue(v.english().contains("did not answer like a PortForward checker"), v.english());
        assertNull(v.proxy());
    }

    @Test
    void noForwardIsNoMapping() throws Exception {
        TestPageServer page = page();
        int external = closedPort();
        Verdict v = run(List.of(checker), new ReachRequest(Protocol.TCP, external, page.port(), false, false),
                new MemoryRouter(), page);
        assertFalse(v.reachable());
        assertEquals(Reason.NO_MAPPING, v.reason(), v::toString);
        assertTrue(v.english().endsWith("the router has no forward for it."), v.english());
    }

    @Test
    void aForwardToAnotherComputerIsNamedWithoutAskingAnyone() throws Exception {
        MemoryRouter router = new MemoryRouter();
        router.forward(Protocol.TCP, 9542, InetAddress.getByName("192.168.1.24"), 9542);
        Verdict v = run(List.of(new Proxy(Proxy.Type.PORTFORWARD, "http://127.0.0.1:" + closedPort() + "/")),
                new ReachRequest(Protocol.TCP, 9542, 9542, true, false), router, null);
        assertEquals(Reason.MAPPING_TO_OTHER_COMPUTER, v.reason());
        assertEquals("The router forwards TCP 9542 to 192.168.1.24, not to this computer (127.0.0.1).", v.english());
        assertEquals(List.of(), router.calls);
    }

    @Test
    void anotherServerAnsweringIsAnotherDevice() throws Exception {
        TestPageServer page = page();
        int other = answering("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
        MemoryRouter router = new MemoryRouter();
        router.forward(Protocol.TCP, other, HERE, page.port());
        Verdict v = run(List.of(checker), new ReachRequest(Protocol.TCP, other, page.port(), true, false), router, page);
        assertEquals(Reason.MAPPING_TO_OTHER_COMPUTER, v.reason(), v::toString);
    }

    @Test
    void doubleNatWinsOverTheOtherReasons() throws Exception {
        TestPageServer page = page();
        MemoryRouter router = new MemoryRouter();
        router.status = new RouterStatus(null, "", ConnectionStatus.CONNECTED, null, "", NatVerdict.DOUBLE_NAT);
        router.addFails = new UpnpException("AddPortMapping", 501, "Action Failed", "The router refused.");
        int external = closedPort();
        Verdict v = run(List.of(checker), new ReachRequest(Protocol.TCP, external, page.port(), true, false), router, page);
        assertEquals(Reason.DOUBLE_NAT, v.reason(), v::toString);
        assertTrue(v.notes().stream().anyMatch(n -> n.english().startsWith("A temporary forward could not be added")), v.notes()::toString);
    }

    @Test
    void aCheckerSeeingAnotherAddressThanTheRoutersIsDoubleNat() throws Exception {
        TestPageServer page = page();
        MemoryRouter router = new MemoryRouter();
        router.status = new RouterStatus(loopback(99), "127.0.0.99", ConnectionStatus.CONNECTED, null, "", NatVerdict.PUBLIC);
        router.forward(Protocol.TCP, closedPort(), HERE, page.port());
        int external = router.table.keySet().iterator().next().externalPort();
        Verdict v = run(List.of(checker), new ReachRequest(Protocol.TCP, external, page.port(), true, false), router, page);
        assertEquals(Reason.DOUBLE_NAT, v.reason(), v::toString);
        assertTrue(v.english().contains("saw your address as 127.0.0.1, but the router's is 127.0.0.99"), v.english());
    }

    @Test
    void serverNotRunningAndLocalFirewall() throws Exception {
        MemoryRouter router = new MemoryRouter();
        router.status = new RouterStatus(HERE, "127.0.0.1", ConnectionStatus.CONNECTED, null, "", NatVerdict.PUBLIC);
        int external = closedPort();
        int internal = closedPort();
        router.forward(Protocol.TCP, external, HERE, internal);
        Verdict none = run(List.of(checker), new ReachRequest(Protocol.TCP, external, internal, true, false), router, null);
        assertEquals(Reason.SERVER_NOT_RUNNING, none.reason(), none::toString);

        TestPageServer page = page();
        router.forward(Protocol.TCP, external, HERE, page.port());
        Verdict blocked = run(List.of(checker), new ReachRequest(Protocol.TCP, external, page.port(), true, false), router, page);
        assertEquals(Reason.LOCAL_FIREWALL, blocked.reason(), blocked::toString);
    }

    @Test
    void udpThroughTheResponderAndPortcheckSkippedForUdp() throws Exception {
        UdpResponder responder = UdpResponder.start(HERE, 0);
        closing.add(responder);
        MemoryRouter router = new MemoryRouter();
        Proxy portcheck = new Proxy(Proxy.Type.PORTCHECK, "http://127.0.0.1:" + closedPort() + "/{port}");
        Verdict v = run(List.of(portcheck, checker), new ReachRequest(Protocol.UDP, responder.port(), responder.port(),
                true, false), router, responder);
        assertTrue(v.reachable(), v::toString);
        assertEquals(checker, v.proxy());
        assertTrue(v.notes().stream().map(Fact::english).toList().contains("127.0.0.1:" + portcheck.url(1).getPort()
                + " checks TCP only; skipped for UDP."),
                v.notes()::toString);
        assertEquals(List.of("add UDP " + responder.port() + " " + ReachTest.TEMPORARY_DESCRIPTION + " FOR_NOW",
                "delete UDP " + responder.port()), router.calls);
    }

    /**
     * The two shipped defaults: Transmission's portcheck answers a bare 1 or 0 (replies in
     * src/test/resources/proxies, as FIELD.md and Transmission's client describe them: the public
     * service cannot be reached from here), and canyouseeme.org is a page for the browser.
     */
    @Test
    void shippedDefaultsWithRecordedReplies() throws Exception {
        assertEquals(Settings.DEFAULT_PROXIES, Settings.defaults(Path.of("unused")).proxies());
        Proxy transmission = Settings.DEFAULT_PROXIES.get(0);
        Proxy canyouseeme = Settings.DEFAULT_PROXIES.get(1);
        assertEquals(Proxy.Type.PORTCHECK, transmission.type());
        assertEquals("https://portcheck.transmissionbt.com/51413", transmission.url(51413).toString());
        assertEquals(Proxy.Type.BROWSER, canyouseeme.type());
        assertNull(ProxyClient.of(canyouseeme, http), "a browser page is read by a person");

        for (String[] recorded : new String[][] {{"open", "true"}, {"closed", "false"}}) {
            byte[] body = Files.readAllBytes(Path.of("src/test/resources/proxies/transmission-portcheck-" + recorded[0] + ".txt"));
            int fake = answering("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n" + new String(body, StandardCharsets.US_ASCII));
            // Same path template as the default, on loopback.
            Proxy local = new Proxy(Proxy.Type.PORTCHECK, transmission.urlTemplate()
                    .replace("https://portcheck.transmissionbt.com", "http://127.0.0.1:" + fake));
            ProxyAnswer a = ProxyClient.of(local, http).ask(51413, Protocol.TCP, ReachToken.random(), Progress.NONE);
            assertEquals(Boolean.parseBoolean(recorded[1]), a.reachable(), recorded[0]);
        }
        TestPageServer page = page();
        int fake = answering("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\n0");
        List<Proxy> defaultsOnLoopback = List.of(new Proxy(Proxy.Type.PORTCHECK, "http://127.0.0.1:" + fake + "/{port}"),
                canyouseeme);
        MemoryRouter router = new MemoryRouter();
        router.status = new RouterStatus(HERE, "127.0.0.1", ConnectionStatus.CONNECTED, null, "", NatVerdict.PUBLIC);
        router.forward(Protocol.TCP, page.port(), HERE, page.port());
        Verdict v = run(defaultsOnLoopback, new ReachRequest(Protocol.TCP, page.port(), page.port(), true, false), router, page);
        assertEquals(Reason.LOCAL_FIREWALL, v.reason(), "portcheck said 0 while the forward and the server exist");
        assertEquals("https://canyouseeme.org/", v.browserUrl().toString());
    }

    /**
     * Technicolor CGA4131COM (tailscale #21208): the router lists the forward, this computer
     * answers, and nothing gets through, until the forward is deleted and added again. Loopback
     * has no NAT, so the forward's working is played by a relay from the external port to the
     * page that starts only once the forward was made anew.
     */
    @Test
    void aStaleForwardIsOfferedRepairAndWorksAfterIt() throws Exception {
        TestPageServer page = page();
        int external = closedPort();
        MemoryRouter router = new MemoryRouter() {
            private boolean deleted;

            @Override
            public void delete(MappingKey key, Progress p) {
                super.delete(key, p);
                deleted = true;
            }

            @Override
            public void add(PortMapping m, Retention retention, Progress p) throws PortForwardException {
                super.add(m, retention, p);
                if (deleted) {
                    relay(external, page.port());
                }
            }
        };
        router.forward(Protocol.TCP, external, HERE, page.port());
        ReachRequest request = new ReachRequest(Protocol.TCP, external, page.port(), true, false);

        Verdict stale = run(List.of(checker), request, router, page);

        assertEquals(Reason.LOCAL_FIREWALL, stale.reason(), stale::toString);
        assertTrue(stale.repairable());
        assertEquals(ReachFact.STALE_FORWARD, stale.fact().phrase(), stale.english());
        assertTrue(stale.english().endsWith("repairing it (deleting it and adding it again) may help."), stale.english());
        assertEquals(List.of(), router.calls, "the test itself changes nothing");

        Verdict repaired = new ReachTest(List.of(checker), http).repairAndRun(request, router, page, Progress.NONE);

        assertTrue(repaired.reachable(), repaired::toString);
        assertFalse(repaired.repairable());
        assertEquals("Deleted the forward TCP " + external + " and added it again.", repaired.notes().get(0).english());
        assertEquals(List.of("delete TCP " + external, "add TCP " + external + " x KEEP"), router.calls);
    }

    @Test
    void aForwardTheTestAddedItselfIsNeverOfferedRepair() throws Exception {
        TestPageServer page = page();
        int external = closedPort();
        Verdict v = run(List.of(checker), new ReachRequest(Protocol.TCP, external, page.port(), true, false),
                new MemoryRouter(), page);

        assertEquals(Reason.LOCAL_FIREWALL, v.reason(), v::toString);
        assertFalse(v.repairable(), "it was just made: making it again changes nothing");
        assertFalse(v.english().contains("may help"), v.english());
        assertNotEquals(ReachFact.STALE_FORWARD, v.fact().phrase());
    }

    /** Pipes every connection to {@code port} on to {@code target}, both on {@link #HERE}. */
    private void relay(int port, int target) {
        try {
            ServerSocket s = new ServerSocket(port, 50, HERE);
            closing.add(s);
            List<Socket> relayed = new java.util.concurrent.CopyOnWriteArrayList<>();
            closing.add(() -> {
                for (Socket r : relayed) {
                    r.close();
                }
            });
            Thread t = new Thread(() -> {
                while (!s.isClosed()) {
                    try {
                        Socket in = s.accept();
                        Socket out = new Socket(HERE, target);
                        relayed.add(in);
                        relayed.add(out);
                        pipe(in, out);
                        pipe(out, in);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException closed) {
                // one side went away
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static int closedPort() throws IOException {
        return TestPorts.unused();
    }

    /** Accepts and never answers. */
    private int silentServer() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, HERE);
        closing.add(s);
        List<Socket> held = new ArrayList<>();
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    held.add(s.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return s.getLocalPort();
    }

    /** Answers every connection with the same bytes. */
    private int answering(String raw) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, HERE);
        closing.add(s);
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    c.getInputStream().read(new byte[2048]);
                    c.getOutputStream().write(raw.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closed) {
                    // next
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return s.getLocalPort();
    }
}
