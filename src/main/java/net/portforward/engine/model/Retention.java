package net.portforward.engine.model;

/**
 * How long the user wants a mapping PortForward adds to last. Applications are asked to keep a
 * record of their mappings so they can clean up after a crash (the Windows NAT traversal paper
 * behind the original PortForward); this is the user's half of that record.
 */
public enum Retention {
    /** Kept: checked at each launch and put back after a router reboot. */
    KEEP,
    /** Only while this PortForward runs: removed when it closes, offered for removal after a crash. */
    FOR_NOW
}
