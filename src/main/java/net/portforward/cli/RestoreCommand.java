package net.portforward.cli;

import java.util.List;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.KeptMappings;
import net.portforward.ledger.MappingResult;

/** {@code restore}: puts back the kept mappings the router lost (after a reboot, say). */
final class RestoreCommand implements Command {
    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        ctx.args().expectPositional(0, "restore");
        List<MappingResult> results = new KeptMappings(ctx.ledger()).restoreMissing(ctx.router(), Progress.NONE);
        if (results.isEmpty()) {
            ctx.out().println("PortForward keeps no port forwards on this router.");
            return Cli.OK;
        }
        results.forEach(r -> ctx.out().println(r.sentence()));
        ctx.out().println(MappingResult.summary(results));
        return results.stream().anyMatch(MappingResult::failed) ? Cli.FAILED : Cli.OK;
    }
}
