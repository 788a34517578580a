package net.portforward.cli;

import java.io.PrintStream;
import net.portforward.config.Settings;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.Ledger;

/** What a command works with. */
record CommandContext(PortForwardEngine engine, Settings settings, Ledger ledger, CliArgs args, PrintStream out,
                      PrintStream err) {
    /** The best-ranked gateway, opened. */
    Router router() throws PortForwardException {
        return engine.open(engine.findBest(Progress.NONE));
    }

    /** The record of this computer's pinholes, beside the ledger. */
    net.portforward.ledger.PinholeLedger pinholeLedger() {
        return new net.portforward.ledger.PinholeLedger(ledger);
    }

    void warn(String message) {
        err.println("warning: " + message);
    }
}
