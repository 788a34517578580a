package net.portforward.engine.error;

import java.util.Optional;

/**
 * A failure the user should read about. The user reads it in words the command line and the
 * window make from its type, its fields and its {@link #reasonForUser()}; {@link #getMessage()}
 * is English for logs and bug reports. Expected failures never need a stack trace.
 */
public class PortForwardException extends Exception {
    private final transient Reason reason;

    /** {@code message} is English for logs only; prefer a {@link Fact} the user can read in their language. */
    public PortForwardException(String message) {
        this(null, message, null);
    }

    public PortForwardException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /** What the user is told, as values; the message is its English. */
    public PortForwardException(Fact fact) {
        this(fact, null, null);
    }

    public PortForwardException(Fact fact, Throwable cause) {
        this(fact, null, cause);
    }

    /**
     * @param reason what the user is told, as values
     * @param message the same in English, for logs and bug reports; null: the fact's English
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

    /** English, for logs and bug reports; made when first asked for (most failures are only ever worded). */
    @Override
    public String getMessage() {
        String message = super.getMessage();
        return message == null && reason instanceof Fact f ? f.english() : message;
    }
}
