package net.portforward.engine.error;

/** The router did not answer, answered too slowly, or the connection broke. */
public class RouterUnreachableException extends PortForwardException {
    /** @param cause the socket's error, or null */
    public RouterUnreachableException(Fact what, Throwable cause) {
        super(what, cause);
    }

    /** {@code message} is English, for a test router or a log; people read a {@link Fact}. */
    public RouterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
