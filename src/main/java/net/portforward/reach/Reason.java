package net.portforward.reach;

/** Why a port is, or most likely is not, reachable from the internet: the verdict in one word. */
public enum Reason {
    REACHABLE("Reachable from the internet."),
    NO_MAPPING("The router has no forward for this port, so the internet cannot reach it."),
    MAPPING_TO_OTHER_COMPUTER("The port leads to another device, not to this computer."),
    SERVER_NOT_RUNNING("Nothing on this computer answers on the port the forward leads to."),
    DOUBLE_NAT("The router sits behind another router or your provider's carrier-grade NAT (double NAT):"
            + " its forwards do not reach the internet."),
    LOCAL_FIREWALL("The forward exists and this computer answers, but nothing from outside gets through:"
            + " most likely a firewall on this computer (or on the router) blocks it."),
    ALL_PROXIES_DOWN("Every reachability checker failed, so PortForward cannot tell."),
    NO_CHECKER("No checker in [proxies] tests automatically; open the checker page in the browser."),
    UDP_IN_USE("A program uses this UDP port, so PortForward cannot answer the checker on it, and UDP has no"
            + " connection a checker could see accepted: only that program can test it.");

    private final String explanation;

    Reason(String explanation) {
        this.explanation = explanation;
    }

    /** Plain words for people. */
    public String explanation() {
        return explanation;
    }
}
