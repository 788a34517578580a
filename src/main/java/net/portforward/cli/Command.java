package net.portforward.cli;

import net.portforward.engine.error.PortForwardException;

/** One CLI command over the engine. */
interface Command {
    /** @return the exit code */
    int run(CommandContext ctx) throws PortForwardException;
}
