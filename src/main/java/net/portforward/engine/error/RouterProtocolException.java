package net.portforward.engine.error;

/** The router answered, but with something that is not a usable UPnP answer. */
public class RouterProtocolException extends PortForwardException {
    public RouterProtocolException(String message) {
        super(message);
    }

    public RouterProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
