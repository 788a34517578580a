package net.portforward.engine.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the engine reads about a gateway for the "More information" view and {@code info}.
 *
 * @param link WANCommonInterfaceConfig link properties and counters, or {@code null} where the
 *     router does not offer that service
 */
public record RouterInfo(Gateway gateway, String connectionType, String possibleConnectionTypes, LinkInfo link) {
    /**
     * Every field by a stable camelCase name, in reading order: what {@code info --json} prints
     * and the "More information" dialog lists. Unknown numbers are null.
     */
    public Map<String, Object> fields() {
        Gateway g = gateway;
        RouterStatus s = g.status();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("protocol", g.protocol().key());
        o.put("address", g.address().getHostAddress());
        o.put("defaultGateway", g.defaultGateway());
        g.upnp().ifPresent(u -> {
            DeviceDescription d = u.device();
            o.put("friendlyName", d.friendlyName());
            o.put("manufacturer", d.manufacturer());
            o.put("manufacturerUrl", d.manufacturerUrl());
            o.put("modelName", d.modelName());
            o.put("modelNumber", d.modelNumber());
            o.put("modelDescription", d.modelDescription());
            o.put("modelUrl", d.modelUrl());
            o.put("serialNumber", d.serialNumber());
            o.put("udn", d.udn());
            o.put("upc", d.upc());
            o.put("presentationUrl", d.presentationUrl());
            o.put("deviceType", d.deviceType());
            o.put("igdVersion", d.igdVersion());
            o.put("location", d.location().toString());
            o.put("serviceType", u.service().serviceType());
        });
        o.put("localAddress", g.localAddress().getHostAddress());
        o.put("externalIp", s.externalIpText());
        o.put("connectionStatus", s.connectionStatus().upnpName());
        o.put("uptimeSeconds", s.uptime() == null ? null : s.uptime().toSeconds());
        o.put("lastConnectionError", s.lastConnectionError());
        if (g.upnp().isPresent()) {
            o.put("connectionType", connectionType);
            o.put("possibleConnectionTypes", possibleConnectionTypes);
        }
        o.put("doubleNat", s.doubleNat());
        o.put("natVerdict", s.natVerdict().name());
        LinkInfo link = this.link;
        if (link != null) {
            o.put("wanAccessType", link.accessType());
            o.put("physicalLinkStatus", link.physicalLinkStatus());
            o.put("upstreamMaxBitRate", link.upstreamMaxBitRate() < 0 ? null : link.upstreamMaxBitRate());
            o.put("downstreamMaxBitRate", link.downstreamMaxBitRate() < 0 ? null : link.downstreamMaxBitRate());
            o.put("bytesSent", link.bytesSent() < 0 ? null : link.bytesSent());
            o.put("bytesReceived", link.bytesReceived() < 0 ? null : link.bytesReceived());
            o.put("packetsSent", link.packetsSent() < 0 ? null : link.packetsSent());
            o.put("packetsReceived", link.packetsReceived() < 0 ? null : link.packetsReceived());
        }
        g.upnp().ifPresent(u -> o.put("services", u.device().services().stream().map(ServiceRef::shortType).toList()));
        return o;
    }
}
