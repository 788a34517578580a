package net.portforward.reach;

import net.portforward.engine.error.Phrase;

/**
 * What the reachability test tells: its steps, its verdicts with their specifics, and its notes.
 * In the verdicts, {0} is the port tested (e.g. "TCP 8080"), {1} the checker that decided and
 * {2} its answer time in milliseconds; the values after those follow each one.
 */
public enum ReachFact implements Phrase {
    /** Steps. */
    STEP_STATUS,
    /** {0} the key */
    STEP_LOOKING,
    /** {0} the temporary forward */
    STEP_ADDING_TEMPORARY,
    /** {0} the key */
    STEP_REMOVING_TEMPORARY,
    STEP_REPAIRING,
    /** {0} the checker, {1} the key */
    STEP_ASKING,
    /** Verdicts. */
    REACHABLE,
    REACHABLE_OTHER_PROGRAM,
    OTHER_DEVICE_ANSWERED,
    /** {3} the explanation of double NAT */
    DOUBLE_NAT,
    /** The same, {4} the address the checker saw, {5} the router's */
    DOUBLE_NAT_SEEN,
    NO_ROUTER,
    NO_FORWARD,
    /** {3} the port of this computer */
    NO_SERVER,
    FIREWALL,
    /** {0} the key, {1} where it leads (an address or another device), {2} this computer */
    TO_OTHER_COMPUTER,
    ANOTHER_DEVICE,
    /** {0} the UDP port, {1} the explanation */
    UDP_BUSY,
    /** {0} the key, {1} the device */
    DEVICE_UDP,
    /** {3} the device */
    DEVICE_REACHABLE,
    /** {3} the device, {4} its port */
    DEVICE_NO_SERVER,
    DEVICE_FIREWALL,
    /** {0} the protocol */
    NO_CHECKER_FOR,
    /** {0} the key, {1} what each checker answered */
    ALL_DOWN,
    /** {0} the verdict */
    STALE_FORWARD,
    /** Notes. {0} what went wrong */
    NOTE_STATUS_UNREADABLE,
    /** {0} the key, {1} what went wrong */
    NOTE_FORWARD_UNREADABLE,
    /** {0} the key, {1} the port it leads to, {2} the port the test answers on */
    NOTE_OTHER_PORT,
    /** {0} the forward */
    NOTE_ADDED,
    NOTE_ADDED_STAYS,
    /** {0} what went wrong */
    NOTE_ADD_FAILED,
    /** {0} the checker */
    NOTE_TCP_ONLY,
    /** {0} what the checkers answered */
    NOTE_FAILED_FIRST,
    /** {0} the checker, {1} what it said */
    NOTE_SAID,
    /** {0} the key */
    NOTE_REMOVED,
    /** {0} the key, {1} what went wrong, {2} when it expires */
    NOTE_NOT_REMOVED,
    /** {0} the key */
    NOTE_REPAIRED,
    /** {0} the key, {1} what went wrong */
    NOTE_NOT_REPAIRED,
    /** A checker that failed. {0} the checker, {1} the HTTP status */
    CHECKER_NOT_OURS,
    CHECKER_STATUS,
    /** The same, {2} what it said */
    CHECKER_STATUS_SAID,
    /** {0} the checker */
    CHECKER_NO_VERDICT,
    CHECKER_NOT_0_OR_1,
    /** {1} kilobytes */
    CHECKER_TOO_LARGE,
    /** {1} seconds */
    CHECKER_TIMEOUT,
    CHECKER_REFUSED,
    /** {1} the system's error */
    CHECKER_CONNECTION_FAILED,
    CHECKER_HTTPS_OVER_IPV6,
    CHECKER_NO_IPV6,
    CHECKER_UNKNOWN,
    /** What answers the checker could not start. {0} the port, {1} the address, {2} the system's error */
    WEB_PORT_BUSY,
    WEB_NOT_STARTED,
    UDP_PORT_BUSY,
    UDP_NOT_STARTED;

    @Override
    public String key() {
        return "reach." + name();
    }
}
