package net.portforward.engine.discovery;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.OneOf;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingProtocol;

/**
 * Discovery found no router PortForward may use by itself. The fields say why, for the window
 * and the command line to put in their own words; the message is its English, for logs.
 */
public class NoGatewayException extends PortForwardException {
    /** Why there is no router to use. */
    public enum Reason {
        /** This computer has no default route: it is on no network, so there is no router to ask. */
        NO_NETWORK,
        /** Nothing answered at all. */
        NOTHING_ANSWERED,
        /** Devices answered, but none is a usable router. */
        NOTHING_USABLE,
        /** The default gateway answered none of the protocols; other devices may have (see {@link #others()}). */
        GATEWAY_SILENT,
        /** The default gateway answered UPnP but describes no port-forwarding service (tailscale #10911). */
        GATEWAY_UNUSABLE
    }

    private final Reason reason;
    private final String interfaceName;
    private final InetAddress gateway;
    private final Duration waited;
    private final List<MappingProtocol> tried;
    private final List<Gateway> others;
    private final List<Fact> problems;

    /** Nothing usable answered within {@code waited}. */
    public NoGatewayException(String interfaceName, InetAddress gateway, Duration waited, int answers,
            List<MappingProtocol> tried, List<Fact> problems) {
        this(answers == 0 && gateway == null ? Reason.NOTHING_ANSWERED : gateway != null ? Reason.GATEWAY_SILENT
                : Reason.NOTHING_USABLE, interfaceName, gateway, waited, tried, List.of(), problems);
    }

    /** The default gateway answered nothing usable, while {@code others} (not the gateway) did. */
    public static NoGatewayException gatewaySilent(String interfaceName, InetAddress gateway, Duration waited,
            List<MappingProtocol> tried, List<Gateway> others, List<Fact> problems) {
        return new NoGatewayException(Reason.GATEWAY_SILENT, interfaceName, gateway, waited, tried, others, problems);
    }

    /** This computer has no default route (and no interface was chosen): nothing to search. */
    public static NoGatewayException noNetwork() {
        return new NoGatewayException(Reason.NO_NETWORK, null, null, Duration.ZERO, List.of(), List.of(), List.of());
    }

    /**
     * The default gateway answered UPnP with a description that has no port-forwarding service,
     * and nothing else usable answered; {@code unusable} names it and what it lacks.
     */
    public static NoGatewayException gatewayUnusable(String interfaceName, InetAddress gateway,
            List<MappingProtocol> tried, NoMappingServiceException unusable) {
        List<MappingProtocol> others = tried.stream().filter(p -> p != MappingProtocol.UPNP).toList();
        List<Fact> problems = new java.util.ArrayList<>();
        problems.add(others.isEmpty() ? unusable.sentence() : DiscoveryFact.NOT_EITHER.with(unusable.sentence(),
                new OneOf(others)));
        problems.addAll(unusable.warnings());
        return new NoGatewayException(Reason.GATEWAY_UNUSABLE, interfaceName, gateway, Duration.ZERO, tried, List.of(),
                problems);
    }

    /**
     * What to say of devices that answered the search sent to the gateway from their own address:
     * a pfSense or OPNsense CARP pair answers from its static address rather than the shared
     * gateway address (tailscale PR #6946). PortForward never uses another device by itself, so
     * the words say how to choose it.
     */
    static Fact answeredInstead(InetAddress gateway, java.util.Map<InetAddress, java.net.URI> answers) {
        List<Fact> who = answers.entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey(java.util.Comparator.comparing(InetAddress::getHostAddress)))
                .map(e -> DiscoveryFact.ANSWER_FROM.with(e.getKey(), e.getValue())).toList();
        return DiscoveryFact.ANSWERED_INSTEAD.with(who, gateway);
    }

    private NoGatewayException(Reason reason, String interfaceName, InetAddress gateway, Duration waited,
            List<MappingProtocol> tried, List<Gateway> others, List<Fact> problems) {
        super(describe(reason, interfaceName, gateway, waited, tried, others));
        this.reason = reason;
        this.interfaceName = interfaceName;
        this.gateway = gateway;
        this.waited = waited;
        this.tried = List.copyOf(tried);
        this.others = List.copyOf(others);
        this.problems = List.copyOf(problems);
    }

    public Reason reason() {
        return reason;
    }

    /** The interface searched on; null when there was none ({@link Reason#NO_NETWORK}). */
    public String interfaceName() {
        return interfaceName;
    }

    /** The default gateway, when the system told it. */
    public Optional<InetAddress> gateway() {
        return Optional.ofNullable(gateway);
    }

    /** The protocols asked for. */
    public List<MappingProtocol> tried() {
        return tried;
    }

    /** Routers that answered but are not the default gateway: usable only when the user picks one. */
    public List<Gateway> others() {
        return others;
    }

    /** What else went wrong on the way, for the front ends to word after the reason. */
    public List<Fact> problems() {
        return problems;
    }

    /** How long the search waited. */
    public Duration waited() {
        return waited;
    }

    /** The reason in English, then the problems: for logs. */
    @Override
    public String getMessage() {
        StringBuilder s = new StringBuilder(super.getMessage());
        problems.forEach(p -> s.append(s.length() == 0 ? "" : " ").append(p.english()));
        return s.toString();
    }

    /** The reason as a fact, with its values; {@code GATEWAY_UNUSABLE} says it all in its problems. */
    private static Fact describe(Reason reason, String nif, InetAddress gateway, Duration waited,
            List<MappingProtocol> tried, List<Gateway> others) {
        double seconds = waited.toMillis() / 1000.0;
        return switch (reason) {
            case NO_NETWORK -> DiscoveryFact.NO_NETWORK.with();
            case NOTHING_ANSWERED -> DiscoveryFact.NOTHING_ANSWERED.with(new OneOf(tried), nif, seconds);
            case NOTHING_USABLE -> DiscoveryFact.NOTHING_USABLE.with(nif);
            case GATEWAY_UNUSABLE -> DiscoveryFact.NOTHING.with();
            case GATEWAY_SILENT -> others.isEmpty() ? DiscoveryFact.GATEWAY_SILENT.with(gateway, new OneOf(tried), seconds)
                    : DiscoveryFact.GATEWAY_SILENT_OTHERS.with(gateway, new OneOf(tried), seconds, others.size(),
                            others.stream().map(g -> DiscoveryFact.DEVICE_AT.with(g.displayName(), g.address())).toList());
        };
    }
}
