package net.portforward.engine.error;

/**
 * What went wrong talking to a router, whatever the protocol: it did not answer, the connection
 * broke, or its answer could not be used. The values name the router (its address and port), the
 * request and what came back.
 */
public enum RouterTrouble implements Phrase {
    /** {0} host, {1} port */
    REFUSED_CONNECTION,
    /** {0} host, {1} port */
    NO_ANSWER_IN_TIME,
    /** {0} host, {1} the system's error */
    CONNECTION_BROKE,
    /** {0} host */
    CLOSED_WITHOUT_ANSWER,
    /** {0} host */
    CLOSED_MID_ANSWER,
    /** {0} host, {1} the error */
    UNREADABLE,
    /** {0} host, {1} KB */
    ANSWER_TOO_LARGE,
    /** {0} host */
    NOT_HTTP,
    /** {0} host */
    STATUS_NOT_A_NUMBER,
    /** {0} host, {1} KB */
    HEADERS_TOO_LARGE,
    /** {0} host */
    LENGTH_NOT_A_NUMBER,
    /** {0} host */
    BROKEN_CHUNKS,
    /** {0} host, {1} KB */
    LINE_TOO_LONG,
    /** {0} the URL */
    URL_WITHOUT_HOST,
    /** {0} the URL as sent */
    UNREADABLE_URL,
    /** {0} which URL (controlURL…), {1} the URL, {2} why: a {@link Phrase} */
    IGNORED_URL,
    /** Why a URL was ignored. */
    URL_NOT_HTTP,
    URL_WITH_USER,
    URL_NAMES_HOST,
    /** {0} the host it names, {1} the router's address */
    URL_ELSEWHERE,
    /** The XML was refused: a DOCTYPE. */
    XML_DOCTYPE,
    XML_NOT_WELL_FORMED,
    /** {0} the line */
    XML_NOT_WELL_FORMED_AT,
    /** {0} how many levels */
    XML_TOO_DEEP,
    /** {0} the action, {1} the HTTP status */
    SOAP_STATUS_NO_BODY,
    SOAP_STATUS,
    /** {0} the action */
    SOAP_NO_BODY,
    SOAP_EMPTY,
    /** {0} the action, {1} the HTTP status */
    SOAP_FAULT_WITHOUT_CODE,
    /** {0} the router's address, {1} the HTTP status, {2} the description's URL */
    DESCRIPTION_STATUS,
    NOT_A_DEVICE_DESCRIPTION,
    NO_DEVICE,
    NOT_A_SERVICE_DESCRIPTION,
    NOT_SSDP,
    /** {0} the URL, {1} the router's address */
    PRESENTATION_ELSEWHERE,
    /** {0} the URL */
    PRESENTATION_NOT_HTTP,
    /** {0} the port as answered */
    ANY_PORT_UNUSABLE,
    NOT_A_PORT_MAPPING_LIST,
    /** {0} the URL */
    PRESENTATION_UNREADABLE,
    /** {0} how deep */
    DEVICES_TOO_DEEP,
    /** {0} the service type, {1} the failure */
    SERVICE_FAILURE,
    /** {0} a failure, as it is */
    FAILURE,
    /** {0} the forward */
    ADD_NOT_LISTED,
    /** {0} the field, {1} its value */
    NOT_YES_OR_NO,
    NOT_A_NUMBER,
    /** {0} the protocol (PCP, NAT-PMP), {1} the address, {2} the port, {3} ms waited, {4} requests sent */
    NO_PORT_CONTROL_ANSWER,
    /** The same, {5} the socket's error. */
    NO_PORT_CONTROL_ANSWER_ERROR;

    @Override
    public String key() {
        return "router." + name();
    }
}
