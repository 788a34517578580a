package net.portforward.cli;

import java.util.List;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.pinhole.Pinholes;
import net.portforward.ledger.PinholeKeeper;
import net.portforward.ledger.PinholeLedger;
import net.portforward.ledger.PinholeResult;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.KeptMappings;
import net.portforward.ledger.MappingResult;

/**
 * {@code restore}: puts back the kept mappings the router lost (after a reboot, say), and opens
 * the kept IPv6 pinholes again (renewing the ones it still has: no router can say which it lost).
 */
final class RestoreCommand implements Command {
    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        ctx.args().expectPositional(0, "restore");
        Router router = ctx.router();
        List<MappingResult> results = new KeptMappings(ctx.ledger()).restoreMissing(router, Progress.NONE);
        boolean pinholesFailed = pinholes(ctx, router);
        if (results.isEmpty()) {
            ctx.say("cli.restore.none");
            return pinholesFailed ? Cli.FAILED : Cli.OK;
        }
        results.forEach(r -> ctx.say(r.fact()));
        ctx.say(MappingResult.summary(results));
        return results.stream().anyMatch(MappingResult::failed) || pinholesFailed ? Cli.FAILED : Cli.OK;
    }

    /** The kept pinholes, renewed or opened again; true when one failed. Nothing over IPv6 without any. */
    private static boolean pinholes(CommandContext ctx, Router router) throws PortForwardException {
        PinholeLedger ledger = ctx.pinholeLedger();
        if (ledger.forRouter(Pinholes.recordId(router.gateway())).stream().noneMatch(e -> e.kept())) {
            return false;
        }
        List<PinholeResult> results = new PinholeKeeper(ledger).restoreKept(
                ctx.engine().pinholes(router.gateway(), ledger, Progress.NONE), Progress.NONE);
        results.forEach(r -> ctx.say(r.fact()));
        ctx.say("cli.restore.pinholes", ctx.words().say(PinholeResult.summary(results)));
        return results.stream().anyMatch(PinholeResult::failed);
    }
}
