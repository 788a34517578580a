package net.portforward.engine.watch;

import net.portforward.engine.error.Phrase;

/** What a watch on the router tells: the changes it saw, how it learns of them, and why. */
public enum WatchFact implements Phrase {
    /** {0} the mapping, {1} its description (may be empty) */
    ADDED,
    ADDED_NAMED,
    /** {0} the key, {1} its description */
    REMOVED,
    REMOVED_NAMED,
    /** {0} the key, {1} what changed (a list of the four below) */
    CHANGED,
    /** {0} the target now, {1} before */
    NOW_TO,
    ENABLED,
    DISABLED,
    /** {0} the description now, {1} before */
    DESCRIPTION,
    OPEN_TO_EVERY_HOST,
    /** {0} the remote host */
    ONLY_FOR,
    /** {0} before, {1} after ("" for none) */
    EXTERNAL_ADDRESS,
    NO_ADDRESS,
    /** {0} before, {1} after: connection states */
    CONNECTION,
    /** {0} how many mappings are gone, {1} how we know */
    RESTARTED,
    /** How we know it restarted. {0} the uptime before, {1} after */
    UPTIME_WENT_BACK,
    FORGOT_US,
    ANNOUNCED_START,
    EPOCH_RESET,
    /** Why the watch reads the router instead of hearing its events. {0} how long it waited */
    NO_FIRST_EVENT,
    LISTENING_OFF,
    NO_EVENTS,
    /** {0} the system's error */
    NO_EVENT_PORT,
    /** {0} what went wrong */
    SUBSCRIPTION_FAILED,
    /** {0} the HTTP status */
    SUBSCRIBE_REFUSED,
    NO_SID,
    SUBSCRIPTION_FORGOTTEN,
    /** {0} the HTTP status */
    RENEWAL_REFUSED;

    @Override
    public String key() {
        return "watch." + name();
    }
}
