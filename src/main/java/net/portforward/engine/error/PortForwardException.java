package net.portforward.engine.error;

/**
 * A failure the user should read about. {@link #getMessage()} is a whole sentence for people;
 * expected failures never need a stack trace.
 */
public class PortForwardException extends Exception {
    public PortForwardException(String message) {
        super(message);
    }

    public PortForwardException(String message, Throwable cause) {
        super(message, cause);
    }
}
