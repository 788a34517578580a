package net.portforward.engine.upnp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.model.DeviceDescription;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.net.Dom;
import net.portforward.engine.net.GatewayAddressPolicy;
import net.portforward.engine.net.SafeXml;
import net.portforward.engine.net.Text;
import org.w3c.dom.Element;

/** Reads a root device description (UPnP Device Architecture 1.0/1.1) into a {@link DeviceDescription}. */
public final class DescriptionParser {
    /** A URI scheme and its colon (RFC 3986 3.1), as in "javascript:" or "file:". */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

    /** What was parsed, and what was ignored on the way (a service with a URL we refuse). */
    public record Result(DeviceDescription description, List<Fact> warnings) {
    }

    private DescriptionParser() {
    }

    public static Result parse(byte[] body, URI location, GatewayAddressPolicy policy) throws RouterProtocolException {
        Element root = SafeXml.parse(body).getDocumentElement();
        if (!"root".equals(Dom.localName(root))) {
            throw new RouterProtocolException(RouterTrouble.NOT_A_DEVICE_DESCRIPTION.with());
        }
        Element device = Dom.child(root, "device").orElseThrow(
                () -> new RouterProtocolException(RouterTrouble.NO_DEVICE.with()));
        List<Fact> warnings = new ArrayList<>();
        URI base = location;
        String urlBase = Dom.childText(root, "URLBase");
        if (!urlBase.isEmpty()) {
            try {
                base = policy.resolve(location, urlBase, "URLBase");
            } catch (RouterProtocolException e) {
                warnings.add(RouterTrouble.FAILURE.with(e));
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
                presentationUrl(device, base, policy, warnings),
                services);
        return new Result(description, warnings);
    }

    /**
     * The router's admin page, pinned like the other URLs: http or https to the router's own
     * address, a relative one resolved against the description's base. Anything else (another host,
     * a DNS name, a user name, javascript:, file:) is dropped with a warning, here in the engine, so
     * "Open the router's admin page" and {@code info --json} can never send the user elsewhere.
     *
     * @return the URL, or "" when there is none or it was dropped
     */
    static String presentationUrl(Element device, URI base, GatewayAddressPolicy policy, List<Fact> warnings) {
        String ref = Dom.childText(device, "presentationURL").trim();
        if (ref.isEmpty()) {
            return "";
        }
        try {
            if (ref.regionMatches(true, 0, "https://", 0, 8)) {
                // The policy's calls are plain http only, but the browser may open an https page on
                // the router itself (pfSense 2.5.0 names https://192.168.1.1/, routers/ captures).
                URI uri = new URI(ref.replace(" ", "%20"));
                String host = uri.getHost();
                if (uri.getRawUserInfo() == null && host != null && GatewayAddressPolicy.isIpv4Literal(host)
                        && host.equals(policy.gateway().getHostAddress())) {
                    return uri.toString();
                }
                throw new RouterProtocolException(RouterTrouble.PRESENTATION_ELSEWHERE.with(Text.clean(ref, 120),
                        policy.gateway()));
            }
            if (SCHEME.matcher(ref).lookingAt() && !ref.regionMatches(true, 0, "http:", 0, 5)) {
                throw new RouterProtocolException(RouterTrouble.PRESENTATION_NOT_HTTP.with(Text.clean(ref, 120)));
            }
            return policy.resolve(base, ref, "presentationURL").toString();
        } catch (RouterProtocolException e) {
            warnings.add(RouterTrouble.FAILURE.with(e));
        } catch (URISyntaxException e) {
            warnings.add(RouterTrouble.PRESENTATION_UNREADABLE.with(Text.clean(ref, 120)));
        }
        return "";
    }

    private static String field(Element device, String name) {
        return Text.clean(Dom.childText(device, name));
    }

    /** Devices nest through deviceList; MikroTik has two WANDevices, so every branch is walked. */
    private static void collectServices(Element device, String parentUdn, URI base, GatewayAddressPolicy policy, List<ServiceRef> out,
            List<Fact> warnings, int depth) {
        if (depth > 8) {
            warnings.add(RouterTrouble.DEVICES_TOO_DEEP.with(8));
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
                    warnings.add(RouterTrouble.SERVICE_FAILURE.with(type, e));
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
