package net.portforward.cli;

import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingEditor;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.progress.Progress;

/** {@code enable|disable EXTERNAL_PORT PROTOCOL}. */
final class EnableCommand implements Command {
    private final boolean enable;

    EnableCommand(boolean enable) {
        this.enable = enable;
    }

    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        String verb = enable ? "enable" : "disable";
        MappingKey key = MappingArgs.key(ctx.args(), verb + " EXTERNAL_PORT PROTOCOL");
        MappingEditor.Outcome outcome = ctx.router().setEnabled(key, enable, Progress.NONE);
        outcome.notes().forEach(ctx::say);
        ctx.say(enable ? "cli.enable.done" : "cli.disable.done", key);
        return 0;
    }
}
