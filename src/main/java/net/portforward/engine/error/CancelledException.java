package net.portforward.engine.error;

/** The user cancelled the operation. */
public class CancelledException extends PortForwardException {
    public CancelledException() {
        super("Cancelled.");
    }
}
