package net.portforward.lab;

/** Which router the lab's miniupnpd plays (facts from /work/shared/LAB.md). */
public enum LabVariant {
    /** Stock miniupnpd 2.3.1: InternetGatewayDevice:2 / WANIPConnection:2, public WAN address. */
    IGD2_PUBLIC("25.77.0", true, false),
    /** Same router forced to the IGD:1 description ({@code force_igd_desc_v1=yes}). */
    IGD1_PUBLIC("25.77.0", true, true),
    /**
     * Router behind carrier-grade NAT: its WAN address is in 100.64/10. miniupnpd then logs
     * "Port forwarding is impossible", GetExternalIPAddress answers empty and AddPortMapping 501.
     * No {@code ext_ip=} line: a reserved ext_ip makes miniupnpd exit at start.
     */
    CGNAT("100.64.77", false, false);

    private final String wanPrefix;
    private final boolean declaresExtIp;
    private final boolean forceIgdV1;

    LabVariant(String wanPrefix, boolean declaresExtIp, boolean forceIgdV1) {
        this.wanPrefix = wanPrefix;
        this.declaresExtIp = declaresExtIp;
        this.forceIgdV1 = forceIgdV1;
    }

    /** The router's own WAN address (gwwan in the gateway namespace). */
    public String routerWanAddress() {
        return wanPrefix + ".2";
    }

    /** The "internet" host's address (wan0 in the WAN namespace). */
    public String wanHostAddress() {
        return wanPrefix + ".1";
    }

    /** The external address a client should see, or "" where the router reports none (CGNAT). */
    public String expectedExternalAddress() {
        return declaresExtIp ? routerWanAddress() : "";
    }

    public boolean declaresExtIp() {
        return declaresExtIp;
    }

    public boolean forceIgdV1() {
        return forceIgdV1;
    }

    /** 2 or 1: the WANIPConnection service version the description announces. */
    public int igdVersion() {
        return forceIgdV1 ? 1 : 2;
    }
}
