package net.portforward.engine.error;

/**
 * The router answered a request with a refusal. {@link #reason()} is what callers react to;
 * {@link #technical()} names the protocol's own code for the details a user can copy into a bug
 * report.
 */
public class RouterRefusedException extends PortForwardException {
    private final Refusal reason;
    private final String technical;

    /**
     * @param technical the protocol, its code and the request, e.g. "PCP result 12 to MAP"
     */
    public RouterRefusedException(Refusal reason, String technical, String message) {
        this(reason, technical, null, message);
    }

    /**
     * @param forUser what the user is told beyond the refusal itself, as values
     * @param message English, for logs and bug reports
     */
    public RouterRefusedException(Refusal reason, String technical, Reason forUser, String message) {
        super(forUser, message);
        this.reason = reason;
        this.technical = technical;
    }

    public Refusal reason() {
        return reason;
    }

    public boolean is(Refusal expected) {
        return reason == expected;
    }

    public String technical() {
        return technical;
    }
}
