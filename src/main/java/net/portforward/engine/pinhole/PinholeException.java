package net.portforward.engine.pinhole;

import java.util.Optional;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.error.UpnpErrorCode;
import net.portforward.engine.error.UpnpException;

/**
 * The router refused a WANIPv6FirewallControl action: its UPnP error read as this service's
 * ({@link PinholeErrorCode}), else as a general UPnP error (401, 402, 501).
 */
public final class PinholeException extends RouterRefusedException {
    private final String action;
    private final int code;

    private PinholeException(String action, int code, Refusal reason, String technical, String message) {
        super(reason, technical, message);
        this.action = action;
        this.code = code;
    }

    /** The router's UPnP error to {@code e.action()}, in this service's terms. */
    public static PinholeException of(UpnpException e) {
        Optional<PinholeErrorCode> known = PinholeErrorCode.of(e.code());
        Refusal reason = known.map(PinholeErrorCode::refusal)
                .orElse(UpnpErrorCode.of(e.code()).map(UpnpErrorCode::refusal).orElse(Refusal.ROUTER_FAILED));
        return new PinholeException(e.action(), e.code(), reason, e.technical(), e.getMessage());
    }

    public String action() {
        return action;
    }

    public int code() {
        return code;
    }

    public Optional<PinholeErrorCode> known() {
        return PinholeErrorCode.of(code);
    }

    public boolean is(PinholeErrorCode expected) {
        return code == expected.code();
    }
}
