package net.portforward.cli;

import java.net.InetAddress;
import java.util.LinkedHashMap;
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
import net.portforward.text.Words;

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
        Words w = ctx.words();
        Map<String, Object> o = w.fields(info);
        o.put("ipv6Firewall", Ipv6FirewallInfo.of(ctx.engine(), router.gateway(), w));
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
        Words w = ctx.words();
        RouterStatus s = g.status();
        String name = g.name().isEmpty() ? w.format("cli.info.yourRouter") : g.name();
        InetAddress me = g.localAddress();
        long mine = forwards.stream().filter(m -> me.equals(m.mapping().internalClient())).count();
        String status = w.has("connection." + s.connectionStatus().name()) ? w.format("connection." + s.connectionStatus().name())
                : s.connectionStatus().upnpName();
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(w.format("cli.info.router"), w.format(g.defaultGateway() ? "cli.info.router.value"
                : "cli.info.router.notDefault", name, g.address().getHostAddress(), g.serviceLabel()));
        lines.put(w.format("cli.info.internet"), s.externalIpText().isEmpty() ? w.format("cli.info.internet.none")
                : w.format(s.natVerdict() == NatVerdict.PUBLIC ? "cli.info.internet.public" : "cli.info.internet.private",
                        s.externalIpText()));
        lines.put(w.format("cli.info.connection"), s.uptime() == null ? status
                : w.format("cli.info.connection.up", status, w.duration(s.uptime())));
        lines.put(w.format("cli.info.doubleNat"), w.format("cli.info.doubleNat." + s.natVerdict().name()));
        lines.put(w.format("cli.info.forwards"), w.format("cli.info.forwards.count", forwards.size(), mine)
                + (g.capabilities().listsTable() ? "" : w.format("cli.info.forwards.held", g.serviceLabel())));
        lines.put(w.format("cli.info.ipv6"), ipv6);
        int width = Math.max(18, lines.keySet().stream().mapToInt(TerminalText::width).max().orElse(0) + 2);
        lines.forEach((what, value) -> ctx.out().println(TerminalText.left(what + ":", width) + " " + value));
        ctx.out().println();
        ctx.out().println(w.nat(s.natVerdict()));
        ctx.out().println(w.format("cli.info.more"));
    }
}
