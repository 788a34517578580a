package net.portforward.engine.model;

import java.net.InetAddress;
import java.util.Optional;

/**
 * One way to one router's port forwarding: a UPnP WAN connection service, PCP or NAT-PMP. A router
 * that speaks several is several gateways; discovery ranks them.
 *
 * @param access the protocol and what it needs to be called
 * @param address the router's LAN address, the only host the engine will call for it
 * @param localAddress this computer's address on the way to the router: the default
 *     InternalClient (taken from the socket that reaches the router, never guessed from the
 *     interface list: virtual NICs fool that, PortMapper #100)
 * @param defaultGateway whether {@code address} is this computer's default gateway. Any LAN host
 *     can answer a search and play a router (a compromised device, a guest's laptop running
 *     miniupnpd), so one that is not the default gateway is used only when the user picks it.
 */
public record Gateway(MappingService access, InetAddress address, InetAddress localAddress, RouterStatus status,
        boolean defaultGateway) {

    public MappingProtocol protocol() {
        return access.protocol();
    }

    public Capabilities capabilities() {
        return access.capabilities();
    }

    /** The UPnP device and service, for a UPnP gateway. */
    public Optional<UpnpService> upnp() {
        return access instanceof UpnpService u ? Optional.of(u) : Optional.empty();
    }

    /**
     * The router's own name for itself (UPnP's friendly name, else its model), or "" where the
     * protocol tells none (PCP, NAT-PMP).
     */
    public String name() {
        return upnp().map(u -> u.device().friendlyName().isEmpty() ? u.device().modelName() : u.device().friendlyName())
                .orElse("");
    }

    /**
     * What the app's records (held mappings, the ledger) file this gateway under. For UPnP the
     * serviceId alone is not enough: MikroTik's two WAN services are both "WANIPConn1"; their
     * devices and control URLs differ. PCP and NAT-PMP have one table per gateway address.
     */
    public String recordId() {
        if (upnp().isEmpty()) {
            return protocol().key() + "|" + address.getHostAddress();
        }
        UpnpService u = upnp().get();
        java.net.URI control = u.service().controlUrl();
        String root = u.device().udn().isEmpty() ? u.device().location().toString() : u.device().udn();
        return root + "|" + u.service().deviceUdn() + "|" + u.service().serviceId() + "|" + control.getRawPath()
                + (control.getRawQuery() == null ? "" : "?" + control.getRawQuery());
    }

    /** The protocol by its technical name: "WANIPConnection:2" for UPnP, "PCP", "NAT-PMP". */
    public String serviceLabel() {
        return switch (protocol()) {
            case UPNP -> upnp().orElseThrow().service().shortType();
            case PCP -> "PCP";
            case NATPMP -> "NAT-PMP";
        };
    }

    /** "Lab Router (WANIPConnection:2)", "192.168.1.1 (PCP)": a label, not a sentence. */
    public String displayName() {
        String name = name();
        return (name.isEmpty() ? address.getHostAddress() : name) + " (" + serviceLabel() + ")";
    }

    /** The same gateway, told whether it is the default gateway. */
    public Gateway withDefaultGateway(boolean value) {
        return new Gateway(access, address, localAddress, status, value);
    }

    public Gateway withStatus(RouterStatus value) {
        return new Gateway(access, address, localAddress, value, defaultGateway);
    }
}
