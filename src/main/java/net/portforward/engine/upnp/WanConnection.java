package net.portforward.engine.upnp;

import static net.portforward.engine.upnp.SoapClient.arg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.error.UpnpErrorCode;
import net.portforward.engine.error.UpnpException;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.net.Dom;
import net.portforward.engine.net.SafeXml;
import net.portforward.engine.progress.Progress;
import org.w3c.dom.Element;

/**
 * The SOAP actions of one WANIPConnection:1/:2 or WANPPPConnection:1 service, each a typed
 * method whose arguments go in the order the IGD spec declares them (some routers read them
 * positionally).
 */
public final class WanConnection {
    private final SoapClient soap;
    private final ServiceRef service;

    public WanConnection(SoapClient soap, ServiceRef service) {
        this.soap = soap;
        this.service = service;
    }

    public ServiceRef service() {
        return service;
    }

    public String getExternalIPAddress(Progress p) throws PortForwardException {
        return call("GetExternalIPAddress", List.of(), p).getOrDefault("NewExternalIPAddress", "");
    }

    /** NewConnectionStatus, NewLastConnectionError, NewUptime (seconds). */
    public Map<String, String> getStatusInfo(Progress p) throws PortForwardException {
        return call("GetStatusInfo", List.of(), p);
    }

    /** NewConnectionType, NewPossibleConnectionTypes. */
    public Map<String, String> getConnectionTypeInfo(Progress p) throws PortForwardException {
        return call("GetConnectionTypeInfo", List.of(), p);
    }

    /** The raw entry at {@code index}; 713 (and on some routers 714, 402, 899) marks the end. */
    public Map<String, String> getGenericPortMappingEntry(int index, Progress p) throws PortForwardException {
        return call("GetGenericPortMappingEntry", List.of(arg("NewPortMappingIndex", index)), p);
    }

    /** The mapping filed under {@code key}, or empty when the router has none (714). */
    public Optional<ListedMapping> getSpecificPortMappingEntry(MappingKey key, Progress p) throws PortForwardException {
        Map<String, String> fields;
        try {
            fields = new java.util.HashMap<>(call("GetSpecificPortMappingEntry", List.of(
                    arg("NewRemoteHost", ""),
                    arg("NewExternalPort", key.externalPort()),
                    arg("NewProtocol", key.protocol().name())), p));
        } catch (UpnpException e) {
            // 714 is the spec's answer; the Cisco CGA4131COM says 402 for the same request
            // (routers/cisco-cga4131com-soap-GetSpecificPortMappingEntry-402.xml).
            if (e.is(UpnpErrorCode.NO_SUCH_ENTRY) || e.is(UpnpErrorCode.INVALID_ARGS)) {
                return Optional.empty();
            }
            throw e;
        }
        fields.put("NewProtocol", key.protocol().name());
        fields.put("NewExternalPort", String.valueOf(key.externalPort()));
        return RouterEntries.parse(fields, new ArrayList<>());
    }

    public void addPortMapping(PortMapping m, Progress p) throws PortForwardException {
        call("AddPortMapping", List.of(
                arg("NewRemoteHost", m.remoteHost() == null ? "" : m.remoteHost().getHostAddress()),
                arg("NewExternalPort", m.externalPort()),
                arg("NewProtocol", m.protocol().name()),
                arg("NewInternalPort", m.internalPort()),
                arg("NewInternalClient", m.internalClient().getHostAddress()),
                arg("NewEnabled", m.enabled() ? 1 : 0),
                arg("NewPortMappingDescription", m.description()),
                arg("NewLeaseDuration", m.lease().toSeconds())), p);
    }

    /**
     * IGD:2 AddAnyPortMapping: the router takes {@code m}'s external port if it is free, else picks
     * another (igd-next, miniupnpc {@code -n}).
     *
     * @return the external port the router reserved (NewReservedPort)
     */
    public int addAnyPortMapping(PortMapping m, Progress p) throws PortForwardException {
        String reserved = call("AddAnyPortMapping", List.of(
                arg("NewRemoteHost", m.remoteHost() == null ? "" : m.remoteHost().getHostAddress()),
                arg("NewExternalPort", m.externalPort()),
                arg("NewProtocol", m.protocol().name()),
                arg("NewInternalPort", m.internalPort()),
                arg("NewInternalClient", m.internalClient().getHostAddress()),
                arg("NewEnabled", m.enabled() ? 1 : 0),
                arg("NewPortMappingDescription", m.description()),
                arg("NewLeaseDuration", m.lease().toSeconds())), p).getOrDefault("NewReservedPort", "").trim();
        try {
            int port = Integer.parseInt(reserved);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new RouterProtocolException(RouterTrouble.ANY_PORT_UNUSABLE.with(net.portforward.engine.net.Text.clean(reserved, 20)));
    }

    public void deletePortMapping(MappingKey key, Progress p) throws PortForwardException {
        call("DeletePortMapping", List.of(
                arg("NewRemoteHost", ""),
                arg("NewExternalPort", key.externalPort()),
                arg("NewProtocol", key.protocol().name())), p);
    }

    /**
     * IGD:2 GetListOfPortMappings for one protocol and port range, at most {@code count} entries.
     * An empty range answers 730 on miniupnpd, which we return as an empty list.
     */
    public List<Map<String, String>> getListOfPortMappings(Protocol protocol, int startPort, int endPort, int count,
            Progress p) throws PortForwardException {
        String listing;
        try {
            listing = call("GetListOfPortMappings", List.of(
                    arg("NewStartPort", startPort),
                    arg("NewEndPort", endPort),
                    arg("NewProtocol", protocol.name()),
                    arg("NewManage", 1),
                    arg("NewNumberOfPorts", count)), p).getOrDefault("NewPortListing", "");
        } catch (UpnpException e) {
            if (e.is(UpnpErrorCode.BAD_ARRAY_INDEX_RANGE) || e.is(UpnpErrorCode.NO_SUCH_ENTRY)) {
                return List.of();
            }
            throw e;
        }
        if (listing.isBlank()) {
            return List.of();
        }
        Element root = SafeXml.parse(listing.getBytes(java.nio.charset.StandardCharsets.UTF_8)).getDocumentElement();
        if (!"PortMappingList".equals(Dom.localName(root))) {
            throw new RouterProtocolException(RouterTrouble.NOT_A_PORT_MAPPING_LIST.with());
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (Element entry : Dom.children(root, "PortMappingEntry")) {
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            for (Element f : Dom.children(entry)) {
                fields.put(Dom.localName(f), f.getTextContent());
            }
            out.add(fields);
        }
        return out;
    }

    private Map<String, String> call(String action, List<SoapClient.Arg> args, Progress p) throws PortForwardException {
        p.checkCancelled();
        return soap.call(service, action, args, p);
    }
}
