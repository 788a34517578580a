package net.portforward.engine.upnp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.ByteCounters;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.LinkInfo;
import net.portforward.engine.model.RouterInfo;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.model.UpnpService;
import net.portforward.engine.net.Text;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.progress.Step;

/** Everything a UPnP router tells about its connection: type, and WANCommonInterfaceConfig link values. */
final class UpnpInfo {
    private UpnpInfo() {
    }

    static RouterInfo read(Gateway fresh, UpnpService upnp, SoapClient soap, WanConnection wan, Progress p)
            throws PortForwardException {
        p.report(0.2, Step.READING_STATUS.with());
        String type = "";
        String possible = "";
        try {
            Map<String, String> t = wan.getConnectionTypeInfo(p);
            type = Text.clean(t.getOrDefault("NewConnectionType", ""));
            possible = Text.clean(t.getOrDefault("NewPossibleConnectionTypes", ""));
        } catch (CancelledException e) {
            throw e;
        } catch (PortForwardException ignored) {
            // optional action: many routers answer 401
        }
        p.report(0.6, Step.READING_LINK.with());
        LinkInfo link = linkInfo(upnp, soap, p);
        p.report(1, Step.DONE.with());
        return new RouterInfo(fresh, type, possible, link);
    }

    /**
     * Only the two byte counters, for a traffic graph that reads them every few seconds: two SOAP
     * calls rather than the six of {@link #read}. Empty when the router has no
     * WANCommonInterfaceConfig or does not answer either counter (many answer 401).
     */
    static Optional<ByteCounters> traffic(UpnpService upnp, SoapClient soap, Progress p) throws CancelledException {
        Optional<ServiceRef> common = commonConfig(upnp);
        if (common.isEmpty()) {
            return Optional.empty();
        }
        long sent = number(UpnpMapper.optional(soap, common.get(), "GetTotalBytesSent", p).get("NewTotalBytesSent"));
        long received = number(UpnpMapper.optional(soap, common.get(), "GetTotalBytesReceived", p)
                .get("NewTotalBytesReceived"));
        return sent < 0 || received < 0 ? Optional.empty() : Optional.of(new ByteCounters(sent, received));
    }

    /** The WANDevice that holds this connection: MikroTik has two, each with its own link. */
    private static Optional<ServiceRef> commonConfig(UpnpService upnp) {
        List<ServiceRef> commons = upnp.device().services().stream()
                .filter(ServiceRef::isCommonInterfaceConfig)
                .toList();
        return commons.stream()
                .filter(s -> s.deviceUdn().equals(upnp.service().parentUdn())).findFirst()
                .or(() -> commons.stream().findFirst());
    }

    private static LinkInfo linkInfo(UpnpService upnp, SoapClient soap, Progress p) throws CancelledException {
        Optional<ServiceRef> common = commonConfig(upnp);
        if (common.isEmpty()) {
            return null;
        }
        ServiceRef s = common.get();
        Map<String, String> props = UpnpMapper.optional(soap, s, "GetCommonLinkProperties", p);
        return new LinkInfo(
                Text.clean(props.getOrDefault("NewWANAccessType", "")),
                number(props.get("NewLayer1UpstreamMaxBitRate")),
                number(props.get("NewLayer1DownstreamMaxBitRate")),
                Text.clean(props.getOrDefault("NewPhysicalLinkStatus", "")),
                number(UpnpMapper.optional(soap, s, "GetTotalBytesSent", p).get("NewTotalBytesSent")),
                number(UpnpMapper.optional(soap, s, "GetTotalBytesReceived", p).get("NewTotalBytesReceived")),
                number(UpnpMapper.optional(soap, s, "GetTotalPacketsSent", p).get("NewTotalPacketsSent")),
                number(UpnpMapper.optional(soap, s, "GetTotalPacketsReceived", p).get("NewTotalPacketsReceived")));
    }

    private static long number(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
