package net.portforward.engine.error;

import java.util.Arrays;
import java.util.Optional;

/** The UPnP error codes a port-mapping client meets (IGD:1 and IGD:2 specs, FIELD.md). */
public enum UpnpErrorCode {
    INVALID_ACTION(401, Refusal.UNSUPPORTED_REQUEST),
    INVALID_ARGS(402, Refusal.BAD_REQUEST),
    ACTION_FAILED(501, Refusal.ROUTER_FAILED),
    NOT_AUTHORIZED(606, Refusal.NOT_AUTHORIZED),
    ARRAY_INDEX_INVALID(713, Refusal.NO_SUCH_MAPPING),
    NO_SUCH_ENTRY(714, Refusal.NO_SUCH_MAPPING),
    WILDCARD_NOT_PERMITTED_IN_SRC_IP(715, Refusal.REMOTE_HOST_NOT_SUPPORTED),
    WILDCARD_NOT_PERMITTED_IN_EXT_PORT(716, Refusal.EXTERNAL_PORT_FIXED),
    CONFLICT_IN_MAPPING_ENTRY(718, Refusal.PORT_TAKEN),
    SAME_PORT_VALUES_REQUIRED(724, Refusal.SAME_PORT_REQUIRED),
    ONLY_PERMANENT_LEASES_SUPPORTED(725, Refusal.PERMANENT_ONLY),
    REMOTE_HOST_ONLY_SUPPORTS_WILDCARD(726, Refusal.REMOTE_HOST_NOT_SUPPORTED),
    EXTERNAL_PORT_ONLY_SUPPORTS_WILDCARD(727, Refusal.EXTERNAL_PORT_FIXED),
    NO_PORT_MAPS_AVAILABLE(728, Refusal.TABLE_FULL),
    CONFLICT_WITH_OTHER_MECHANISMS(729, Refusal.CONFLICTS_WITH_ROUTER_RULE),
    BAD_ARRAY_INDEX_RANGE(730, Refusal.NO_SUCH_MAPPING),
    WILDCARD_NOT_PERMITTED_IN_INT_PORT(732, Refusal.BAD_REQUEST),
    VENDOR_ERROR(899, Refusal.ROUTER_FAILED);

    private final int code;
    private final Refusal refusal;

    UpnpErrorCode(int code, Refusal refusal) {
        this.code = code;
        this.refusal = refusal;
    }

    /** What the code means whatever the protocol. */
    public Refusal refusal() {
        return refusal;
    }

    public int code() {
        return code;
    }

    public static Optional<UpnpErrorCode> of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }
}
