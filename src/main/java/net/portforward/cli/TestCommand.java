package net.portforward.cli;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.portforward.config.Proxy;
import net.portforward.engine.Router;
import net.portforward.engine.error.InputMistake;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.net.Ipv6;
import net.portforward.engine.pinhole.Pinholes;
import net.portforward.engine.progress.Progress;
import net.portforward.json.Json;
import net.portforward.reach.LocalService;
import net.portforward.reach.MappingAccess;
import net.portforward.reach.PinholeAccess;
import net.portforward.reach.ProxyHttp;
import net.portforward.reach.ReachRequest;
import net.portforward.reach.ReachTest;
import net.portforward.reach.TestListener;
import net.portforward.reach.Verdict;
import net.portforward.text.Words;

/**
 * {@code test PORT [--protocol tcp|udp] [--checker URL] [--keep-mapping] [--no-mapping] [--json]}:
 * can the internet reach this port? Starts the test page (TCP) or the UDP responder on the port,
 * adds a temporary forward when the router has none, asks the checkers, removes what it added.
 * Exit 0 when reachable, 1 when not.
 */
final class TestCommand implements Command {
    static final String USAGE = "test PORT [--protocol tcp|udp] [--checker URL] [--keep-mapping] [--no-mapping]"
            + " [--repair] [--ipv6] [--json]";
    /** A checker spends up to 5 s connecting back; Transmission's portcheck the same. */
    static final Duration PROXY_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        CliArgs a = ctx.args();
        a.expectPositional(1, USAGE);
        int port = MappingRules.parsePort(a.positional().get(0), InputMistake.PORT);
        Protocol protocol = MappingArgs.protocol(a.transportProtocol().orElse("tcp"));
        List<Proxy> proxies = a.option("checker").isPresent() ? List.of(checker(a.option("checker").get()))
                : ctx.settings().proxies();
        boolean json = a.flag("json");
        boolean ipv6 = a.flag("ipv6");
        // Started first: its HTTP client gets built while the router is searched for. Over IPv6 the
        // checker must be asked from the address the pinhole opens, known once the router is.
        Router router = ipv6 ? ctx.router() : null;
        Pinholes pinholes = ipv6 ? ctx.engine().pinholes(router.gateway(), ctx.pinholeLedger(), Progress.NONE) : null;
        try (ProxyHttp http = ipv6 ? new ProxyHttp(PROXY_TIMEOUT, pinholes.service().localAddress())
                : new ProxyHttp(PROXY_TIMEOUT)) {
            if (router == null) {
                router = ctx.router();
            }
            MappingAccess access = ipv6 ? new PinholeAccess(pinholes) : MappingAccess.of(router);
            InetAddress local = access.localAddress();
            try (TestListener listener = TestListener.start(protocol, local, port, null)) {
                if (protocol == Protocol.TCP) {
                    listener.problem().ifPresent(busy -> ctx.warn(ctx.words().format("cli.test.busy",
                            ctx.failures().sentence(busy))));
                }
                LocalService service = listener.service();
                ReachRequest request = new ReachRequest(protocol, port, port, !a.flag("no-mapping"), a.flag("keep-mapping"));
                ReachTest test = new ReachTest(proxies, http);
                Verdict v = test.run(request, access, listener, Progress.NONE);
                if (v.repairable() && a.flag("repair")) {
                    // A forward the router lists that does not work: delete, add again, test again
                    // (Technicolor CGA4131COM, tailscale #21208).
                    if (!json) {
                        print(ctx, v, port, false);
                        ctx.out().println();
                    }
                    v = test.repairAndRun(request, access, service, Progress.NONE);
                }
                if (json) {
                    ctx.out().println(Json.write(json(v, ctx.words())));
                } else {
                    if (ipv6) {
                        ctx.say("cli.test.ipv6", Ipv6.text(local));
                    }
                    print(ctx, v, port, !a.flag("repair"));
                }
                return v.reachable() ? Cli.OK : Cli.FAILED;
            }
        }
    }

    private static Proxy checker(String url) throws InvalidInputException {
        try {
            return Proxy.parse(Proxy.Type.PORTFORWARD.iniName() + " " + url);
        } catch (Proxy.Mistake e) {
            throw new InvalidInputException(CliMistake.CHECKER.with(e.fact()));
        }
    }

    /** @param offerRepair whether to say how to repair a forward that may have stopped working */
    private static void print(CommandContext ctx, Verdict v, int port, boolean offerRepair) {
        Words w = ctx.words();
        String verdict = w.say(v.fact());
        ctx.out().println(verdict);
        String why = w.say(v.reason());
        if (!v.reachable() && !verdict.contains(why)) {
            ctx.say("cli.test.why", why);
        }
        v.notes().forEach(n -> ctx.out().println("  - " + w.say(n)));
        if (v.browserUrl() != null) {
            ctx.say("cli.test.browser", v.browserUrl());
        }
        ctx.say("cli.test.took", v.took().toMillis());
        if (v.repairable() && offerRepair) {
            ctx.say("cli.test.repair", "test " + port + " --repair");
        }
    }

    /** For programs: keys and the reason stay English, the sentences are in {@code words}. */
    static Map<String, Object> json(Verdict v, Words words) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("reachable", v.reachable());
        o.put("reason", v.reason().name());
        o.put("message", words.say(v.fact()));
        o.put("explanation", words.say(v.reason()));
        o.put("proxy", v.proxy() == null ? null : v.proxy().toIni());
        o.put("roundTripMs", v.roundTrip() == null ? null : v.roundTrip().toMillis());
        o.put("tookMs", v.took().toMillis());
        o.put("browserUrl", v.browserUrl() == null ? null : v.browserUrl().toString());
        o.put("notes", v.notes().stream().map(words::say).toList());
        o.put("repairable", v.repairable());
        return o;
    }
}
