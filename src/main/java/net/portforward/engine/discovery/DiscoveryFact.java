package net.portforward.engine.discovery;

import net.portforward.engine.error.Phrase;

/** What a search for the router tells: why it found none, and what went wrong on the way. */
public enum DiscoveryFact implements Phrase {
    /** Why no router is used (see {@link NoGatewayException.Reason}); the values follow each one. */
    NO_NETWORK,
    /** {0} the protocols (a OneOf), {1} the interface, {2} seconds waited */
    NOTHING_ANSWERED,
    /** {0} the interface */
    NOTHING_USABLE,
    /** {0} the gateway, {1} the protocols, {2} seconds waited */
    GATEWAY_SILENT,
    /** The same, {3} how many other devices offer forwarding, {4} them, by name and address */
    GATEWAY_SILENT_OTHERS,
    /** Nothing to say beyond the problems. */
    NOTHING,
    /** {0} a device's name, {1} its address */
    DEVICE_AT,
    /** {0} what the gateway lacks (a fact), {1} the other protocols it did not answer */
    NOT_EITHER,
    /** {0} the devices that answered and where ("address (URL)"), {1} the gateway */
    ANSWERED_INSTEAD,
    /** {0} an address, {1} its description's URL */
    ANSWER_FROM,
    /** {0} a device's name (a fact), {1} its address */
    NO_MAPPING_SERVICE,
    /** A device's name: none, its maker only, or its own name ({0}) with its model ({1}) and maker ({2}). */
    DEVICE_UNNAMED,
    DEVICE_BY_MAKER,
    DEVICE_NAMED,
    DEVICE_NAMED_MODEL,
    DEVICE_NAMED_BY,
    DEVICE_NAMED_MODEL_BY,
    /** {0} the local address, {1} the system's error */
    SOCKET_FAILED,
    /** {0} how many */
    TOO_MANY_ANSWERS,
    /** {0} the device's address, {1} what went wrong with it */
    PROBLEM_AT,
    /** {0} the name asked for, {1} the interfaces there are */
    NO_SUCH_INTERFACE,
    /** {0} the name */
    INTERFACE_DOWN,
    /** {0} the system's error */
    INTERFACES_UNREADABLE,
    /** {0} the router's address */
    NO_ROUTE,
    /** {0} the router's address, {1} the system's error */
    NO_ROUTE_ERROR;

    @Override
    public String key() {
        return "discovery." + name();
    }
}
