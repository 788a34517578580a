package net.portforward.engine.error;

/**
 * Why a router refused a request, whatever protocol it speaks: UPnP error codes, PCP result codes
 * (RFC 6887 section 7.4) and NAT-PMP result codes (RFC 6886 section 3.5) map onto these, so no
 * caller needs to know the protocol to react or to explain.
 */
public enum Refusal {
    /** The router's settings forbid this port or this computer (UPnP 606, PCP 2, NAT-PMP 2). */
    NOT_AUTHORIZED,
    /** Another computer holds the external port (UPnP 718). */
    PORT_TAKEN,
    /** The router's table is full or it is out of ports (UPnP 728, PCP 8 and 10, NAT-PMP 4). */
    TABLE_FULL,
    /** Only permanent mappings (UPnP 725). */
    PERMANENT_ONLY,
    /** Internal and external port must be equal (UPnP 724). */
    SAME_PORT_REQUIRED,
    /** A specific remote host is not accepted (UPnP 715, 726). */
    REMOTE_HOST_NOT_SUPPORTED,
    /** The router does not let clients choose the external port (UPnP 716, 727; PCP 11). */
    EXTERNAL_PORT_FIXED,
    /** A rule made on the router by other means holds the port (UPnP 729). */
    CONFLICTS_WITH_ROUTER_RULE,
    /** The router itself sits behind another NAT (PCP 12 ADDRESS_MISMATCH). */
    BEHIND_ANOTHER_NAT,
    /** The router has no working internet connection now (PCP 7, NAT-PMP 3). */
    NO_INTERNET,
    /** The router does not offer this request (UPnP 401, PCP 4 and 5, NAT-PMP 5). */
    UNSUPPORTED_REQUEST,
    /** The router speaks another version of the protocol (PCP 1, NAT-PMP 1). */
    UNSUPPORTED_VERSION,
    /** The router maps only some transport protocols (PCP 9). */
    UNSUPPORTED_PROTOCOL,
    /** The router rejected the request's values (UPnP 402, 732; PCP 3 and 6). */
    BAD_REQUEST,
    /** The router has no such mapping (UPnP 713, 714, 730). */
    NO_SUCH_MAPPING,
    /** The router failed to carry the request out (UPnP 501, 899, others). */
    ROUTER_FAILED,
    /**
     * The router's IPv6 firewall is off (WANIPv6FirewallControl 702): every port of this computer
     * is open to the internet already, so there is nothing to open.
     */
    FIREWALL_OFF,
    /** The router's settings forbid opening pinholes in its IPv6 firewall (WANIPv6FirewallControl 703). */
    PINHOLES_NOT_ALLOWED
}
