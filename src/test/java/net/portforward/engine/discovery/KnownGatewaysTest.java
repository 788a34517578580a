package net.portforward.engine.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.FakeSsdp;
import net.portforward.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default gateway's description URL, remembered: the next search reads it at once instead of
 * waiting for the SSDP answer, still from the gateway's own address and only when its service
 * answers; a stale URL costs nothing but the attempt; another host is never remembered.
 */
class KnownGatewaysTest {
    private static final String IGD2 = "urn:schemas-upnp-org:device:InternetGatewayDevice:2";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final InetAddress GATEWAY = ip("127.0.0.1");

    @TempDir
    Path data;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final SafeHttp http = new SafeHttp(Duration.ofSeconds(5));
    private final MovableClock clock = MovableClock.at(Instant.parse("2026-01-01T10:00:00Z"));

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        http.close();
    }

    private <T extends AutoCloseable> T closing(T c) {
        closing.add(c);
        return c;
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private KnownGateways known() {
        return new KnownGateways(data, clock);
    }

    /** 127.0.0.1 is the default gateway, answering unicast searches at {@code ssdp}. */
    private Discovery discovery(FakeSsdp ssdp, MulticastSearch.Factory others) {
        DiscoveryPolicy policy = new DiscoveryPolicy(others != null, ssdp.port(), 9,
                () -> Optional.of(new DefaultRoute("lo", GATEWAY)));
        return new Discovery(new GatewayProbe(http), List.of(), policy, TIMEOUT, Duration.ofSeconds(2), null, null,
                others == null ? (nif, sink) -> { throw new AssertionError("multicast in a unicast-only test"); } : others,
                known());
    }

    @Test
    void theGatewaysUrlFromTheLastSearchIsReadWithoutWaitingForItsAnswer() throws Exception {
        FakeRouter router = closing(FakeRouter.start());
        known().remember(GATEWAY, router.location());
        FakeSsdp silent = closing(FakeSsdp.start()); // the answer delay: nothing within the search

        long start = System.nanoTime();
        Discovery.Result found = discovery(silent, null).search(Discovery.Scope.BEST, Progress.NONE);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        Gateway g = found.gateways().get(0);
        assertTrue(g.defaultGateway());
        assertEquals(router.location(), g.upnp().orElseThrow().device().location());
        assertTrue(took.compareTo(TIMEOUT.dividedBy(2)) < 0, "returned on the description, not at the timeout: " + took);
        assertFalse(silent.searches().isEmpty(), "the search still went out beside it");
    }

    @Test
    void aStaleUrlIsNoProblemAndTheAnswersUrlIsRememberedInstead() throws Exception {
        URI stale = URI.create("http://127.0.0.1:9/rootDesc.xml"); // discard port: nothing serves there
        known().remember(GATEWAY, stale);
        FakeRouter router = closing(FakeRouter.start());
        FakeSsdp ssdp = closing(FakeSsdp.start().answer(IGD2, router.location()));

        Discovery.Result found = discovery(ssdp, null).search(Discovery.Scope.BEST, Progress.NONE);

        assertEquals(router.location(), found.gateways().get(0).upnp().orElseThrow().device().location());
        assertTrue(found.problems().isEmpty(), "the stale URL is not a problem to tell: " + found.problems());
        assertEquals(Optional.of(router.location()), known().location(GATEWAY));
    }

    @Test
    void aSearchRemembersTheGatewaysOwnAnswerOnly() throws Exception {
        FakeRouter impostor = closing(FakeRouter.start(FakeRouter.Options.igd2().host("127.0.0.2")));
        FakeRouter router = closing(FakeRouter.start());
        FakeSsdp ssdp = closing(FakeSsdp.start().answer(IGD2, router.location()));
        MulticastSearch.Factory impostorAnswers = (nif, sink) -> new MulticastSearch() {
            @Override
            public void search() {
                sink.accept(ip("127.0.0.2"), Map.of("ST", IGD2, "LOCATION", impostor.location().toString(), "USN", "uuid:x"));
            }

            @Override
            public void close() {
            }
        };

        discovery(ssdp, impostorAnswers).search(Discovery.Scope.ALL, Progress.NONE);

        assertEquals(Optional.of(router.location()), known().location(GATEWAY));
        assertEquals(Optional.empty(), known().location(ip("127.0.0.2")), "another LAN host is never remembered");
        assertFalse(Files.readString(data.resolve(KnownGateways.FILE)).contains("127.0.0.2"));
    }

    @Test
    void aUrlOnAnotherAddressIsNeitherKeptNorUsed() throws Exception {
        known().remember(GATEWAY, URI.create("http://127.0.0.2:5000/rootDesc.xml"));
        assertEquals(Optional.empty(), known().location(GATEWAY));
        // Written by hand (or by an older version): still checked when read.
        Files.writeString(data.resolve(KnownGateways.FILE),
                "127.0.0.1\thttp://127.0.0.2:5000/rootDesc.xml\t" + clock.millis() + "\n"
                        + "127.0.0.1\thttps://127.0.0.1:5000/rootDesc.xml\t" + clock.millis() + "\n");
        assertEquals(Optional.empty(), known().location(GATEWAY));
    }

    @Test
    void aUrlIsAskedFirstForADayOnly() {
        URI url = URI.create("http://127.0.0.1:5000/rootDesc.xml");
        known().remember(GATEWAY, url);
        clock.advance(KnownGateways.TRUST.minusMinutes(1));
        assertEquals(Optional.of(url), known().location(GATEWAY));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(Optional.empty(), known().location(GATEWAY));
    }

    @Test
    void junkInTheFileIsSkipped() throws Exception {
        Files.writeString(data.resolve(KnownGateways.FILE), "not\ta line\nx\n127.0.0.1\thttp://127.0.0.1:1/\tsoon\n");
        assertEquals(Optional.empty(), known().location(GATEWAY));
        URI url = URI.create("http://127.0.0.1:5000/rootDesc.xml");
        known().remember(GATEWAY, url);
        assertEquals(Optional.of(url), known().location(GATEWAY));
    }
}
