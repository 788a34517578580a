package net.portforward.cli;

import net.portforward.engine.Router;
import net.portforward.engine.error.InputMistake;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.mapping.MappingFact;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.progress.Progress;

/** {@code edit EXTERNAL_PORT PROTOCOL [--client IP] [--internal-port N] [--description TEXT] [--lease SECONDS]}. */
final class EditCommand implements Command {
    static final String USAGE = "edit EXTERNAL_PORT PROTOCOL [--client IP] [--internal-port N] [--description TEXT]"
            + " [--lease SECONDS]";

    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        CliArgs a = ctx.args();
        MappingKey key = MappingArgs.key(a, USAGE);
        if (a.option("client").isEmpty() && a.option("internal-port").isEmpty() && a.option("description").isEmpty()
                && a.option("lease").isEmpty()) {
            throw new InvalidInputException(CliMistake.NOTHING_TO_CHANGE.with(USAGE));
        }
        Router router = ctx.router();
        PortMapping old = router.find(key, Progress.NONE).map(ListedMapping::mapping).orElseThrow(
                () -> new InvalidInputException(MappingFact.NO_MAPPING_TO_EDIT.with(key)));
        PortMapping updated = new PortMapping(key.protocol(), key.externalPort(),
                a.option("client").isPresent() ? MappingRules.parseClient(a.option("client").get()) : old.internalClient(),
                a.option("internal-port").isPresent()
                        ? MappingRules.parsePort(a.option("internal-port").get(), InputMistake.INTERNAL_PORT) : old.internalPort(),
                old.enabled(),
                a.option("description").orElse(old.description()),
                old.remoteHost(),
                a.option("lease").isPresent() ? MappingArgs.lease(a.option("lease").get()) : old.lease());
        MappingEditor.Outcome outcome = router.edit(key, updated, Progress.NONE);
        outcome.notes().forEach(ctx::say);
        ctx.say("cli.edit.changed", key, outcome.mapping().summary());
        return 0;
    }
}
