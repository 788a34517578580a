package net.portforward.engine.discovery;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingProtocol;

/**
 * Discovery found no router PortForward may use by itself. The fields say why, for the window
 * and the command line to put in their own words; the message is the command line's.
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
    private final List<MappingProtocol> tried;
    private final List<Gateway> others;
    private final List<String> problems;

    /** Nothing usable answered within {@code waited}. */
    public NoGatewayException(String interfaceName, InetAddress gateway, Duration waited, int answers,
            List<MappingProtocol> tried, List<String> problems) {
        this(answers == 0 && gateway == null ? Reason.NOTHING_ANSWERED : gateway != null ? Reason.GATEWAY_SILENT
                : Reason.NOTHING_USABLE, interfaceName, gateway, waited, tried, List.of(), problems);
    }

    /** The default gateway answered nothing usable, while {@code others} (not the gateway) did. */
    public static NoGatewayException gatewaySilent(String interfaceName, InetAddress gateway, Duration waited,
            List<MappingProtocol> tried, List<Gateway> others, List<String> problems) {
        return new NoGatewayException(Reason.GATEWAY_SILENT, interfaceName, gateway, waited, tried, others, problems);
    }

    /** This computer has no default route (and no interface was chosen): nothing to search. */
    public static NoGatewayException noNetwork() {
        return new NoGatewayException(Reason.NO_NETWORK, null, null, Duration.ZERO, List.of(), List.of(), List.of());
    }

    /**
     * The default gateway answered UPnP with a description that has no port-forwarding service,
     * and nothing else usable answered; {@code sentence} names it and what it lacks.
     */
    public static NoGatewayException gatewayUnusable(String interfaceName, InetAddress gateway,
            List<MappingProtocol> tried, String sentence) {
        List<MappingProtocol> others = tried.stream().filter(p -> p != MappingProtocol.UPNP).toList();
        return new NoGatewayException(Reason.GATEWAY_UNUSABLE, interfaceName, gateway, Duration.ZERO, tried, List.of(),
                List.of(others.isEmpty() ? sentence : sentence + " It did not answer " + names(others) + " either."));
    }

    /**
     * A sentence for devices that answered the search sent to the gateway from their own address:
     * a pfSense or OPNsense CARP pair answers from its static address rather than the shared
     * gateway address (tailscale PR #6946). PortForward never uses another device by itself, so
     * the sentence says how to choose it.
     */
    static String answeredInstead(InetAddress gateway, java.util.Map<InetAddress, java.net.URI> answers) {
        List<String> who = answers.entrySet().stream().map(e -> e.getKey().getHostAddress() + " (" + e.getValue() + ")")
                .sorted().toList();
        return String.join(", ", who) + " answered the search sent to your router"
                + " at " + gateway.getHostAddress() + " instead: a pfSense or OPNsense pair (CARP) answers from its own"
                + " address rather than the shared gateway address. If that is your router, choose it by its description"
                + " URL (--router URL on the command line, Connect to URL in the window).";
    }

    private NoGatewayException(Reason reason, String interfaceName, InetAddress gateway, Duration waited,
            List<MappingProtocol> tried, List<Gateway> others, List<String> problems) {
        super(describe(reason, interfaceName, gateway, waited, tried, others, problems));
        this.reason = reason;
        this.interfaceName = interfaceName;
        this.gateway = gateway;
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

    public List<String> problems() {
        return problems;
    }

    static String names(List<MappingProtocol> tried) {
        List<String> names = tried.stream().map(p -> switch (p) {
            case UPNP -> "UPnP";
            case PCP -> "PCP";
            case NATPMP -> "NAT-PMP";
        }).toList();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String describe(Reason reason, String nif, InetAddress gateway, Duration waited,
            List<MappingProtocol> tried, List<Gateway> others, List<String> problems) {
        String seconds = String.format(Locale.ROOT, "%.1f", waited.toMillis() / 1000.0);
        String base = switch (reason) {
            case NO_NETWORK -> "This computer has no default route, so there is no router to search for."
                    + " Connect to a network, or choose an interface with --interface NAME.";
            case NOTHING_ANSWERED -> "No router answered " + names(tried) + " on " + nif + " within " + seconds + " s."
                    + " Port forwarding may be turned off on the router, or a firewall on this computer may block UDP"
                    + " ports 1900 and 5351. Try another interface (--interface), or give the router's description"
                    + " URL (--router URL).";
            case NOTHING_USABLE -> "Devices answered on " + nif + ", but none is a usable router.";
            case GATEWAY_UNUSABLE -> "";
            case GATEWAY_SILENT -> "Your router at " + gateway.getHostAddress() + " answered none of " + names(tried)
                    + " within " + seconds + " s. Turn on UPnP (or NAT-PMP/PCP) in its settings."
                    + (others.isEmpty() ? "" : " " + others.size() + " other device(s) on the network offer port"
                            + " forwarding (" + String.join(", ", others.stream().map(g -> g.displayName() + " at "
                                    + g.address().getHostAddress()).toList()) + "), but they are not your default"
                            + " gateway, so PortForward uses one only when you choose it with --router URL.");
        };
        return problems.isEmpty() ? base : base.isEmpty() ? String.join(" ", problems) : base + " " + String.join(" ", problems);
    }
}
