package net.portforward.cli;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.RouterInfo;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.progress.Progress;
import net.portforward.json.Json;

/**
 * {@code info [--json] [--all]}: what the router is and how its internet connection stands. A
 * person reads a short summary (the router, its internet address, the connection, the NAT
 * verdict in words, how many forwards); {@code --all} adds every field the router reported, and
 * {@code --json} prints them all by name.
 */
final class InfoCommand implements Command {
    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        ctx.args().expectPositional(0, "info [--json] [--all]");
        Router router = ctx.router();
        RouterInfo info = router.info(Progress.NONE);
        Map<String, Object> o = info.fields();
        o.put("ipv6Firewall", Ipv6FirewallInfo.of(ctx.engine(), router.gateway()));
        if (ctx.args().flag("json")) {
            ctx.out().println(Json.write(o));
            return 0;
        }
        List<ListedMapping> forwards = router.list(m -> { }, Progress.NONE).mappings();
        summary(ctx, info.gateway(), forwards, String.valueOf(((Map<?, ?>) o.get("ipv6Firewall")).get("message")));
        if (ctx.args().flag("all")) {
            ctx.out().println();
            o.forEach((k, v) -> {
                if (!k.equals("natExplanation") && !k.equals("services") && !k.equals("ipv6Firewall") && v != null
                        && !"".equals(v)) {
                    ctx.out().printf("%-24s %s%n", k, v);
                }
            });
        }
        return 0;
    }

    private static void summary(CommandContext ctx, Gateway g, List<ListedMapping> forwards, String ipv6) {
        RouterStatus s = g.status();
        String name = g.name().isEmpty() ? "Your router" : g.name();
        line(ctx, "Router", name + " at " + g.address().getHostAddress() + ", via " + g.serviceLabel()
                + (g.defaultGateway() ? " (your default gateway)" : " (not your default gateway)"));
        line(ctx, "Internet address", s.externalIpText().isEmpty() ? "none reported"
                : s.externalIpText() + (s.natVerdict() == NatVerdict.PUBLIC ? " (public)" : " (not public)"));
        line(ctx, "Connection", s.connectionStatus().upnpName()
                + (s.uptime() == null ? "" : ", up " + uptime(s.uptime())));
        line(ctx, "Double NAT", switch (s.natVerdict()) {
            case PUBLIC -> "no";
            case DOUBLE_NAT -> "yes";
            case UNKNOWN -> "cannot tell";
        });
        InetAddress me = g.localAddress();
        long mine = forwards.stream().filter(m -> me.equals(m.mapping().internalClient())).count();
        line(ctx, "Port forwards", forwards.size() + (forwards.isEmpty() ? "" : " (" + mine + " to this computer)")
                + (g.capabilities().listsTable() ? "" : ", the ones PortForward holds: " + g.serviceLabel()
                        + " cannot list the router's table"));
        line(ctx, "IPv6", ipv6);
        ctx.out().println();
        ctx.out().println(s.natVerdict().explanation());
        ctx.out().println("More: info --all (every field the router reported) or info --json.");
    }

    private static void line(CommandContext ctx, String what, String value) {
        ctx.out().printf("%-18s %s%n", what + ":", value);
    }

    static String uptime(Duration d) {
        long s = d.toSeconds();
        if (s >= 86_400) {
            return s / 86_400 + " d " + (s % 86_400) / 3600 + " h";
        }
        if (s >= 3600) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        return s / 60 + " min";
    }
}
