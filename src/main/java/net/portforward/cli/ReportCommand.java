package net.portforward.cli;

import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.report.RouterReport;
import net.portforward.json.Json;

/**
 * {@code report [--json]}: what to attach to a bug report when the router does not work with
 * PortForward: its description, services and their actions, the search answers and the last SOAP
 * exchanges, with the internet address, serial numbers, UDNs and MAC addresses masked. Works
 * (and exits 0) when the router offers nothing usable: that is when it is needed.
 */
final class ReportCommand implements Command {
    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        ctx.args().expectPositional(0, "report [--json]");
        RouterReport report = ctx.engine().report(null, Progress.NONE);
        ctx.out().print(ctx.args().flag("json") ? Json.write(report.json()) + "\n" : report.text());
        return Cli.OK;
    }
}
