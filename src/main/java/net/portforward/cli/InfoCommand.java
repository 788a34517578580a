package net.portforward.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.DeviceDescription;
import net.portforward.engine.model.LinkInfo;
import net.portforward.engine.model.RouterInfo;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.progress.Progress;

/** {@code info [--json]}: what the router is and how its internet connection stands. */
final class InfoCommand implements Command {
    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        ctx.args().expectPositional(0, "info [--json]");
        Router router = ctx.router();
        RouterInfo info = router.info(Progress.NONE);
        Map<String, Object> o = fields(info);
        if (ctx.args().flag("json")) {
            ctx.out().println(Json.write(o));
            return 0;
        }
        o.forEach((k, v) -> {
            if (!k.equals("natExplanation") && !k.equals("services") && v != null && !"".equals(v)) {
                ctx.out().printf("%-24s %s%n", k, v);
            }
        });
        ctx.out().println();
        ctx.out().println(info.gateway().status().natVerdict().explanation());
        return 0;
    }

    static Map<String, Object> fields(RouterInfo info) {
        DeviceDescription d = info.gateway().device();
        RouterStatus s = info.gateway().status();
        Map<String, Object> o = new LinkedHashMap<>();
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
        o.put("serviceType", info.gateway().service().serviceType());
        o.put("localAddress", info.gateway().localAddress().getHostAddress());
        o.put("externalIp", s.externalIpText());
        o.put("connectionStatus", s.connectionStatus().upnpName());
        o.put("uptimeSeconds", s.uptime() == null ? null : s.uptime().toSeconds());
        o.put("lastConnectionError", s.lastConnectionError());
        o.put("connectionType", info.connectionType());
        o.put("possibleConnectionTypes", info.possibleConnectionTypes());
        o.put("doubleNat", s.doubleNat());
        o.put("natVerdict", s.natVerdict().name());
        o.put("natExplanation", s.natVerdict().explanation());
        LinkInfo link = info.link();
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
        o.put("services", d.services().stream().map(ServiceRef::shortType).toList());
        return o;
    }
}
