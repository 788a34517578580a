package net.portforward.cli;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.InputMistake;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.pinhole.Pinhole;
import net.portforward.engine.pinhole.Pinholes;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.MappingBatch;
import net.portforward.ledger.MappingResult;
import net.portforward.ledger.preset.PortSpec;
import net.portforward.ledger.preset.Preset;

/**
 * {@code add EXTERNAL_PORT PROTOCOL INTERNAL_PORT [--client IP] [--description TEXT] [--lease SECONDS]
 * [--keep|--for-now]}, and ranges: {@code add 27015-27030 TCP+UDP [INTERNAL_PORT]}.
 */
final class AddCommand implements Command {
    static final String USAGE = "add EXTERNAL_PORT[-LAST]|any PROTOCOL[+PROTOCOL] INTERNAL_PORT [--client IP]"
            + " [--description TEXT] [--lease SECONDS] [--ipv6] [--keep|--for-now [--hold SECONDS]]";

    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        CliArgs a = ctx.args();
        List<String> pos = a.positional();
        boolean any = !pos.isEmpty() && pos.get(0).equalsIgnoreCase("any");
        boolean range = !any && pos.size() >= 2 && (pos.get(0).contains("-") || pos.get(1).contains("+")
                || pos.get(1).equalsIgnoreCase("both"));
        if (!range || pos.size() != 2) {
            a.expectPositional(3, USAGE);
        }
        Retention retention = Retain.from(a);
        InetAddress client = a.option("client").isPresent() ? MappingRules.parseClient(a.option("client").get()) : null;
        String description = a.option("description").orElse("PortForward");
        MappingRules.checkDescription(description);
        Duration lease = a.option("lease").isPresent() ? MappingArgs.lease(a.option("lease").get()) : Duration.ZERO;
        if (range && a.flag("ipv6")) {
            throw new InvalidInputException(CliMistake.RANGE_WITH_IPV6.with());
        }
        if (a.flag("ipv6") && client != null) {
            throw new InvalidInputException(CliMistake.IPV6_WITH_CLIENT.with());
        }
        if (range) {
            int[] ports = PortSpec.range(pos.get(0));
            int internal = pos.size() == 3 ? MappingRules.parsePort(pos.get(2), InputMistake.INTERNAL_PORT) : 0;
            PortSpec spec = PortSpec.of(PortSpec.protocols(pos.get(1)), ports[0], ports[1], internal);
            Router router = ctx.router();
            List<PortMapping> mappings = new Preset(description, "", List.of(spec), false)
                    .mappings(client == null ? router.gateway().localAddress() : client, lease);
            List<MappingResult> results = MappingBatch.add(router, mappings, retention, printing(ctx));
            results.stream().filter(r -> r.kind() != MappingResult.Kind.ADDED).forEach(r -> ctx.say(r.fact()));
            ctx.say("cli.batch.summary", spec, ctx.words().say(MappingResult.summary(results)));
            Retain.holdIfTemporary(ctx, router, retention);
            return results.stream().anyMatch(MappingResult::failed) ? Cli.FAILED : Cli.OK;
        }
        Protocol protocol = MappingArgs.protocol(pos.get(1));
        int internal = MappingRules.parsePort(pos.get(2), InputMistake.INTERNAL_PORT);
        int external = any ? internal : MappingRules.parsePort(pos.get(0), InputMistake.EXTERNAL_PORT);
        Router router = ctx.router();
        if (client == null) {
            client = router.gateway().localAddress();
        }
        PortMapping wanted = new PortMapping(protocol, external, client, internal, true, description, null, lease);
        MappingEditor.Outcome outcome;
        try {
            outcome = any ? addAny(ctx, router, wanted, retention) : router.add(wanted, retention, Progress.NONE);
        } catch (PortConflictException e) {
            // One line, as every failure: the router's reason, and the command that takes the port offered.
            ctx.err().println(ctx.failures().sentence(e) + (e.freePort().isEmpty() ? "" : " "
                    + ctx.words().format("cli.add.instead", "add " + e.freePort().getAsInt() + " " + protocol + " "
                    + internal + (a.option("client").isPresent() ? " --client " + client.getHostAddress() : ""))));
            return Cli.FAILED;
        }
        if (outcome == null) {
            return Cli.FAILED;
        }
        outcome.notes().forEach(ctx::say);
        ctx.out().println(ctx.words().format(retention == Retention.FOR_NOW ? "cli.add.addedForNow" : "cli.add.added",
                outcome.mapping().summary()));
        Optional<Pinholes> pinholes = Optional.empty();
        if (a.flag("ipv6")) {
            try {
                pinholes = Optional.of(openIpv6(ctx, router, outcome.mapping(), retention));
            } catch (CancelledException e) {
                throw e;
            } catch (PortForwardException e) {
                ctx.err().println(ctx.words().format("cli.add.noPinhole", ctx.failures().sentence(e)));
                Retain.holdIfTemporary(ctx, router, retention);
                return Cli.FAILED;
            }
        }
        Retain.holdIfTemporary(ctx, router, pinholes, retention);
        return 0;
    }

    /**
     * {@code --ipv6}: the same port of this computer opened in the router's IPv6 firewall, tied to
     * the forward so that deleting the forward closes it too. Its lease follows the forward's, at
     * most a day (a pinhole is never permanent; PortForward renews it while it runs).
     */
    private static Pinholes openIpv6(CommandContext ctx, Router router, PortMapping forward, Retention retention)
            throws PortForwardException {
        Duration lease = retention == Retention.FOR_NOW ? PinholeCommand.TEMPORARY_LEASE
                : forward.permanent() || forward.lease().compareTo(PinholeCommand.KEPT_LEASE) > 0
                        ? PinholeCommand.KEPT_LEASE : forward.lease();
        Pinholes pinholes = ctx.engine().pinholes(router.gateway(), ctx.pinholeLedger(), Progress.NONE);
        Pinhole p = pinholes.open(forward.protocol(), forward.internalPort(), lease, retention, forward.externalPort(),
                Progress.NONE);
        ctx.out().println(PinholeCommand.opened(ctx, p, pinholes, retention));
        return pinholes;
    }

    /**
     * {@code add any PROTOCOL INTERNAL_PORT}: the router picks the external port (IGD:2's
     * AddAnyPortMapping; PCP and NAT-PMP). A router that cannot is told so, with a free port
     * PortForward found instead; then null.
     */
    private static MappingEditor.Outcome addAny(CommandContext ctx, Router router, PortMapping wanted,
            Retention retention) throws PortForwardException {
        if (router.offersAnyPort()) {
            return router.addAnyPort(wanted, retention, Progress.NONE);
        }
        OptionalInt free = router.freePortFor(wanted.key(), Progress.NONE);
        ctx.err().println(ctx.words().format("cli.add.noAnyPort", router.gateway().serviceLabel())
                + (free.isPresent() ? " " + ctx.words().format("cli.add.freeInstead", free.getAsInt(), "add "
                + free.getAsInt() + " " + wanted.protocol() + " " + wanted.internalPort()) : ""));
        return null;
    }

    /** Progress as lines on standard output, as each step of a batch starts. */
    static Progress printing(CommandContext ctx) {
        return new Progress() {
            @Override
            public void report(double fraction, Fact step) {
                if (fraction < 1) {
                    ctx.say(step);
                    ctx.out().flush();
                }
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }
}
