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
import net.portforward.text.Words;

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
        Words w = ctx.words();
        int n = 1;
        for (Map.Entry<Gateway, List<MappingProtocol>> e : gateways.entrySet()) {
            Gateway g = e.getKey();
            String role = role(w, g, n, ctx.engine().options().router() != null, found.defaultGateway().isPresent());
            String line = w.format("cli.discover.router", n, g.displayName(), g.address().getHostAddress());
            ctx.out().println(role.isEmpty() ? line : line + "  (" + role + ")");
            g.upnp().ifPresent(u -> ctx.out().printf("   %s%n", u.device().location()));
            String status = w.has("connection." + g.status().connectionStatus().name())
                    ? w.format("connection." + g.status().connectionStatus().name())
                    : g.status().connectionStatus().upnpName();
            String ip = g.status().externalIpText().isEmpty() ? w.format("cli.discover.noAddress")
                    : w.format("cli.discover.address", g.status().externalIpText());
            ctx.out().printf("   %s, %s%n", status, ip);
            if (g.status().doubleNat()) {
                ctx.out().printf("   %s%n", w.format("cli.discover.doubleNat", w.nat(g.status().natVerdict())));
            }
            if (!e.getValue().isEmpty()) {
                ctx.out().printf("   %s%n", w.format("cli.discover.also",
                        w.all(e.getValue().stream().map(Words::name).toList())));
            }
            n++;
        }
        return 0;
    }

    /** Which one commands use by themselves, and why the others are not; empty when nothing is to say. */
    private static String role(Words w, Gateway g, int n, boolean named, boolean gatewayKnown) {
        if (named) {
            return n == 1 ? w.format("cli.discover.named") : "";
        }
        if (g.defaultGateway()) {
            return w.format(n == 1 ? "cli.discover.defaultUsed" : "cli.discover.default");
        }
        if (gatewayKnown) {
            return w.format("cli.discover.notDefault");
        }
        return n == 1 ? w.format("cli.discover.unknownDefault") : "";
    }
}
