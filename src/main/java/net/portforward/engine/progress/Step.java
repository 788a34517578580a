package net.portforward.engine.progress;

import net.portforward.engine.error.Phrase;

/** What a slow engine call is doing, for a progress line: the values are what it works on. */
public enum Step implements Phrase {
    /** {0} the network interface */
    SEARCHING,
    /** {0} the description's URL */
    READING_ROUTER,
    /** {0} how many services */
    FOUND_SERVICES,
    READING_DESCRIPTION,
    MASKING_REPORT,
    READING_STATUS,
    READING_LINK,
    DONE,
    CHECKING_TABLE,
    READING_TABLE,
    /** {0} how many mappings so far */
    READ_MAPPINGS,
    /** {0} the mapping key */
    CHECKING_FREE,
    /** {0} the mapping */
    ADDING,
    ADDED,
    /** {0} the protocol, {1} the internal client, {2} the internal port */
    ASKING_FREE_PORT,
    /** {0} the key or the mapping */
    DELETING,
    ADDING_AGAIN,
    REPAIRED,
    DELETED,
    CHANGING_IN_PLACE,
    CHANGED,
    REPLACING,
    ENABLING,
    DISABLING,
    LOOKING_OVER_IPV6,
    ASKING_PCP_OVER_IPV6,
    /** One of several runs: {0} which, {1} of how many, {2} what it is about, {3} its own step */
    PART;

    @Override
    public String key() {
        return "step." + name();
    }
}
