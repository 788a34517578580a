package net.portforward.cli;

import java.util.Map;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.RouterInfo;
import net.portforward.engine.progress.Progress;
import net.portforward.json.Json;

/** {@code info [--json]}: what the router is and how its internet connection stands. */
final class InfoCommand implements Command {
    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        ctx.args().expectPositional(0, "info [--json]");
        Router router = ctx.router();
        RouterInfo info = router.info(Progress.NONE);
        Map<String, Object> o = info.fields();
        o.put("ipv6Firewall", Ipv6FirewallInfo.of(ctx.engine(), router.gateway()));
        if (ctx.args().flag("json")) {
            ctx.out().println(Json.write(o));
            return 0;
        }
        o.forEach((k, v) -> {
            if (!k.equals("natExplanation") && !k.equals("services") && !k.equals("ipv6Firewall") && v != null
                    && !"".equals(v)) {
                ctx.out().printf("%-24s %s%n", k, v);
            }
        });
        ctx.out().println();
        ctx.out().println(info.gateway().status().natVerdict().explanation());
        ctx.out().println("IPv6: " + ((Map<?, ?>) o.get("ipv6Firewall")).get("message"));
        return 0;
    }
}
