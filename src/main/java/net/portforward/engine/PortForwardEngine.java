package net.portforward.engine;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import net.portforward.engine.discovery.Discovery;
import net.portforward.engine.discovery.GatewayProbe;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingJournal;
import net.portforward.engine.mapping.ParkedMappings;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.watch.RouterWatch;
import net.portforward.engine.upnp.SoapClient;

/**
 * The engine's front door: finds routers and opens a {@link Router} on one. Plain blocking Java,
 * safe to call from any thread but the UI's; no JavaFX.
 */
public final class PortForwardEngine implements AutoCloseable {
    private final EngineOptions options;
    private final SafeHttp http;
    private final GatewayProbe probe;
    private final ParkedMappings parked;
    private final MappingJournal journal;
    private final OwnChanges ownChanges = new OwnChanges(java.time.Clock.systemUTC());

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
    }

    /** What this program changed on routers lately, to tell its own changes from others'. */
    public OwnChanges ownChanges() {
        return ownChanges;
    }

    public EngineOptions options() {
        return options;
    }

    /**
     * The routers to choose from, best first: the one at {@code options.router()} when set, else
     * every one that answers SSDP on the chosen interface.
     */
    public List<Gateway> findGateways(Progress progress) throws PortForwardException {
        if (options.router() != null) {
            return connect(options.router(), progress);
        }
        return discover(options.interfaceName(), progress);
    }

    /** SSDP discovery on {@code interfaceName}, or on the default route's interface when null. */
    public List<Gateway> discover(String interfaceName, Progress progress) throws PortForwardException {
        return new Discovery(probe, options.discoveryTimeout(), options.discoveryGrace(), interfaceName)
                .discover(progress);
    }

    /** Direct mode, for routers SSDP cannot find. A host name is resolved once, here. */
    public List<Gateway> connect(URI location, Progress progress) throws PortForwardException {
        if (location.getScheme() == null || !location.getScheme().equalsIgnoreCase("http") || location.getHost() == null) {
            throw new InvalidInputException("The router URL must look like http://192.168.1.1:5000/rootDesc.xml.");
        }
        if (location.getHost().startsWith("[")) {
            throw new InvalidInputException("PortForward talks to routers over IPv4: give the router's IPv4 address,"
                    + " such as http://192.168.1.1:5000/rootDesc.xml.");
        }
        if (location.getPort() == 0 || location.getPort() > 65535) {
            throw new InvalidInputException("The router URL's port " + location.getPort() + " is not a port number (1-65535).");
        }
        InetAddress router;
        try {
            router = InetAddress.getByName(location.getHost());
        } catch (UnknownHostException e) {
            throw new InvalidInputException("The router's name \"" + location.getHost() + "\" is unknown.");
        }
        URI literal = URI.create("http://" + router.getHostAddress()
                + (location.getPort() < 0 ? "" : ":" + location.getPort())
                + (location.getRawPath() == null || location.getRawPath().isEmpty() ? "/" : location.getRawPath())
                + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery()));
        return Discovery.connect(probe, literal, router, progress);
    }

    /** The best gateway: the first of {@link #findGateways}. */
    public Gateway findBest(Progress progress) throws PortForwardException {
        return findGateways(progress).get(0);
    }

    public Router open(Gateway gateway) {
        return new Router(gateway, new SoapClient(http), parked, journal, ownChanges);
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
