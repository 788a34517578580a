package net.portforward.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.progress.Progress;
import net.portforward.json.Json;

/** {@code discover [--json]}: every router service found, best first. */
final class DiscoverCommand implements Command {
    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        ctx.args().expectPositional(0, "discover [--json]");
        List<Gateway> gateways = ctx.engine().findGateways(Progress.NONE);
        if (ctx.args().flag("json")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            gateways.forEach(g -> rows.add(Output.json(g)));
            ctx.out().println(Json.write(rows));
            return 0;
        }
        int n = 1;
        for (Gateway g : gateways) {
            ctx.out().printf("%d. %s at %s%s%n", n, g.displayName(), g.address().getHostAddress(), n == 1 ? "  (used by default)" : "");
            ctx.out().printf("   %s%n", g.device().location());
            String ip = g.status().externalIpText().isEmpty() ? "no external address" : "external address " + g.status().externalIpText();
            ctx.out().printf("   %s, %s%n", g.status().connectionStatus().upnpName(), ip);
            if (g.status().doubleNat()) {
                ctx.out().printf("   Double NAT: %s%n", g.status().natVerdict().explanation());
            }
            n++;
        }
        return 0;
    }
}
