package net.portforward.engine.discovery;

import java.net.InetAddress;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingProtocol;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.progress.Step;

/**
 * Finds the routers on the chosen interface, the default gateway first. At once it asks the
 * gateway itself, by unicast, for UPnP (SSDP), PCP and NAT-PMP; UDA 1.1 devices answer a unicast
 * search within milliseconds, so it returns on the gateway's UPnP answer plus a short grace for a
 * better service of the same gateway. Multicast SSDP (when the policy allows it) also finds other
 * devices, and gateways that answer only multicast (Eero, tailscale #3197): at once when asked
 * for everything or when the gateway is unknown, else once the gateway has not answered UPnP
 * within {@link #UPNP_WINDOW}. No fixed sleep: it gives up at the timeout. A description URL the
 * gateway answered with before ({@link KnownGateways}) is read at once beside the search, which
 * saves the gateway's answer delay when it still serves there.
 */
public final class Discovery {
    /** What the caller wants: the gateway to use (as fast as it can), or every device that answers. */
    public enum Scope { BEST, ALL }

    /** How long before multicast joins in when the gateway has answered nothing (Tailscale waits 250 ms in all). */
    static final Duration UPNP_WINDOW = Duration.ofMillis(250);
    /**
     * How long the gateway's UPnP answer is awaited when it also speaks PCP or NAT-PMP and its
     * SSDP port is not closed: miniupnpd answers a search after a random delay of up to MX (1 s,
     * the least there is; seen in the lab), and UPnP is preferred since it lists the whole table.
     */
    static final Duration UPNP_ANSWER_WAIT = Duration.ofMillis(1500);
    /** After the gateway's best UPnP service is read: time for another service of the same gateway. */
    static final Duration SAME_GATEWAY_GRACE = Duration.ofMillis(50);
    /** How long past the timeout a router that answered may take to describe itself. */
    static final Duration PROBE_ALLOWANCE = Duration.ofSeconds(15);

    private final GatewayProbe upnpProbe;
    private final List<PortControlProbe> portControl;
    private final DiscoveryPolicy policy;
    private final Duration timeout;
    private final Duration grace;
    private final String interfaceName;
    private final MappingProtocol only;
    private final MulticastSearch.Factory multicast;
    private final KnownGateways known;

    /**
     * @param grace in {@link Scope#ALL}, how long to keep listening after the first gateway
     * @param only the one protocol to look for, or {@code null} for all
     */
    public Discovery(GatewayProbe upnpProbe, List<PortControlProbe> portControl, DiscoveryPolicy policy,
            Duration timeout, Duration grace, String interfaceName, MappingProtocol only) {
        this(upnpProbe, portControl, policy, timeout, grace, interfaceName, only, KnownGateways.NONE);
    }

    /** @param known where the default gateway's description was found before, and is remembered */
    public Discovery(GatewayProbe upnpProbe, List<PortControlProbe> portControl, DiscoveryPolicy policy,
            Duration timeout, Duration grace, String interfaceName, MappingProtocol only, KnownGateways known) {
        this(upnpProbe, portControl, policy, timeout, grace, interfaceName, only, JupnpSearcher::new, known);
    }

    /** With another multicast search than jUPnP's: tests play other LAN hosts' answers with it. */
    Discovery(GatewayProbe upnpProbe, List<PortControlProbe> portControl, DiscoveryPolicy policy,
            Duration timeout, Duration grace, String interfaceName, MappingProtocol only,
            MulticastSearch.Factory multicast) {
        this(upnpProbe, portControl, policy, timeout, grace, interfaceName, only, multicast, KnownGateways.NONE);
    }

    Discovery(GatewayProbe upnpProbe, List<PortControlProbe> portControl, DiscoveryPolicy policy,
            Duration timeout, Duration grace, String interfaceName, MappingProtocol only,
            MulticastSearch.Factory multicast, KnownGateways known) {
        this.known = known;
        this.multicast = multicast;
        this.upnpProbe = upnpProbe;
        this.portControl = List.copyOf(portControl);
        this.policy = policy;
        this.timeout = timeout;
        this.grace = grace;
        this.interfaceName = interfaceName;
        this.only = only;
    }

    /**
     * What a search found: every usable gateway, ranked (see {@link GatewayRanking}), the default
     * gateway's address when known, and what went wrong on the way (as facts, for the front ends to word).
     */
    public record Result(List<Gateway> gateways, Optional<InetAddress> defaultGateway, List<Fact> problems,
            int datagramsDropped) {
        public Result {
            gateways = List.copyOf(gateways);
            problems = List.copyOf(problems);
        }
    }

    /**
     * @return the gateways found, ranked; never empty
     * @throws NoGatewayException when none answered usefully, with a diagnosis
     */
    public Result search(Scope scope, Progress progress) throws PortForwardException {
        NetworkChoice choice = NetworkChoice.choose(interfaceName, policy.route().get());
        Optional<InetAddress> gateway = Optional.ofNullable(choice.gateway());
        progress.report(-1, Step.SEARCHING.with(choice.networkInterface().getName()));
        try (Search search = new Search(upnpProbe, gateway, wants(MappingProtocol.UPNP), progress)) {
            long start = System.nanoTime();
            if (gateway.isPresent()) {
                askGateway(search, gateway.get(), choice);
            }
            boolean multicastAtOnce = scope == Scope.ALL || gateway.isEmpty();
            if (multicastAtOnce) {
                startMulticast(search, choice);
            }
            collect(scope, start, search, choice, gateway);
            List<Gateway> ranked = GatewayRanking.rank(search.found.values());
            gateway.ifPresent(g -> rememberLocation(g, ranked));
            if (gateway.isPresent() && !search.foundFromGateway(null) && !search.answeredInstead.isEmpty()) {
                search.problems.add(NoGatewayException.answeredInstead(gateway.get(), search.answeredInstead));
            }
            if (ranked.isEmpty() && search.gatewayUnusable != null) {
                throw NoGatewayException.gatewayUnusable(choice.networkInterface().getName(), gateway.orElseThrow(),
                        tried(), search.gatewayUnusable);
            }
            if (ranked.isEmpty()) {
                throw new NoGatewayException(choice.networkInterface().getName(), gateway.orElse(null), timeout,
                        search.answers.get(), tried(), search.problems);
            }
            return new Result(ranked, gateway, search.problems, search.dropped.get());
        }
    }

    /** The URL the default gateway's own UPnP service was read from, for the next search. */
    private void rememberLocation(InetAddress gateway, List<Gateway> ranked) {
        ranked.stream().filter(g -> g.defaultGateway() && g.address().equals(gateway))
                .flatMap(g -> g.upnp().stream()).findFirst()
                .ifPresent(upnp -> known.remember(gateway, upnp.device().location()));
    }

    private boolean wants(MappingProtocol p) {
        return only == null || only == p;
    }

    private List<MappingProtocol> tried() {
        List<MappingProtocol> tried = new ArrayList<>();
        for (MappingProtocol p : MappingProtocol.values()) {
            if (wants(p)) {
                tried.add(p);
            }
        }
        return tried;
    }

    /** Unicast SSDP, PCP and NAT-PMP to the default gateway, all at once. */
    private void askGateway(Search search, InetAddress gateway, NetworkChoice choice) throws PortForwardException {
        InetAddress local = NetworkChoice.localAddressTowards(gateway, policy.ssdpPort());
        if (wants(MappingProtocol.UPNP)) {
            known.location(gateway).ifPresent(location -> search.probeKnown(location, gateway));
            try {
                search.unicast = new SsdpUnicast(local, gateway, policy.ssdpPort(), search::datagram,
                        search::answeredInstead);
                search.unicast.search();
            } catch (SocketException e) {
                search.problems.add(DiscoveryFact.SOCKET_FAILED.with(local, e.getMessage()));
            }
        }
        for (PortControlProbe probe : portControl) {
            if (wants(probe.protocol())) {
                search.probeLater(() -> probe.probe(gateway, local, policy.portControlPort(), UPNP_WINDOW.multipliedBy(2),
                        search.progress).map(g -> List.of(g.withDefaultGateway(true))).orElse(List.of()), gateway);
            }
        }
    }

    private void startMulticast(Search search, NetworkChoice choice) {
        if (!policy.multicast() || search.multicast != null || !wants(MappingProtocol.UPNP)) {
            return;
        }
        search.multicast = multicast.open(choice.networkInterface(), search::headers);
        search.multicast.search();
    }

    private void collect(Scope scope, long start, Search search, NetworkChoice choice, Optional<InetAddress> gateway)
            throws PortForwardException {
        long deadline = start + timeout.toNanos();
        long upnpWindowEnd = start + UPNP_WINDOW.toNanos();
        long upnpAnswerEnd = start + UPNP_ANSWER_WAIT.toNanos();
        // A router that answered is given time to finish describing itself, each call bounded by
        // the HTTP timeout: one with a big table answers slowly (miniupnpd rereads its rules).
        long hardStop = deadline + PROBE_ALLOWANCE.toNanos();
        try {
            while (true) {
                search.progress.checkCancelled();
                long now = System.nanoTime();
                boolean usable = gateway.isPresent() ? search.foundFromGateway(null) : !search.found.isEmpty();
                // A description of the gateway still being read may be its better service (UPnP
                // answers late, after a random delay): waited for, within the hard stop.
                boolean gatewayProbing = gateway.isPresent() && !search.foundFromGateway(MappingProtocol.UPNP)
                        && search.probing(gateway.get());
                boolean waitForProbes = (!usable && search.pending.get() > 0 || gatewayProbing) && now < hardStop;
                if (now >= deadline && !waitForProbes) {
                    return;
                }
                if (scope == Scope.BEST && gateway.isPresent() && now >= upnpWindowEnd
                        && !search.foundFromGateway(MappingProtocol.UPNP) && !search.probing(gateway.get())) {
                    if (!search.foundFromGateway(null)) {
                        startMulticast(search, choice); // maybe it answers only multicast searches
                    } else if (search.ssdpRefused() || !wants(MappingProtocol.UPNP) || now >= upnpAnswerEnd) {
                        return; // the gateway speaks PCP or NAT-PMP, and no UPnP answer is coming
                    }
                }
                Search.Outcome o = search.outcomes.poll(Math.max(1, Math.min(50, (deadline - now) / 1_000_000)),
                        TimeUnit.MILLISECONDS);
                if (o == null) {
                    continue;
                }
                search.take(o);
                boolean fromGateway = o.gateways().stream().anyMatch(Gateway::defaultGateway);
                if (scope == Scope.BEST && fromGateway && o.protocol() == MappingProtocol.UPNP) {
                    deadline = Math.min(deadline, System.nanoTime() + SAME_GATEWAY_GRACE.toNanos());
                } else if (!o.gateways().isEmpty() && (gateway.isEmpty() || fromGateway || scope == Scope.ALL)) {
                    // Every device may delay its answer by up to MX: listening for everything takes that
                    // long, and so does waiting for the gateway's UPnP answer after its PCP or NAT-PMP one
                    // (UPnP lists the whole table; ended early above when its SSDP port is closed).
                    boolean upnpMayFollow = scope == Scope.ALL
                            || fromGateway && o.protocol() != MappingProtocol.UPNP && wants(MappingProtocol.UPNP);
                    long earliest = upnpMayFollow && !search.ssdpRefused() ? upnpAnswerEnd : 0;
                    deadline = Math.min(deadline, Math.max(earliest, System.nanoTime() + grace.toNanos()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    /** Direct mode: the user gave the description URL; no SSDP. */
    public static List<Gateway> connect(GatewayProbe probe, URI location, InetAddress router,
            Optional<DefaultRoute> route, Progress progress) throws PortForwardException {
        progress.report(-1, Step.READING_ROUTER.with(location));
        boolean isDefault = route.map(r -> r.gateway().equals(router)).orElse(false);
        List<Gateway> gateways = new ArrayList<>();
        for (Gateway g : probe.probe(location, router, progress)) {
            gateways.add(g.withDefaultGateway(isDefault));
        }
        return GatewayRanking.rank(gateways);
    }
}
