package net.portforward.engine.model;

/**
 * A UPnP IGD's WAN connection service: the device it belongs to and the service's URLs. A router
 * with two WAN services (MikroTik) is two of these.
 */
public record UpnpService(DeviceDescription device, ServiceRef service) implements MappingService {
    @Override
    public MappingProtocol protocol() {
        return MappingProtocol.UPNP;
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.UPNP;
    }
}
