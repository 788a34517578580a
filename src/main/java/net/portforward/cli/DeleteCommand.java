package net.portforward.cli;

import java.util.List;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.pinhole.Pinholes;
import net.portforward.ledger.PinholeEntry;
import net.portforward.ledger.PinholeLedger;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.progress.Progress;

/**
 * {@code delete EXTERNAL_PORT PROTOCOL}; a pinhole opened together with the forward
 * ({@code add ... --ipv6}) is closed with it.
 */
final class DeleteCommand implements Command {
    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        MappingKey key = MappingArgs.key(ctx.args(), "delete EXTERNAL_PORT PROTOCOL");
        Router router = ctx.router();
        router.delete(key, Progress.NONE);
        ctx.say("cli.delete.done", key);
        PinholeLedger pinholeLedger = ctx.pinholeLedger();
        List<PinholeEntry> paired = pinholeLedger.pairedWith(Pinholes.recordId(router.gateway()), key.protocol(),
                key.externalPort());
        if (!paired.isEmpty()) {
            Pinholes pinholes = ctx.engine().pinholes(router.gateway(), pinholeLedger, Progress.NONE);
            for (PinholeEntry e : paired) {
                pinholes.close(e.key(), Progress.NONE);
                ctx.say("cli.delete.closedPinhole", e.key());
            }
        }
        return 0;
    }
}
