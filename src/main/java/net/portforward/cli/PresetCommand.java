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
            throw new InvalidInputException(CliMistake.USAGE.with(USAGE));
        }
        Presets presets = new Presets(ctx.engine().options().dataDir());
        String verb = pos.get(0);
        switch (verb) {
            case "list" -> {
                ctx.args().expectPositional(1, USAGE);
                for (Preset p : presets.all()) {
                    ctx.out().println(p.name() + "  [" + p.portsText() + "]"
                            + (p.builtIn() ? "" : "  " + ctx.words().format("cli.preset.yours")));
                    String about = about(ctx, p);
                    if (!about.isBlank()) {
                        ctx.out().println("    " + about);
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
                results.forEach(r -> ctx.say(r.fact()));
                ctx.say("cli.batch.summary", preset.name(), ctx.words().say(MappingResult.summary(results)));
                if (verb.equals("apply")) {
                    Retain.holdIfTemporary(ctx, router, retention);
                }
                return results.stream().anyMatch(MappingResult::failed) ? Cli.FAILED : Cli.OK;
            }
            case "save" -> {
                if (pos.size() < 3) {
                    throw new InvalidInputException(CliMistake.PRESET_SAVE_USAGE.with());
                }
                List<PortSpec> ports = new ArrayList<>();
                for (String spec : pos.subList(2, pos.size())) {
                    ports.add(PortSpec.parse(spec));
                }
                Preset p = new Preset(pos.get(1), ctx.args().option("description").orElse(""), ports, false);
                presets.save(p);
                ctx.say("cli.preset.saved", p.name(), p.portsText());
                return Cli.OK;
            }
            case "delete" -> {
                ctx.args().expectPositional(2, USAGE);
                presets.delete(pos.get(1));
                ctx.say("cli.preset.deleted", pos.get(1));
                return Cli.OK;
            }
            default -> throw new InvalidInputException(CliMistake.PRESET_ACTION.with(verb, USAGE));
        }
    }

    /**
     * What a preset is for: a built-in one's in this run's words where they have them (its name
     * stays as typed), the user's own as written.
     */
    private static String about(CommandContext ctx, Preset p) {
        String key = "cli.preset.about." + p.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return p.builtIn() && ctx.words().has(key) ? ctx.words().format(key) : p.about();
    }
}
