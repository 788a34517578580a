package net.portforward.engine.model;

/**
 * GetStatusInfo's NewConnectionStatus, with anything unexpected kept as {@link #UNKNOWN}. BBox
 * routers answer "Up" for connected (miniupnp #147); Tailscale takes it as connected too.
 */
public enum ConnectionStatus {
    CONNECTED, CONNECTING, DISCONNECTED, DISCONNECTING, PENDING_DISCONNECT, UNCONFIGURED, UNKNOWN;

    public static ConnectionStatus parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        return switch (text.trim()) {
            case "Connected", "Up" -> CONNECTED;
            case "Connecting" -> CONNECTING;
            case "Disconnected" -> DISCONNECTED;
            case "Disconnecting" -> DISCONNECTING;
            case "PendingDisconnect" -> PENDING_DISCONNECT;
            case "Unconfigured" -> UNCONFIGURED;
            default -> UNKNOWN;
        };
    }

    /** The UPnP spelling, "Connected". */
    public String upnpName() {
        return switch (this) {
            case CONNECTED -> "Connected";
            case CONNECTING -> "Connecting";
            case DISCONNECTED -> "Disconnected";
            case DISCONNECTING -> "Disconnecting";
            case PENDING_DISCONNECT -> "PendingDisconnect";
            case UNCONFIGURED -> "Unconfigured";
            case UNKNOWN -> "Unknown";
        };
    }
}
