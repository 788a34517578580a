package net.portforward.engine.portcontrol;

/** Why a datagram that arrived while waiting for an answer was not taken as the answer. */
public enum DropReason {
    /**
     * From another address or port than the gateway's NAT-PMP/PCP port: any host on the LAN can
     * send datagrams to our port (RFC 6886 section 3.3: the client MUST check the source).
     */
    FOREIGN_SOURCE,
    /** Too short, too long, another version, the response bit missing, or fields that cannot be. */
    MALFORMED,
    /**
     * A well-formed answer to another question: another opcode, another mapping nonce, protocol or
     * internal port than the request.
     */
    NOT_OURS
}
