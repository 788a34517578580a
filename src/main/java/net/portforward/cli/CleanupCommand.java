package net.portforward.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import net.portforward.engine.Router;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.LedgerEntry;
import net.portforward.ledger.LedgerFact;
import net.portforward.ledger.Leftovers;
import net.portforward.ledger.MappingResult;
import net.portforward.ledger.PinholeEntry;
import net.portforward.ledger.PinholeKeeper;
import net.portforward.ledger.PinholeLedger;
import net.portforward.ledger.PinholeResult;
import net.portforward.engine.pinhole.Pinholes;
import net.portforward.text.Failures;
import net.portforward.text.Words;

/**
 * {@code cleanup [--keep] [--dry-run]}: the temporary mappings a PortForward that crashed or was
 * killed left behind: removed, or (with {@code --keep}) kept after all.
 */
final class CleanupCommand implements Command {
    static final String USAGE = "cleanup [--keep] [--dry-run]";

    /** Every other command starts by saying when there is something to clean up (no router call). */
    static void offer(Ledger ledger, PrintStream err, Words words) {
        try {
            List<LedgerEntry> left = ledger.leftovers();
            List<PinholeEntry> holes = new PinholeLedger(ledger).leftovers();
            if (!left.isEmpty() || !holes.isEmpty()) {
                List<String> what = new ArrayList<>();
                if (!left.isEmpty()) {
                    what.add(words.say(Leftovers.describe(left)));
                }
                if (!holes.isEmpty()) {
                    what.add(words.say(describe(holes)));
                }
                err.println(words.format("cli.warning", words.format("cli.cleanup.offer", words.all(what))));
            }
        } catch (PortForwardException e) {
            err.println(words.format("cli.warning", new Failures(words).sentence(e)));
        }
    }

    /** "2 temporary IPv6 pinholes (TCP 8080, UDP 27015)". */
    static Fact describe(List<PinholeEntry> holes) {
        List<String> keys = holes.stream().limit(6).map(e -> e.key().toString()).toList();
        return (holes.size() > keys.size() ? LedgerFact.TEMPORARY_PINHOLES_MORE : LedgerFact.TEMPORARY_PINHOLES)
                .with(holes.size(), keys);
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
            ctx.say("cli.cleanup.leftBehind", ctx.words().say(describe(left)));
            return Cli.OK;
        }
        PinholeKeeper keeper = new PinholeKeeper(ledger);
        if (ctx.args().flag("keep")) {
            keeper.keep(left);
            ctx.say("cli.cleanup.keptPinholes", ctx.words().say(describe(left)));
            return Cli.OK;
        }
        List<PinholeResult> results = keeper.close(ctx.engine().pinholes(router.gateway(), ledger, Progress.NONE), left,
                Progress.NONE);
        results.forEach(r -> ctx.say(r.fact()));
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
            ctx.say("cli.cleanup.nothing");
            return pinholes;
        }
        if (ctx.args().flag("dry-run")) {
            ctx.say("cli.cleanup.leftBehind", ctx.words().say(Leftovers.describe(left)));
            left.forEach(e -> ctx.out().println("  " + ctx.words().format(e.state() == LedgerEntry.State.PENDING
                    ? "cli.cleanup.pending" : "cli.cleanup.entry", e.mapping().summary(), e.mapping().description())));
            return Cli.OK;
        }
        if (ctx.args().flag("keep")) {
            leftovers.keep(left);
            ctx.say("cli.cleanup.kept", ctx.words().say(Leftovers.describe(left)));
            return Cli.OK;
        }
        List<MappingResult> results = leftovers.remove(router, left, Progress.NONE);
        results.forEach(r -> ctx.say(r.fact()));
        ctx.say(MappingResult.summary(results));
        return results.stream().anyMatch(MappingResult::failed) ? Cli.FAILED : Cli.OK;
    }
}
