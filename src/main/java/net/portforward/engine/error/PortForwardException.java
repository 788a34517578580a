package net.portforward.engine.error;

import java.util.Optional;

/**
 * A failure the user should read about. The user reads it in words the command line and the
 * window make from its type, its fields and its {@link #reasonForUser()}; {@link #getMessage()}
 * is English for logs and bug reports. Expected failures never need a stack trace.
 */
public class PortForwardException extends Exception {
    private final transient Reason reason;

    public PortForwardException(String message) {
        this(null, message, null);
    }

    public PortForwardException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /**
     * @param reason what the user is told, as values
     * @param message the same in English, for logs and bug reports
     */
    public PortForwardException(Reason reason, String message) {
        this(reason, message, null);
    }

    public PortForwardException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why it failed, as values to put into words; empty where the type and fields say it all. */
    public Optional<Reason> reasonForUser() {
        return Optional.ofNullable(reason);
    }
}
