package net.portforward.engine.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.FakeSsdp;
import net.portforward.testing.QuirkProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jupnp.transport.spi.NetworkAddressFactory;

/**
 * How routers answer searches, one row per family: 127.0.0.1 plays the default gateway (its
 * unicast answers through {@link FakeSsdp}), 127.0.0.2 another LAN host, and a scripted
 * multicast search hands over what a multicast search would hear. Nothing is multicast.
 */
class DiscoveryQuirksTest {
    private static final String IGD1 = "urn:schemas-upnp-org:device:InternetGatewayDevice:1";
    private static final String IGD2 = "urn:schemas-upnp-org:device:InternetGatewayDevice:2";
    private static final String TR064_IGD = "urn:dslforum-org:device:InternetGatewayDevice:1";
    /** Generous for answers that come; short searches are used where none comes. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration SILENT_TIMEOUT = Duration.ofSeconds(1);

    /** The families; what each does and what PortForward must do is in each check's comment. */
    enum Family {
        ANSWERS_FROM_ANOTHER_PORT, MULTICAST_ONLY, UNICAST_ONLY, SAGEMCOM_FAST3890V3, HUAWEI_TR064_SEARCH,
        DLINK_DIR890L_TWICE, CARP_PAIR, FRITZBOX_IPV4_ONLY, NO_MAPPING_SERVICE
    }

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final SafeHttp http = new SafeHttp(Duration.ofSeconds(5));

    @BeforeAll
    static void fastLoopback() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        http.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Family.class)
    void eachFamilyIsFound(Family family) throws Exception {
        switch (family) {
            case ANSWERS_FROM_ANOTHER_PORT -> answersFromAnotherPort();
            case MULTICAST_ONLY -> multicastOnly();
            case UNICAST_ONLY -> unicastOnly();
            case SAGEMCOM_FAST3890V3 -> sagemcomIsSearchedByName();
            case HUAWEI_TR064_SEARCH -> huaweiAnswersTheTr064SearchOnly();
            case DLINK_DIR890L_TWICE -> dlinkAnswersTwiceAndIsReadOnce();
            case CARP_PAIR -> carpPairAnswersFromItsOwnAddress();
            case FRITZBOX_IPV4_ONLY -> searchesAreIpv4Only();
            case NO_MAPPING_SERVICE -> aGatewayWithoutAServiceIsNamed();
        }
    }

    /** TP-Link ER605 (tailscale #7377) and Cisco CGA4131COM answer from a port other than 1900. */
    private void answersFromAnotherPort() throws Exception {
        FakeRouter router = closing(FakeRouter.start(FakeRouter.Options.captured("cisco-cga4131com-rootdesc.xml")));
        FakeSsdp ssdp = closing(FakeSsdp.start().answerWithCapture(IGD1, "cisco-cga4131com-ssdp.txt", router.location(),
                true));

        Gateway g = discovery(ssdp, null, TIMEOUT).search(Discovery.Scope.BEST, Progress.NONE).gateways().get(0);

        assertTrue(g.defaultGateway());
        assertEquals(router.location(), g.upnp().orElseThrow().device().location());
    }

    /**
     * Eero answers only multicast searches (tailscale #3197): once the gateway has not answered
     * the unicast search, the multicast search runs, and the gateway's answer there counts.
     */
    private void multicastOnly() throws Exception {
        FakeRouter router = closing(FakeRouter.start());
        FakeSsdp silent = closing(FakeSsdp.start());
        AtomicBoolean multicast = new AtomicBoolean();

        Discovery.Result found = discovery(silent, (nif, sink) -> new MulticastSearch() {
            @Override
            public void search() {
                multicast.set(true);
                sink.accept(ip("127.0.0.1"), Map.of("ST", IGD2, "LOCATION", router.location().toString(), "USN", "uuid:e"));
            }

            @Override
            public void close() {
            }
        }, TIMEOUT).search(Discovery.Scope.BEST, Progress.NONE);

        assertTrue(multicast.get());
        assertFalse(silent.searches().isEmpty(), "the unicast search went first");
        assertTrue(found.gateways().get(0).defaultGateway(), "the gateway's multicast answer is the gateway's");
    }

    /** miniupnpd answers the unicast search at once (LAB.md): no multicast search is needed. */
    private void unicastOnly() throws Exception {
        FakeRouter router = closing(FakeRouter.start());
        FakeSsdp ssdp = closing(FakeSsdp.start().answer(IGD2, router.location()));

        Discovery.Result found = discovery(ssdp, (nif, sink) -> {
            throw new AssertionError("no multicast search when the gateway answered unicast");
        }, TIMEOUT).search(Discovery.Scope.BEST, Progress.NONE);

        assertTrue(found.gateways().get(0).defaultGateway());
    }

    /**
     * Sagemcom FAST3890V3 answers ssdp:all with a WFADevice only (tailscale #3557); IGD:1 by
     * name it answers with itself.
     */
    private void sagemcomIsSearchedByName() throws Exception {
        FakeRouter router = closing(FakeRouter.start(FakeRouter.Options.igd1()));
        FakeSsdp ssdp = closing(FakeSsdp.start()
                .junk(FakeSsdp.answerText("urn:schemas-wifialliance-org:device:WFADevice:1", "http://127.0.0.1:1/wfa.xml",
                        "1")) // what it answers to everything else
                .answerWithCapture(IGD1, "sagemcom-fast3890v3-ssdp.txt", router.location(), false));

        Gateway g = discovery(ssdp, null, TIMEOUT).search(Discovery.Scope.BEST, Progress.NONE).gateways().get(0);

        assertEquals(router.location(), g.upnp().orElseThrow().device().location());
        assertTrue(ssdp.searches().contains(IGD1) && !ssdp.searches().contains("ssdp:all"), ssdp.searches().toString());
    }

    /** Legacy Huawei gateways answer a search for TR-064's IGD (tailscale #6320). */
    private void huaweiAnswersTheTr064SearchOnly() throws Exception {
        FakeRouter router = closing(FakeRouter.start(QuirkProfile.HUAWEI_TR064.options()));
        FakeSsdp ssdp = closing(FakeSsdp.start().answer(TR064_IGD, router.location()));

        Gateway g = discovery(ssdp, null, TIMEOUT).search(Discovery.Scope.BEST, Progress.NONE).gateways().get(0);

        assertEquals(ServiceRef.LEGACY_WAN_IP_1, g.upnp().orElseThrow().service().serviceType());
        assertTrue(g.defaultGateway());
    }

    /**
     * D-Link DIR-890L answers a search twice from two source ports, once with its bare uuid as
     * the search target: the description is read once, and the uuid answer is not an IGD answer.
     */
    private void dlinkAnswersTwiceAndIsReadOnce() throws Exception {
        FakeRouter router = closing(FakeRouter.start(FakeRouter.Options.igd1()));
        FakeSsdp ssdp = closing(FakeSsdp.start()
                .answerWithCapture(IGD1, "dlink-dir890l-ssdp-st-uuid.txt", router.location(), true)
                .answerWithCapture(IGD1, "dlink-dir890l-ssdp-st-igd.txt", router.location(), true));

        Discovery.Result found = discovery(ssdp, null, TIMEOUT).search(Discovery.Scope.BEST, Progress.NONE);

        assertEquals(1, found.gateways().size());
        assertEquals(1, router.requests().stream().filter(r -> r.path().equals("/rootDesc.xml")).count());
    }

    /**
     * A pfSense or OPNsense CARP pair answers the search sent to the shared gateway address from
     * its own static address (tailscale PR #6946). PortForward never uses another device by
     * itself, nor reads its description: it says which device answered and how to choose it.
     */
    private void carpPairAnswersFromItsOwnAddress() throws Exception {
        FakeRouter member = closing(FakeRouter.start(FakeRouter.Options.igd1().host("127.0.0.2")));
        FakeSsdp ssdp = closing(FakeSsdp.start().forgedFrom("127.0.0.2", IGD1, member.location().toString()));

        NoGatewayException none = assertThrows(NoGatewayException.class,
                () -> discovery(ssdp, null, SILENT_TIMEOUT).search(Discovery.Scope.BEST, Progress.NONE));

        assertEquals(NoGatewayException.Reason.GATEWAY_SILENT, none.reason());
        assertTrue(none.getMessage().contains("127.0.0.2 (" + member.location() + ") answered the search sent to your"
                + " router at 127.0.0.1 instead"), none.getMessage());
        assertTrue(none.getMessage().contains("CARP") && none.getMessage().contains("choose it"), none.getMessage());
        assertTrue(member.requests().isEmpty(), "its description was not read: " + member.requests());
    }

    /**
     * A FritzBox misbehaves when IPv4 and IPv6 searches arrive together (syncthing lib/upnp):
     * PortForward searches over IPv4 only, to the IPv4 group, and jUPnP takes no IPv6 address.
     */
    private void searchesAreIpv4Only() throws Exception {
        FakeRouter router = closing(FakeRouter.start());
        FakeSsdp ssdp = closing(FakeSsdp.start().answer(IGD2, router.location()));

        discovery(ssdp, null, TIMEOUT).search(Discovery.Scope.BEST, Progress.NONE);

        assertFalse(ssdp.askers().isEmpty());
        assertTrue(ssdp.askers().stream().allMatch(a -> a instanceof Inet4Address), ssdp.askers().toString());
        assertTrue(ssdp.requests().stream().allMatch(r -> r.contains("\r\nHOST: 239.255.255.250:1900\r\n")));
        List<String> names = NetworkChoice.usableInterfaces();
        Assumptions.assumeFalse(names.isEmpty(), "no network interface here for jUPnP to search on");
        for (String name : names) {
            NetworkAddressFactory addresses;
            try {
                addresses = JupnpSearcher.addresses(0, 0, name);
            } catch (RuntimeException noUsableAddress) {
                continue; // jUPnP refuses an interface without an IPv4 address: nothing to search on there
            }
            assertTrue(addresses.getMulticastGroup() instanceof Inet4Address, name);
            for (Iterator<InetAddress> it = addresses.getBindAddresses(); it.hasNext(); ) {
                InetAddress a = it.next();
                assertTrue(a instanceof Inet4Address, name + ": " + a);
            }
        }
    }

    /** An IGD with no port-forwarding service (the HG531 V1 without its PPP service): one sentence. */
    private void aGatewayWithoutAServiceIsNamed() throws Exception {
        FakeRouter router = closing(FakeRouter.start(QuirkProfile.NO_MAPPING_SERVICE.options()));
        FakeSsdp ssdp = closing(FakeSsdp.start().answer(IGD1, router.location()));

        NoGatewayException none = assertThrows(NoGatewayException.class,
                () -> discovery(ssdp, null, SILENT_TIMEOUT).search(Discovery.Scope.BEST, Progress.NONE));

        assertEquals(NoGatewayException.Reason.GATEWAY_UNUSABLE, none.reason());
        assertEquals("\"HG531 V1\" by Huawei Technologies Co., Ltd. at 127.0.0.1 answers UPnP but has no port-forwarding"
                + " service: its description lists neither WANIPConnection nor WANPPPConnection. It did not answer PCP or"
                + " NAT-PMP either.", none.getMessage());
    }

    // ---- the harness ----

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

    /** 127.0.0.1 on lo is the default gateway; its SSDP answers at {@code ssdp}; multicast only when given. */
    private Discovery discovery(FakeSsdp ssdp, MulticastSearch.Factory multicast, Duration timeout) {
        DiscoveryPolicy policy = new DiscoveryPolicy(multicast != null, ssdp.port(), 9,
                () -> Optional.of(new DefaultRoute("lo", ip("127.0.0.1"))));
        return new Discovery(new GatewayProbe(http), List.of(), policy, timeout, Duration.ofMillis(200), null, null,
                multicast == null ? (nif, sink) -> { throw new AssertionError("multicast in a unicast-only test"); }
                        : multicast);
    }
}
