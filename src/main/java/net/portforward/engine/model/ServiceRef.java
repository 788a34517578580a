package net.portforward.engine.model;

import java.net.URI;

/**
 * One service in a device description, with its URLs already resolved and checked.
 *
 * @param deviceUdn the UDN of the (sub)device that holds it: MikroTik lists two WANDevices
 * @param parentUdn the UDN of that device's parent: a WANConnectionDevice's WANDevice, which
 *     holds the WANCommonInterfaceConfig for that connection ("" for the root device)
 */
public record ServiceRef(
        String serviceType, String serviceId, URI controlUrl, URI eventSubUrl, URI scpdUrl, String deviceUdn,
        String parentUdn) {

    public static final String WAN_IP_1 = "urn:schemas-upnp-org:service:WANIPConnection:1";
    public static final String WAN_IP_2 = "urn:schemas-upnp-org:service:WANIPConnection:2";
    public static final String WAN_PPP_1 = "urn:schemas-upnp-org:service:WANPPPConnection:1";
    public static final String WAN_COMMON_IFC_1 = "urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1";
    /**
     * The DSL Forum's TR-064 names for the same services, with the same actions: Huawei routers
     * offer only these (tailscale #6320 and #10911, net/portmapper/legacy_upnp.go).
     */
    public static final String LEGACY_WAN_IP_1 = "urn:dslforum-org:service:WANIPConnection:1";
    public static final String LEGACY_WAN_PPP_1 = "urn:dslforum-org:service:WANPPPConnection:1";
    private static final String UPNP_SERVICE = "urn:schemas-upnp-org:service:";
    private static final String LEGACY_SERVICE = "urn:dslforum-org:service:";

    /**
     * WANIPConnection:1/:2 and WANPPPConnection:1. The Orange Livebox declares
     * "WANPPPConnection:2", a version the UPnP Forum never defined, for a service that is really
     * WANIPConnection:2 (routers/sagemcom-orange-livebox-rootdesc.xml): we accept it as well. So
     * are the TR-064 names Huawei routers use ({@link #LEGACY_WAN_IP_1}, {@link #LEGACY_WAN_PPP_1}).
     */
    public boolean isWanConnection() {
        for (String prefix : new String[] {UPNP_SERVICE, LEGACY_SERVICE}) {
            if (serviceType.startsWith(prefix + "WANIPConnection:") || serviceType.startsWith(prefix + "WANPPPConnection:")) {
                return true;
            }
        }
        return false;
    }

    /** A WANCommonInterfaceConfig, under the UPnP Forum's name or TR-064's (Huawei). */
    public boolean isCommonInterfaceConfig() {
        return serviceType.startsWith(UPNP_SERVICE + "WANCommonInterfaceConfig:")
                || serviceType.startsWith(LEGACY_SERVICE + "WANCommonInterfaceConfig:");
    }

    /** IGD:2 services offer GetListOfPortMappings and AddAnyPortMapping. */
    public int version() {
        int colon = serviceType.lastIndexOf(':');
        try {
            return Integer.parseInt(serviceType.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** "WANIPConnection:2", for people. */
    public String shortType() {
        int at = serviceType.indexOf(":service:");
        return at < 0 ? serviceType : serviceType.substring(at + ":service:".length());
    }
}
