package net.portforward.cli;

import java.nio.file.Path;
import java.util.List;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.MappingResult;
import net.portforward.ledger.transfer.ImportPlan;
import net.portforward.ledger.transfer.TableExport;
import net.portforward.ledger.transfer.TableFile;

/**
 * {@code import FILE [--dry-run] [--for-now]}: adds the mappings of an exported table. Each line
 * is previewed first (add, already identical, conflict, repeated, invalid); conflicts are never
 * overwritten. Exit 1 when a line failed or could not be read.
 */
final class ImportCommand implements Command {
    static final String USAGE = "import FILE [--dry-run] [--keep|--for-now]";

    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        ctx.args().expectPositional(1, USAGE);
        var retention = Retain.from(ctx.args());
        Path file = Path.of(ctx.args().positional().get(0));
        List<TableFile.Line> lines = TableFile.read(TableFile.readFile(file));
        Router router = ctx.router();
        ImportPlan plan = ImportPlan.preview(lines, TableExport.listed(router, Progress.NONE));
        if (ctx.args().flag("dry-run")) {
            plan.items().forEach(i -> ctx.say(i.fact()));
            ctx.say("cli.import.preview", ctx.words().say(plan.summary()));
            return plan.count(ImportPlan.Verdict.INVALID) > 0 ? Cli.FAILED : Cli.OK;
        }
        List<MappingResult> results = plan.apply(router, retention, Progress.NONE);
        results.forEach(r -> ctx.say(r.fact()));
        ctx.say(MappingResult.summary(results));
        Retain.holdIfTemporary(ctx, router, retention);
        return results.stream().anyMatch(MappingResult::failed) ? Cli.FAILED : Cli.OK;
    }
}
