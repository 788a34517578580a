package net.portforward.engine.error;

/** What the user asked for cannot be sent to a router; nothing was sent. */
public class InvalidInputException extends PortForwardException {
    /** What is wrong, as values the front ends put into the user's words. */
    public InvalidInputException(Fact mistake) {
        super(mistake);
    }

    /** For a front end that words the mistake itself, in its user's language. */
    public InvalidInputException(String message) {
        super(message);
    }
}
