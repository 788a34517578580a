package net.portforward.engine.upnp;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.model.DeviceDescription;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.net.Dom;
import net.portforward.engine.net.GatewayAddressPolicy;
import net.portforward.engine.net.SafeXml;
import net.portforward.engine.net.Text;
import org.w3c.dom.Element;

/** Reads a root device description (UPnP Device Architecture 1.0/1.1) into a {@link DeviceDescription}. */
public final class DescriptionParser {
    /** What was parsed, and what was ignored on the way (a service with a URL we refuse). */
    public record Result(DeviceDescription description, List<String> warnings) {
    }

    private DescriptionParser() {
    }

    public static Result parse(byte[] body, URI location, GatewayAddressPolicy policy) throws RouterProtocolException {
        Element root = SafeXml.parse(body).getDocumentElement();
        if (!"root".equals(Dom.localName(root))) {
            throw new RouterProtocolException("The router's description is not a UPnP device description.");
        }
        Element device = Dom.child(root, "device").orElseThrow(
                () -> new RouterProtocolException("The router's description lists no device."));
        List<String> warnings = new ArrayList<>();
        URI base = location;
        String urlBase = Dom.childText(root, "URLBase");
        if (!urlBase.isEmpty()) {
            try {
                base = policy.resolve(location, urlBase, "URLBase");
            } catch (RouterProtocolException e) {
                warnings.add(e.getMessage());
            }
        }
        List<ServiceRef> services = new ArrayList<>();
        collectServices(device, "", base, policy, services, warnings, 0);
        String deviceType = Dom.childText(device, "deviceType");
        DeviceDescription description = new DeviceDescription(
                location,
                Text.clean(deviceType),
                igdVersion(deviceType),
                field(device, "friendlyName"),
                field(device, "manufacturer"),
                field(device, "manufacturerURL"),
                field(device, "modelName"),
                field(device, "modelNumber"),
                field(device, "modelDescription"),
                field(device, "modelURL"),
                field(device, "serialNumber"),
                field(device, "UDN"),
                field(device, "UPC"),
                field(device, "presentationURL"),
                services);
        return new Result(description, warnings);
    }

    private static String field(Element device, String name) {
        return Text.clean(Dom.childText(device, name));
    }

    /** Devices nest through deviceList; MikroTik has two WANDevices, so every branch is walked. */
    private static void collectServices(Element device, String parentUdn, URI base, GatewayAddressPolicy policy, List<ServiceRef> out,
            List<String> warnings, int depth) {
        if (depth > 8) {
            warnings.add("The description nests devices deeper than 8 levels; the rest was ignored.");
            return;
        }
        String udn = Text.clean(Dom.childText(device, "UDN"));
        Dom.child(device, "serviceList").ifPresent(list -> {
            for (Element service : Dom.children(list, "service")) {
                String type = Text.clean(Dom.childText(service, "serviceType"));
                try {
                    out.add(new ServiceRef(
                            type,
                            Text.clean(Dom.childText(service, "serviceId")),
                            policy.resolve(base, Dom.childText(service, "controlURL"), "controlURL"),
                            optionalUrl(policy, base, Dom.childText(service, "eventSubURL"), "eventSubURL"),
                            optionalUrl(policy, base, Dom.childText(service, "SCPDURL"), "SCPDURL"),
                            udn,
                            parentUdn));
                } catch (RouterProtocolException e) {
                    warnings.add(type + ": " + e.getMessage());
                }
            }
        });
        Dom.child(device, "deviceList").ifPresent(list -> {
            for (Element sub : Dom.children(list, "device")) {
                collectServices(sub, udn, base, policy, out, warnings, depth + 1);
            }
        });
    }

    private static URI optionalUrl(GatewayAddressPolicy policy, URI base, String ref, String what)
            throws RouterProtocolException {
        return ref.isBlank() ? null : policy.resolve(base, ref, what);
    }

    /** 1 or 2; the TR-064 root "urn:dslforum-org:device:InternetGatewayDevice:1" (Huawei HG531 V1) is an IGD:1. */
    static int igdVersion(String deviceType) {
        String t = deviceType.trim();
        if (t.startsWith("urn:schemas-upnp-org:device:InternetGatewayDevice:")
                || t.startsWith("urn:dslforum-org:device:InternetGatewayDevice:")) {
            return t.endsWith(":2") ? 2 : 1;
        }
        return 0;
    }
}
