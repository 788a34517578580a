package net.portforward.config;

import net.portforward.engine.error.Fact;

/**
 * Settings could not be loaded at all, for a reason the user must fix before PortForward can run
 * as asked (so far: a {@code --config} file that is missing or unreadable). {@link #fact()} says
 * why, for the front ends to word; the message is its English. Problems PortForward can work around are not thrown; they go
 * to {@link Settings#problems()}.
 */
public final class SettingsException extends Exception {

    private final transient Fact fact;

    public SettingsException(Fact fact, Throwable cause) {
        super(fact.english(), cause);
        this.fact = fact;
    }

    public Fact fact() {
        return fact;
    }
}
