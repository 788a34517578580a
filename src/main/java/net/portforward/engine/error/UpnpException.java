package net.portforward.engine.error;

import java.util.Optional;

/** The router answered an action with a UPnP error (a SOAP fault carrying an error code). */
public class UpnpException extends PortForwardException {
    private final String action;
    private final int code;
    private final String routerDescription;

    public UpnpException(String action, int code, String routerDescription) {
        super(describe(action, code, routerDescription));
        this.action = action;
        this.code = code;
        this.routerDescription = routerDescription;
    }

    /** For callers that add context, such as who holds a conflicting port. */
    public UpnpException(String action, int code, String routerDescription, String message) {
        super(message);
        this.action = action;
        this.code = code;
        this.routerDescription = routerDescription;
    }

    public String action() {
        return action;
    }

    public int code() {
        return code;
    }

    public Optional<UpnpErrorCode> known() {
        return UpnpErrorCode.of(code);
    }

    public boolean is(UpnpErrorCode expected) {
        return code == expected.code();
    }

    /** The router's own errorDescription, for the details view. */
    public String routerDescription() {
        return routerDescription;
    }

    private static String describe(String action, int code, String routerDescription) {
        String meaning = UpnpErrorCode.of(code).map(UpnpErrorCode::meaning)
                .orElse("The router refused the request.");
        String detail = routerDescription == null || routerDescription.isBlank() ? "" : ", \"" + routerDescription + "\"";
        return meaning + " (UPnP error " + code + detail + " to " + action + ")";
    }
}
