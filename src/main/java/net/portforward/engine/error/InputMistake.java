package net.portforward.engine.error;

/**
 * What is wrong with a value the user gave (a port, an address, a description, a lease, a router
 * URL): said before anything is sent to a router.
 */
public enum InputMistake implements Phrase {
    /** The names of ports in the sentences below. */
    EXTERNAL_PORT,
    INTERNAL_PORT,
    PORT,
    LISTEN_PORT,
    /** {0} which port, {1} the number */
    PORT_OUT_OF_RANGE,
    /** {0} which port, {1} the text typed */
    NOT_A_PORT,
    LEASE_RANGE,
    LEASE_WHOLE_SECONDS,
    CLIENT_REQUIRED,
    /** {0} the address */
    CLIENT_UNUSABLE,
    /** {0} the text typed */
    CLIENT_NOT_IPV4,
    /** {0} the most bytes routers keep, {1} how many this one takes */
    DESCRIPTION_TOO_LONG,
    DESCRIPTION_CONTROL,
    /** {0} the character */
    DESCRIPTION_CHARACTER,
    ROUTER_URL_WITH_PROTOCOL,
    ROUTER_URL_FORM,
    ROUTER_URL_IPV6,
    /** {0} the port in the URL */
    ROUTER_URL_PORT,
    /** {0} the host name */
    ROUTER_NAME_UNKNOWN,
    /** {0} the port */
    PINHOLE_PORT,
    PINHOLE_LEASE;

    @Override
    public String key() {
        return "input." + name();
    }
}
