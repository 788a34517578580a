package net.portforward.cli;

import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.progress.Progress;

/** {@code delete EXTERNAL_PORT PROTOCOL}. */
final class DeleteCommand implements Command {
    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        MappingKey key = MappingArgs.key(ctx.args(), "delete EXTERNAL_PORT PROTOCOL");
        ctx.router().delete(key, Progress.NONE);
        ctx.out().println("Deleted " + key + ".");
        return 0;
    }
}
