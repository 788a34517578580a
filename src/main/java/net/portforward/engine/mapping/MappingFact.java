package net.portforward.engine.mapping;

import net.portforward.engine.error.Phrase;

/**
 * What the engine tells about a forward it adds, changes, enables or removes: refusals before
 * anything is sent, what a router did differently than asked, and notes on how a change was made.
 */
public enum MappingFact implements Phrase {
    /** {0} the key */
    NO_SUCH_MAPPING,
    NO_MAPPING_TO_EDIT,
    NO_MAPPING_TO_REPAIR,
    /** {0} the service (e.g. "PCP"), {1} the client asked for or {@link #ANOTHER_COMPUTER}, {2} this computer */
    ONLY_FOR_ASKING_COMPUTER,
    ANOTHER_COMPUTER,
    EDIT_KEEPS_KEY,
    /** {0} the key, {1} why its values cannot be sent back (a failure) */
    NOT_RESTORABLE,
    /** {0} the key */
    CLIENT_NOT_IPV4,
    /** {0} the key */
    STILL_LISTED_AFTER_DELETE,
    GONE_AFTER_CHANGE,
    /** {0} the key, {1} the mapping the router lists, {2} its description */
    CHANGED_DIFFERENTLY,
    /** {0} the key */
    GONE_AFTER_SWITCH,
    KEPT_DISABLED,
    /** {0} what failed (a failure), {1} the old mapping */
    PUT_BACK,
    /** {0} what failed, {1} why putting back failed, {2} the old mapping, {3} its description */
    PUT_BACK_FAILED,
    /** Notes. {0} the mapping replaced */
    REPLACED_OWN,
    /** {0} the key */
    DELETED_AND_ADDED,
    STAYS_DISABLED,
    ALREADY_DISABLED,
    ALREADY_ENABLED,
    ALREADY_BACK,
    /** {0} the mapping removed and kept */
    PARKED_IGNORES_FLAG,
    PARKED_NO_FLAG,
    /** {0} the port the router chose, {1} the mapping */
    ROUTER_CHOSE_PORT,
    /** {0} the mapping */
    PERMANENT_ONLY_NOTE,
    /** {0} the key, {1} days granted */
    SHORTER_LEASE,
    /** {0} the lease granted, {1} the lease asked */
    LEASE_GRANTED,
    /** {0} the port granted, {1} the port asked */
    OTHER_PORT_GRANTED,
    /** {0} the lease every forward gets */
    TIME_LIMIT,
    /** {0} the protocol (PCP, NAT-PMP), {1} the forward that leads there, {2} the internal port */
    ONE_PER_INTERNAL_PORT,
    /** {0} the key */
    NO_SUCH_MAPPING_OF_OURS,
    /** {0} the client the router lists now */
    NOW_FORWARDS_TO,
    /** Listing warnings. {0} the raw protocol */
    SKIPPED_PROTOCOL,
    /** The ports a listed entry has, named in warnings. */
    EXTERNAL_PORT,
    INTERNAL_PORT,
    /** {0} which port, {1} its value */
    IMPOSSIBLE_PORT,
    PORT_NOT_A_NUMBER,
    /** {0} the raw text */
    ODD_CLIENT,
    ODD_REMOTE_HOST,
    ODD_LEASE,
    /** {0} its length */
    DESCRIPTION_CUT,
    /** {0} the failure */
    BULK_FAILED,
    UNREADABLE_END,
    /** {0} how many */
    OUTSIDE_ENTRIES,
    /** {0} how many requests */
    ENDLESS_ANSWERS,
    /** {0} how long */
    LIST_TOO_SLOW,
    /** {0} how many entries */
    LIST_DID_NOT_END,
    NUMBERS_FROM_ONE,
    /** {0} the key */
    REPEATED_ENTRY,
    ANOTHER_DEVICE;

    @Override
    public String key() {
        return "mapping." + name();
    }
}
