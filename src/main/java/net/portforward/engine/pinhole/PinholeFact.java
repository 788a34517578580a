package net.portforward.engine.pinhole;

import net.portforward.engine.error.Phrase;

/** What the engine tells about the router's IPv6 firewall: why pinholes cannot be opened through one way or another. */
public enum PinholeFact implements Phrase {
    NOT_THROUGH_UPNP,
    NO_FIREWALL_SERVICE,
    /** {0} milliseconds waited */
    NO_IPV6_SEARCH_ANSWER,
    /** {0} what the router answered */
    PCP_ERROR,
    /** {0} the router's address */
    NO_PCP_ANSWER,
    NO_LINK,
    /** {0} the address searched, {1} the system's error */
    SEARCH_NOT_SENT_TO,
    /** {0} the system's error */
    SEARCH_NOT_SENT,
    /** {0} the address that answered, {1} what was wrong */
    ANSWER_UNREADABLE,
    /** {0} the address that answered, {1} the device it answered for */
    ANSWER_OTHER_DEVICE,
    /** {0} the address that answered */
    ANSWER_UNCALLABLE,
    /** {0} the router's HTTP status */
    DESCRIPTION_STATUS,
    /** {0} the description's URL, {1} the device it belongs to */
    DESCRIPTION_OTHER_DEVICE,
    /** {0} the pinhole */
    OPENED_OVER_PCP,
    OPENED_OVER_UPNP,
    /** {0} the key */
    NOT_OPENED_BY_US,
    /** {0} the id the router gave */
    ID_OUT_OF_RANGE,
    /** {0} the pinhole, {1} its lease */
    RENEWED,
    /** {0} the pinhole */
    REOPENED,
    REOPENED_LOST,
    /** {0} the pinhole, {1} the address it had */
    REOPENED_NEW_ADDRESS;

    @Override
    public String key() {
        return "pinhole." + name();
    }
}
