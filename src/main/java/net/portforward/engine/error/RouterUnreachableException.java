package net.portforward.engine.error;

/** The router did not answer, answered too slowly, or the connection broke. */
public class RouterUnreachableException extends PortForwardException {
    public RouterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
