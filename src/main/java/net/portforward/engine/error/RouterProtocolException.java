package net.portforward.engine.error;

/** The router answered, but with something that is not a usable UPnP answer. */
public class RouterProtocolException extends PortForwardException {
    public RouterProtocolException(Fact what) {
        super(what);
    }

    public RouterProtocolException(Fact what, Throwable cause) {
        super(what, cause);
    }

    /** {@code message} is English, for a test router or a log; people read a {@link Fact}. */
    public RouterProtocolException(String message) {
        super(message);
    }
}
