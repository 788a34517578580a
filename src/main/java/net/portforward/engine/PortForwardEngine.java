package net.portforward.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import net.portforward.engine.error.InputMistake;
import net.portforward.engine.model.NatPmpService;
import net.portforward.engine.model.PcpService;
import net.portforward.engine.natpmp.NatPmpClient;
import net.portforward.engine.natpmp.NatPmpMapper;
import net.portforward.engine.natpmp.NatPmpProbe;
import net.portforward.engine.pcp.NonceKey;
import net.portforward.engine.pcp.PcpClient;
import net.portforward.engine.pcp.PcpMapper;
import net.portforward.engine.pcp.PcpProbe;
import net.portforward.engine.pcp.PcpRetransmission;
import net.portforward.engine.portcontrol.EpochTracker;
import net.portforward.engine.portcontrol.HeldMappings;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import net.portforward.engine.discovery.DefaultRoute;
import net.portforward.engine.discovery.Discovery;
import net.portforward.engine.discovery.GatewayRanking;
import net.portforward.engine.discovery.NoGatewayException;
import net.portforward.engine.discovery.PortControlProbe;
import net.portforward.engine.discovery.GatewayProbe;
import net.portforward.engine.discovery.KnownGateways;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingJournal;
import net.portforward.engine.mapping.ParkedMappings;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.report.RouterReport;
import net.portforward.engine.report.RouterReports;
import net.portforward.engine.watch.RouterWatch;
import net.portforward.engine.mapping.PortMapper;
import net.portforward.engine.model.MappingProtocol;
import net.portforward.engine.model.UpnpService;
import net.portforward.engine.pinhole.PinholeFinder;
import net.portforward.engine.pinhole.PinholeJournal;
import net.portforward.engine.pinhole.PinholeSupport;
import net.portforward.engine.pinhole.Pinholes;
import net.portforward.engine.upnp.SoapClient;
import net.portforward.engine.upnp.UpnpMapper;

/**
 * The engine's front door: finds routers and opens a {@link Router} on one. Plain blocking Java,
 * safe to call from any thread but the UI's; no JavaFX.
 */
public final class PortForwardEngine implements AutoCloseable {
    private final EngineOptions options;
    private final SafeHttp http;
    private final GatewayProbe probe;
    private final ParkedMappings parked;
    private final KnownGateways known;
    private final MappingJournal journal;
    private final OwnChanges ownChanges = new OwnChanges(java.time.Clock.systemUTC());
    /** Each gateway's PCP/NAT-PMP epochs, over every router opened on it: a restart shows between any two answers. */
    private final EpochTracker.Registry epochs = new EpochTracker.Registry(Clock.systemUTC());
    private NonceKey nonceKey;

    public PortForwardEngine(EngineOptions options) {
        this(options, MappingJournal.NONE);
    }

    /** An engine whose routers tell {@code journal} about every change (the app's ledger). */
    public PortForwardEngine(EngineOptions options, MappingJournal journal) {
        this.options = options;
        this.journal = journal;
        this.http = new SafeHttp(options.httpTimeout());
        this.probe = new GatewayProbe(http);
        this.parked = new ParkedMappings(options.dataDir());
        this.known = options.dataDir() == null ? KnownGateways.NONE : KnownGateways.in(options.dataDir());
    }

    /** What this program changed on routers lately, to tell its own changes from others'. */
    public OwnChanges ownChanges() {
        return ownChanges;
    }

    public EngineOptions options() {
        return options;
    }

    /**
     * The routers to choose from, ranked: the one at {@code options.router()} when set, else those
     * that answer on the chosen interface ({@code interfaceName}, or the default route's when
     * null), the default gateway first.
     *
     * @param scope {@link Discovery.Scope#BEST} returns as soon as the default gateway answered;
     *     {@link Discovery.Scope#ALL} keeps listening for other devices
     */
    public Discovery.Result findGateways(Discovery.Scope scope, String interfaceName, Progress progress)
            throws PortForwardException {
        if (options.router() != null) {
            if (options.protocol() != null && options.protocol() != MappingProtocol.UPNP) {
                throw new InvalidInputException(InputMistake.ROUTER_URL_WITH_PROTOCOL.with());
            }
            List<Gateway> found = connect(options.router(), progress);
            return new Discovery.Result(found, options.discovery().route().get().map(DefaultRoute::gateway), List.of(), 0);
        }
        return new Discovery(probe, portControlProbes(), options.discovery(), options.discoveryTimeout(),
                options.discoveryGrace(), interfaceName, options.protocol(), known).search(scope, progress);
    }

    /** {@link #findGateways} on the configured interface. */
    public Discovery.Result findGateways(Discovery.Scope scope, Progress progress) throws PortForwardException {
        return findGateways(scope, options.interfaceName(), progress);
    }

    private List<PortControlProbe> portControlProbes() {
        return List.of(new PcpProbe(epochs, Clock.systemUTC()), new NatPmpProbe(epochs, Clock.systemUTC()));
    }

    /**
     * A report on the router for a bug report (see {@link RouterReport}): on {@code gateway}, or,
     * when null, on what answers for the router now (the configured router URL, else the default
     * gateway), even when it offers nothing PortForward can use: that is when a report is needed.
     * Reads only; the search answers and SOAP exchanges are those this engine saw last.
     */
    public RouterReport report(Gateway gateway, Progress progress) throws PortForwardException {
        List<String> problems = new java.util.ArrayList<>();
        if (gateway == null) {
            try {
                gateway = findBest(progress);
            } catch (net.portforward.engine.error.CancelledException e) {
                throw e;
            } catch (PortForwardException e) {
                problems.add(e.getMessage());
            }
        }
        if (gateway != null) {
            URI location = gateway.upnp().map(u -> u.device().location()).orElse(null);
            return RouterReports.collect(http, location, gateway.address(), gateway, problems, progress);
        }
        if (options.router() != null) {
            URI literal = literal(options.router());
            return RouterReports.collect(http, literal, addressOf(literal), null, problems, progress);
        }
        // The default gateway's own answer to the search, if it gave one.
        java.util.Optional<InetAddress> router = options.discovery().route().get().map(DefaultRoute::gateway);
        URI location = null;
        for (net.portforward.engine.net.TrafficLog.SearchAnswer a : http.traffic().answers()) {
            if (router.map(a.from()::equals).orElse(false)) {
                try {
                    location = net.portforward.engine.discovery.SsdpAnswer.parse(a.from(), a.text()).location();
                } catch (PortForwardException notAnAnswer) {
                    // keep looking
                }
            }
        }
        return RouterReports.collect(http, location, router.orElse(null), null, problems, progress);
    }

    /** Direct mode, for routers SSDP cannot find. A host name is resolved once, here. */
    public List<Gateway> connect(URI location, Progress progress) throws PortForwardException {
        URI literal = literal(location);
        return Discovery.connect(probe, literal, addressOf(literal), options.discovery().route().get(), progress);
    }

    /** The address of a URL made by {@link #literal}: an IPv4 literal, so no look-up. */
    private static InetAddress addressOf(URI literal) {
        return net.portforward.engine.net.Ipv4.parse(literal.getHost()).orElseThrow();
    }

    /** The router URL checked, with its host name resolved once to an IPv4 literal. */
    private static URI literal(URI location) throws PortForwardException {
        if (location.getScheme() == null || !location.getScheme().equalsIgnoreCase("http") || location.getHost() == null) {
            throw new InvalidInputException(InputMistake.ROUTER_URL_FORM.with());
        }
        if (location.getHost().startsWith("[")) {
            throw new InvalidInputException(InputMistake.ROUTER_URL_IPV6.with());
        }
        if (location.getPort() == 0 || location.getPort() > 65535) {
            throw new InvalidInputException(InputMistake.ROUTER_URL_PORT.with(location.getPort()));
        }
        InetAddress router;
        try {
            router = InetAddress.getByName(location.getHost());
        } catch (UnknownHostException e) {
            throw new InvalidInputException(InputMistake.ROUTER_NAME_UNKNOWN.with(location.getHost()));
        }
        return URI.create("http://" + router.getHostAddress()
                + (location.getPort() < 0 ? "" : ":" + location.getPort())
                + (location.getRawPath() == null || location.getRawPath().isEmpty() ? "/" : location.getRawPath())
                + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery()));
    }

    /**
     * The gateway to use without asking the user: the default gateway's best service (or the one
     * the user named with a router URL). Another device is never chosen by itself.
     *
     * @throws NoGatewayException when the default gateway answered nothing usable
     */
    public Gateway findBest(Progress progress) throws PortForwardException {
        Discovery.Result found = findGateways(Discovery.Scope.BEST, progress);
        if (options.router() != null) {
            return found.gateways().get(0); // the user's own choice
        }
        return GatewayRanking.chooseByItself(found.gateways(), found.defaultGateway().isPresent())
                .orElseThrow(() -> NoGatewayException.gatewaySilent(
                        interfaceOf(found), found.defaultGateway().orElseThrow(), options.discoveryTimeout(),
                        protocols(), found.gateways(), found.problems()));
    }

    private String interfaceOf(Discovery.Result found) {
        return options.interfaceName() != null ? options.interfaceName()
                : options.discovery().route().get().map(DefaultRoute::interfaceName).orElse("?");
    }

    private List<MappingProtocol> protocols() {
        return options.protocol() == null ? List.of(MappingProtocol.values()) : List.of(options.protocol());
    }

    public Router open(Gateway gateway) {
        return new Router(mapper(gateway), parked, journal, ownChanges);
    }

    private PortMapper mapper(Gateway gateway) {
        if (gateway.access() instanceof UpnpService upnp) {
            return new UpnpMapper(gateway, upnp, new SoapClient(http));
        }
        InetSocketAddress server = new InetSocketAddress(gateway.address(),
                gateway.access() instanceof PcpService pcp ? pcp.port() : ((NatPmpService) gateway.access()).port());
        NatPmpClient natpmp = new NatPmpClient(server, gateway.localAddress(), Clock.systemUTC(), NatPmpClient.RFC_SCHEDULE);
        HeldMappings held = new HeldMappings(journal, gateway.recordId());
        if (gateway.access() instanceof PcpService) {
            return new PcpMapper(gateway, new PcpClient(server, gateway.localAddress(), Clock.systemUTC(),
                    PcpRetransmission.rfc()), natpmp, this::nonceKey, held, epochs.of(gateway.address()),
                    options.httpTimeout());
        }
        return new NatPmpMapper(gateway, natpmp, held, epochs.of(gateway.address()), options.httpTimeout());
    }

    /** This installation's PCP nonce key, read (or made) once, when PCP is first used. */
    private synchronized NonceKey nonceKey() throws PortForwardException {
        if (nonceKey == null) {
            nonceKey = NonceKey.in(options.dataDir());
        }
        return nonceKey;
    }

    /**
     * Whether pinholes can be opened in {@code gateway}'s IPv6 firewall, and through what; finds
     * the router's IPv6 side first (a search on its link, sent only now, never beside the IPv4
     * search). See {@link PinholeFinder}.
     */
    public PinholeSupport pinholeSupport(Gateway gateway, Progress progress)
            throws net.portforward.engine.error.CancelledException {
        return new PinholeFinder(http, options.discovery().ipv6(), options.httpTimeout()).find(gateway, progress);
    }

    /**
     * {@code gateway}'s pinholes, each change told to {@code journal}.
     *
     * @throws PortForwardException saying why, when pinholes cannot be opened there
     */
    public Pinholes pinholes(Gateway gateway, PinholeJournal journal, Progress progress) throws PortForwardException {
        PinholeSupport support = pinholeSupport(gateway, progress);
        return new Pinholes(support.service().orElseThrow(() -> new PortForwardException(support.fact())),
                Pinholes.recordId(gateway), journal);
    }

    /**
     * Watches {@code router} for changes made by anyone; call {@code start} on the result, and
     * {@code close} to stop (which unsubscribes).
     */
    public RouterWatch watch(Router router, RouterWatch.Options watchOptions, RouterWatch.Listener listener) {
        return RouterWatch.on(router, http, watchOptions, listener);
    }

    @Override
    public void close() {
        http.close();
    }
}
