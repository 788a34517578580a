package net.portforward.engine.pinhole;

/**
 * GetFirewallStatus: whether the router's IPv6 firewall is on, and whether it lets control points
 * open pinholes in it. A firewall that is off needs no pinhole (everything is open already).
 */
public record FirewallStatus(boolean enabled, boolean inboundPinholeAllowed) {
    /** Whether a pinhole would change anything and be allowed. */
    public boolean pinholesPossible() {
        return enabled && inboundPinholeAllowed;
    }
}
