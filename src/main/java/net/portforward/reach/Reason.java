package net.portforward.reach;

import net.portforward.engine.error.Phrase;

/** Why a port is, or most likely is not, reachable from the internet: the verdict in one word, with its explanation in the shared words. */
public enum Reason implements Phrase {
    REACHABLE,
    NO_MAPPING,
    MAPPING_TO_OTHER_COMPUTER,
    SERVER_NOT_RUNNING,
    DOUBLE_NAT,
    LOCAL_FIREWALL,
    ALL_PROXIES_DOWN,
    NO_CHECKER,
    UDP_IN_USE;

    /** Its explanation for people: "Reachable from the internet.", "The router has no forward for this port…". */
    @Override
    public String key() {
        return "reach.reason." + name();
    }
}
