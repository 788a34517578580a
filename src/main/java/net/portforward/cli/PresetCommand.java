package net.portforward.cli;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.portforward.engine.Router;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.model.Retention;
import net.portforward.ledger.MappingBatch;
import net.portforward.ledger.MappingResult;
import net.portforward.ledger.preset.PortSpec;
import net.portforward.ledger.preset.Preset;
import net.portforward.ledger.preset.Presets;

/**
 * {@code preset list | apply NAME | remove NAME | save NAME PORTS... | delete NAME}: named groups
 * of mappings, applied or removed in one step.
 */
final class PresetCommand implements Command {
    static final String USAGE = "preset list | apply NAME [--client IP] [--lease SECONDS] [--keep|--for-now]"
            + " | remove NAME [--client IP] | save NAME PORTS... [--description TEXT] | delete NAME";

    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        List<String> pos = ctx.args().positional();
        if (pos.isEmpty()) {
            throw new InvalidInputException("Usage: portforward " + USAGE);
        }
        Presets presets = new Presets(ctx.engine().options().dataDir());
        String verb = pos.get(0);
        switch (verb) {
            case "list" -> {
                ctx.args().expectPositional(1, USAGE);
                for (Preset p : presets.all()) {
                    ctx.out().println(p.name() + "  [" + p.portsText() + "]" + (p.builtIn() ? "" : "  (yours)"));
                    if (!p.about().isBlank()) {
                        ctx.out().println("    " + p.about());
                    }
                }
                return Cli.OK;
            }
            case "apply", "remove" -> {
                ctx.args().expectPositional(2, USAGE);
                Preset preset = presets.get(pos.get(1));
                Retention retention = Retain.from(ctx.args());
                Duration lease = ctx.args().option("lease").isPresent()
                        ? MappingArgs.lease(ctx.args().option("lease").get()) : Duration.ZERO;
                Router router = ctx.router();
                InetAddress client = ctx.args().option("client").isPresent()
                        ? MappingRules.parseClient(ctx.args().option("client").get()) : router.gateway().localAddress();
                List<MappingResult> results = verb.equals("apply")
                        ? MappingBatch.add(router, preset.mappings(client, lease), retention, AddCommand.printing(ctx))
                        : MappingBatch.remove(router, preset.mappings(client, lease), client, AddCommand.printing(ctx));
                results.forEach(r -> ctx.out().println(r.sentence()));
                ctx.out().println(preset.name() + ": " + MappingResult.summary(results));
                if (verb.equals("apply")) {
                    Retain.holdIfTemporary(ctx, router, retention);
                }
                return results.stream().anyMatch(MappingResult::failed) ? Cli.FAILED : Cli.OK;
            }
            case "save" -> {
                if (pos.size() < 3) {
                    throw new InvalidInputException("Usage: portforward preset save NAME PORTS..., for example: preset"
                            + " save \"My game\" \"TCP+UDP 7777-7778\"");
                }
                List<PortSpec> ports = new ArrayList<>();
                for (String spec : pos.subList(2, pos.size())) {
                    ports.add(PortSpec.parse(spec));
                }
                Preset p = new Preset(pos.get(1), ctx.args().option("description").orElse(""), ports, false);
                presets.save(p);
                ctx.out().println("Saved preset \"" + p.name() + "\": " + p.portsText() + ".");
                return Cli.OK;
            }
            case "delete" -> {
                ctx.args().expectPositional(2, USAGE);
                presets.delete(pos.get(1));
                ctx.out().println("Deleted preset \"" + pos.get(1) + "\".");
                return Cli.OK;
            }
            default -> throw new InvalidInputException("Unknown preset action \"" + verb + "\". Usage: portforward "
                    + USAGE);
        }
    }
}
