package net.portforward.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.discovery.Discovery;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingProtocol;
import net.portforward.engine.progress.Progress;
import net.portforward.json.Json;

/** {@code discover [--json]}: every router service found, best first. */
final class DiscoverCommand implements Command {
    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        ctx.args().expectPositional(0, "discover [--json]");
        Discovery.Result found = ctx.engine().findGateways(Discovery.Scope.ALL, Progress.NONE);
        // One router that speaks UPnP, PCP and NAT-PMP is one router to its user: listed once, by
        // the protocol it is used with, with the others it also answers.
        Map<Gateway, List<MappingProtocol>> gateways = new LinkedHashMap<>();
        for (Gateway g : found.gateways()) {
            Optional<Gateway> same = g.protocol() == MappingProtocol.UPNP ? Optional.empty()
                    : gateways.keySet().stream().filter(o -> o.address().equals(g.address())).findFirst();
            if (same.isPresent()) {
                gateways.get(same.get()).add(g.protocol());
            } else {
                gateways.put(g, new ArrayList<>());
            }
        }
        if (ctx.args().flag("json")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            gateways.forEach((g, also) -> {
                Map<String, Object> row = Output.json(g);
                row.put("alsoSpeaks", also.stream().map(MappingProtocol::key).toList());
                rows.add(row);
            });
            ctx.out().println(Json.write(rows));
            return 0;
        }
        int n = 1;
        for (Map.Entry<Gateway, List<MappingProtocol>> e : gateways.entrySet()) {
            Gateway g = e.getKey();
            String role = role(g, n, ctx.engine().options().router() != null, found.defaultGateway().isPresent());
            ctx.out().printf("%d. %s at %s%s%n", n, g.displayName(), g.address().getHostAddress(), role);
            g.upnp().ifPresent(u -> ctx.out().printf("   %s%n", u.device().location()));
            String ip = g.status().externalIpText().isEmpty() ? "no external address" : "external address " + g.status().externalIpText();
            ctx.out().printf("   %s, %s%n", g.status().connectionStatus().upnpName(), ip);
            if (g.status().doubleNat()) {
                ctx.out().printf("   Double NAT: %s%n", ctx.words().nat(g.status().natVerdict()));
            }
            if (!e.getValue().isEmpty()) {
                ctx.out().printf("   Also answers %s.%n",
                        String.join(" and ", e.getValue().stream().map(DiscoverCommand::name).toList()));
            }
            n++;
        }
        return 0;
    }

    private static String name(MappingProtocol p) {
        return switch (p) {
            case UPNP -> "UPnP";
            case PCP -> "PCP";
            case NATPMP -> "NAT-PMP";
        };
    }

    /** Which one commands use by themselves, and why the others are not. */
    private static String role(Gateway g, int n, boolean named, boolean gatewayKnown) {
        if (named) {
            return n == 1 ? "  (used: named with --router)" : "";
        }
        if (g.defaultGateway()) {
            return n == 1 ? "  (your default gateway: used by default)" : "  (your default gateway)";
        }
        if (gatewayKnown) {
            return "  (not your default gateway: used only when you choose it with --router)";
        }
        return n == 1 ? "  (used by default: the default gateway is unknown)" : "";
    }
}
