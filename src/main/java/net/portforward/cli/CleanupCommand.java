package net.portforward.cli;

import java.io.PrintStream;
import java.util.List;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.LedgerEntry;
import net.portforward.ledger.Leftovers;
import net.portforward.ledger.MappingResult;
import net.portforward.ledger.PinholeEntry;
import net.portforward.ledger.PinholeKeeper;
import net.portforward.ledger.PinholeLedger;
import net.portforward.ledger.PinholeResult;
import net.portforward.engine.pinhole.Pinholes;

/**
 * {@code cleanup [--keep] [--dry-run]}: the temporary mappings a PortForward that crashed or was
 * killed left behind: removed, or (with {@code --keep}) kept after all.
 */
final class CleanupCommand implements Command {
    static final String USAGE = "cleanup [--keep] [--dry-run]";

    /** Every other command starts by saying when there is something to clean up (no router call). */
    static void offer(Ledger ledger, PrintStream err) {
        try {
            List<LedgerEntry> left = ledger.leftovers();
            List<PinholeEntry> holes = new PinholeLedger(ledger).leftovers();
            if (!left.isEmpty() || !holes.isEmpty()) {
                String what = left.isEmpty() ? "" : Leftovers.describe(left);
                if (!holes.isEmpty()) {
                    what += (what.isEmpty() ? "" : " and ") + describe(holes);
                }
                err.println("warning: a PortForward that did not end normally left " + what
                        + ". Run \"portforward cleanup\" to remove them, or \"portforward cleanup --keep\" to keep them.");
            }
        } catch (PortForwardException e) {
            err.println("warning: " + e.getMessage());
        }
    }

    /** "2 temporary IPv6 pinholes (TCP 8080, UDP 27015)". */
    static String describe(List<PinholeEntry> holes) {
        return holes.size() + (holes.size() == 1 ? " temporary IPv6 pinhole (" : " temporary IPv6 pinholes (")
                + String.join(", ", holes.stream().limit(6).map(e -> e.key().toString()).toList())
                + (holes.size() > 6 ? ", \u2026" : "") + ")";
    }

    /**
     * The pinholes a crashed PortForward left in this router's firewall: closed, kept, or only
     * listed; their lease ends them anyway (a day at most). Nothing is asked over IPv6 when there
     * are none.
     */
    private static int pinholes(CommandContext ctx, Router router) throws PortForwardException {
        PinholeLedger ledger = ctx.pinholeLedger();
        String id = Pinholes.recordId(router.gateway());
        List<PinholeEntry> left = ledger.leftovers().stream().filter(e -> e.routerId().equals(id)).toList();
        if (left.isEmpty()) {
            return Cli.OK;
        }
        if (ctx.args().flag("dry-run")) {
            ctx.out().println("Left behind: " + describe(left) + ". Nothing was changed.");
            return Cli.OK;
        }
        PinholeKeeper keeper = new PinholeKeeper(ledger);
        if (ctx.args().flag("keep")) {
            keeper.keep(left);
            ctx.out().println("Kept " + describe(left) + "; PortForward now renews them like the others.");
            return Cli.OK;
        }
        List<PinholeResult> results = keeper.close(ctx.engine().pinholes(router.gateway(), ledger, Progress.NONE), left,
                Progress.NONE);
        results.forEach(r -> ctx.out().println(r.sentence()));
        return results.stream().anyMatch(PinholeResult::failed) ? Cli.FAILED : Cli.OK;
    }

    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        ctx.args().expectPositional(0, USAGE);
        Router router = ctx.router();
        int pinholes = pinholes(ctx, router);
        Leftovers leftovers = new Leftovers(ctx.ledger());
        List<LedgerEntry> left = leftovers.onRouter(router);
        if (left.isEmpty()) {
            ctx.out().println("Nothing to clean up: no temporary port forwards were left behind on this router.");
            return pinholes;
        }
        if (ctx.args().flag("dry-run")) {
            ctx.out().println("Left behind: " + Leftovers.describe(left) + ". Nothing was changed.");
            left.forEach(e -> ctx.out().println("  " + e.mapping().summary() + " \"" + e.mapping().description() + "\""
                    + (e.state() == LedgerEntry.State.PENDING ? " (the router may not have made it)" : "")));
            return Cli.OK;
        }
        if (ctx.args().flag("keep")) {
            leftovers.keep(left);
            ctx.out().println("Kept " + Leftovers.describe(left) + "; PortForward now checks them like the others.");
            return Cli.OK;
        }
        List<MappingResult> results = leftovers.remove(router, left, Progress.NONE);
        results.forEach(r -> ctx.out().println(r.sentence()));
        ctx.out().println(MappingResult.summary(results));
        return results.stream().anyMatch(MappingResult::failed) ? Cli.FAILED : Cli.OK;
    }
}
