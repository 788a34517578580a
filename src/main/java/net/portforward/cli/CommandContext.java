package net.portforward.cli;

import java.io.PrintStream;
import net.portforward.config.Settings;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.Ledger;
import net.portforward.text.Failures;
import net.portforward.text.Words;

/** What a command works with; {@code words} are in the language of this run ([window] language, else the system's). */
record CommandContext(PortForwardEngine engine, Settings settings, Ledger ledger, CliArgs args, PrintStream out,
                      PrintStream err, Words words) {
    /** Failures in this run's words. */
    Failures failures() {
        return new Failures(words);
    }

    /** The best-ranked gateway, opened. */
    Router router() throws PortForwardException {
        return engine.open(engine.findBest(Progress.NONE));
    }

    /** The record of this computer's pinholes, beside the ledger. */
    net.portforward.ledger.PinholeLedger pinholeLedger() {
        return new net.portforward.ledger.PinholeLedger(ledger);
    }

    void warn(String message) {
        err.println(words.format("cli.warning", message));
    }

    /** A warning made of a fact. */
    void warn(Fact fact) {
        warn(words.say(fact));
    }

    /** One line of {@code out} in this run's words. */
    void say(String key, Object... values) {
        out.println(words.format(key, values));
    }

    /** A fact on a line of its own. */
    void say(Fact fact) {
        out.println(words.say(fact));
    }
}
