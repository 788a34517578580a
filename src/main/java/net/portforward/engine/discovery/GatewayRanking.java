package net.portforward.engine.discovery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.model.Gateway;

/**
 * The order gateways are offered in, and which one PortForward may use without asking. The
 * default gateway comes first and is the only one used by itself: any LAN host can answer a
 * search and play a router, faster than the real one or with a better status (Tailscale accepts
 * only the gateway). Then UPnP before PCP before NAT-PMP (UPnP lists the whole table; PCP is
 * NAT-PMP's successor), then miniupnpc's UPNP_GetValidIGD order of status (connected with a
 * public address, connected, the rest), then the newer service version (IGD:2 lists in bulk).
 * Arrival order breaks ties, so the result does not depend on a hash.
 */
public final class GatewayRanking {
    private static final Comparator<Gateway> ORDER = Comparator
            .comparing((Gateway g) -> !g.defaultGateway())
            .thenComparing(Gateway::protocol)
            .thenComparingInt(g -> g.status().rank())
            .thenComparingInt(g -> -g.upnp().map(u -> u.service().version()).orElse(0));

    private GatewayRanking() {
    }

    public static List<Gateway> rank(Collection<Gateway> found) {
        List<Gateway> ranked = new ArrayList<>(found);
        ranked.sort(ORDER); // stable: arrival order within equals
        return ranked;
    }

    /**
     * The gateway to use without asking: the best one of the default gateway; when the default
     * gateway is unknown, the best of all (and the caller says so).
     */
    public static Optional<Gateway> chooseByItself(List<Gateway> ranked, boolean defaultGatewayKnown) {
        if (ranked.isEmpty()) {
            return Optional.empty();
        }
        Gateway best = ranked.get(0);
        return !defaultGatewayKnown || best.defaultGateway() ? Optional.of(best) : Optional.empty();
    }
}
