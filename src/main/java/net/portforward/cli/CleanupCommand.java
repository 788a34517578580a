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
            if (!left.isEmpty()) {
                err.println("warning: a PortForward that did not end normally left " + Leftovers.describe(left)
                        + ". Run \"portforward cleanup\" to remove them, or \"portforward cleanup --keep\" to keep them.");
            }
        } catch (PortForwardException e) {
            err.println("warning: " + e.getMessage());
        }
    }

    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        ctx.args().expectPositional(0, USAGE);
        Router router = ctx.router();
        Leftovers leftovers = new Leftovers(ctx.ledger());
        List<LedgerEntry> left = leftovers.onRouter(router);
        if (left.isEmpty()) {
            ctx.out().println("Nothing to clean up: no temporary port forwards were left behind on this router.");
            return Cli.OK;
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
