package net.portforward.engine.error;

import java.util.Optional;

/** The router answered an action with a UPnP error (a SOAP fault carrying an error code). */
public class UpnpException extends RouterRefusedException {
    private final String action;
    private final int code;
    private final String routerDescription;

    public UpnpException(String action, int code, String routerDescription) {
        this(action, code, routerDescription, describe(action, code, routerDescription));
    }

    /** For callers that add context, such as who holds a conflicting port. */
    public UpnpException(String action, int code, String routerDescription, String message) {
        super(UpnpErrorCode.of(code).map(UpnpErrorCode::refusal).orElse(Refusal.ROUTER_FAILED),
                "UPnP error " + code + " to " + action
                        + (routerDescription == null || routerDescription.isBlank() ? ""
                                : "\nThe router said: " + routerDescription),
                message);
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

    /** English for logs and bug reports; people read the code's meaning in their language (net.portforward.text). */
    private static String describe(String action, int code, String routerDescription) {
        String name = UpnpErrorCode.of(code).map(Enum::name).orElse("unknown");
        String detail = routerDescription == null || routerDescription.isBlank() ? "" : ", \"" + routerDescription + "\"";
        return "UPnP error " + code + " (" + name + detail + ") to " + action;
    }
}
