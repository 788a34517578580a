package net.portforward.engine.model;

import java.net.URI;
import java.util.List;

/**
 * What a router says about itself in its root device description. Text fields are as the router
 * sent them after sanitizing (never null; empty when absent).
 *
 * @param location the description URL it was read from
 * @param igdVersion 1 or 2, from the root device type (0 when the root is not an IGD)
 * @param services every service of every device in the tree, in document order
 */
public record DeviceDescription(
        URI location,
        String deviceType,
        int igdVersion,
        String friendlyName,
        String manufacturer,
        String manufacturerUrl,
        String modelName,
        String modelNumber,
        String modelDescription,
        String modelUrl,
        String serialNumber,
        String udn,
        String upc,
        String presentationUrl,
        List<ServiceRef> services) {

    public DeviceDescription {
        services = List.copyOf(services);
    }

    /** The WAN connection services we can manage mappings through, in document order. */
    public List<ServiceRef> wanConnectionServices() {
        return services.stream().filter(ServiceRef::isWanConnection).toList();
    }
}
