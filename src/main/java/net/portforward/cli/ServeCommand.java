package net.portforward.cli;

import java.net.InetAddress;
import net.portforward.engine.error.InputMistake;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.reach.TestPageServer;
import net.portforward.reach.UdpResponder;

/**
 * {@code serve [PORT]}: the window's "Start web server" for the command line. Serves the test page
 * (and answers UDP checks) on this computer's LAN address until stopped with Ctrl-C.
 */
final class ServeCommand implements Command {
    static final String USAGE = "serve [PORT]";

    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        CliArgs a = ctx.args();
        if (a.positional().size() > 1) {
            a.expectPositional(1, USAGE);
        }
        int port = a.positional().isEmpty() ? ctx.settings().webServerPort()
                : MappingRules.parsePort(a.positional().get(0), InputMistake.PORT);
        // The LAN address: the one on the way to the router, never every interface.
        InetAddress local = ctx.router().gateway().localAddress();
        TestPageServer page = TestPageServer.start(local, port);
        UdpResponder udp;
        try {
            udp = UdpResponder.start(local, port);
        } catch (PortForwardException e) {
            page.close();
            throw e;
        }
        ctx.say("cli.serve.serving", page.url(), port);
        ctx.out().flush();
        return Cli.untilCtrlC("portforward-serve-stop", () -> {
            page.close();
            udp.close();
        });
    }
}
