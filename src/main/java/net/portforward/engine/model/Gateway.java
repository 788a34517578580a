package net.portforward.engine.model;

import java.net.InetAddress;

/**
 * One WAN connection service of one router: what the app manages mappings through. A router with
 * two WAN services (MikroTik) is two gateways.
 *
 * @param address the router's LAN address, the only host the engine will call for it
 * @param localAddress this computer's address on the way to the router: the default
 *     InternalClient (taken from the socket that reaches the router, never guessed from the
 *     interface list: virtual NICs fool that, PortMapper #100)
 */
public record Gateway(
        DeviceDescription device, ServiceRef service, InetAddress address, InetAddress localAddress, RouterStatus status) {

    public String displayName() {
        String name = device.friendlyName().isEmpty() ? device.modelName() : device.friendlyName();
        return (name.isEmpty() ? address.getHostAddress() : name) + " (" + service.shortType() + ")";
    }
}
