package net.portforward.cli;

import net.portforward.engine.EngineOptions;
import net.portforward.engine.PortForwardEngine;
import net.portforward.ledger.Ledger;

/**
 * What one command runs on: the ledger that records every mapping the run makes and the engine
 * that makes them, both closed when the command ends. The app makes them (app/CommandLineParts),
 * from the options the command line worked out, so the command line wires nothing itself.
 */
public record RunParts(Ledger ledger, PortForwardEngine engine) implements AutoCloseable {

    /** Makes a run's parts from its options. */
    @FunctionalInterface
    public interface Maker {
        RunParts open(EngineOptions options);
    }

    /** The engine first, then the ledger, whose session ends with the run. */
    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            ledger.close();
        }
    }
}
