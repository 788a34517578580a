package net.portforward.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.portforward.engine.Router;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.Listing;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.progress.Progress;
import net.portforward.json.Json;

/** {@code list [--json|--csv]}: the router's mapping table. */
final class ListCommand implements Command {
    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        ctx.args().expectPositional(0, "list [--json|--csv]");
        boolean json = ctx.args().flag("json");
        boolean csv = ctx.args().flag("csv");
        if (json && csv) {
            throw new InvalidInputException(CliMistake.JSON_AND_CSV.with());
        }
        Router router = ctx.router();
        Output.Columns columns = Output.Columns.in(ctx.words());
        if (!json && !csv) {
            ctx.out().println(columns.header());
        }
        // Text rows are printed as they arrive; JSON and CSV once complete, as one document.
        Listing result = router.list(m -> {
            if (!json && !csv) {
                ctx.out().println(columns.row(m));
            }
        }, Progress.NONE);
        result.warnings().forEach(ctx::warn);
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ListedMapping m : result.mappings()) {
                rows.add(Output.json(m, ctx.words()));
            }
            ctx.out().println(Json.write(rows));
        } else if (csv) {
            ctx.out().println(Output.csvHeader());
            result.mappings().forEach(m -> ctx.out().println(Output.csv(m)));
        } else if (result.mappings().isEmpty()) {
            ctx.say("cli.list.none");
        }
        return 0;
    }
}
