package net.portforward.app;

import net.portforward.cli.RunParts;
import net.portforward.engine.EngineOptions;
import net.portforward.engine.PortForwardEngine;
import net.portforward.ledger.Ledger;

/** The command line's wiring: for each run, a ledger in the data folder and an engine recording into it. */
public final class CommandLineParts {
    private CommandLineParts() {
    }

    public static RunParts open(EngineOptions options) {
        Ledger ledger = Ledger.open(options.dataDir());
        return new RunParts(ledger, new PortForwardEngine(options, ledger));
    }
}
