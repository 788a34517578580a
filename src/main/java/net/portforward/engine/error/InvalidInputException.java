package net.portforward.engine.error;

/** What the user asked for cannot be sent to a router; nothing was sent. */
public class InvalidInputException extends PortForwardException {
    public InvalidInputException(String message) {
        super(message);
    }
}
