package net.portforward.cli;

import java.net.InetAddress;
import java.time.Duration;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.progress.Progress;

/** {@code add EXTERNAL_PORT PROTOCOL INTERNAL_PORT [--client IP] [--description TEXT] [--lease SECONDS]}. */
final class AddCommand implements Command {
    static final String USAGE = "add EXTERNAL_PORT PROTOCOL INTERNAL_PORT [--client IP] [--description TEXT] [--lease SECONDS]";

    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        CliArgs a = ctx.args();
        a.expectPositional(3, USAGE);
        int external = MappingRules.parsePort(a.positional().get(0), "External port");
        Protocol protocol = MappingArgs.protocol(a.positional().get(1));
        int internal = MappingRules.parsePort(a.positional().get(2), "Internal port");
        InetAddress client = a.option("client").isPresent() ? MappingRules.parseClient(a.option("client").get()) : null;
        String description = a.option("description").orElse("PortForward");
        MappingRules.checkDescription(description);
        Duration lease = a.option("lease").isPresent() ? MappingArgs.lease(a.option("lease").get()) : Duration.ZERO;
        Router router = ctx.router();
        if (client == null) {
            client = router.gateway().localAddress();
        }
        PortMapping wanted = new PortMapping(protocol, external, client, internal, true, description, null, lease);
        MappingEditor.Outcome outcome = router.add(wanted, Progress.NONE);
        outcome.notes().forEach(ctx.out()::println);
        ctx.out().println("Added " + outcome.mapping().summary() + ".");
        return 0;
    }
}
