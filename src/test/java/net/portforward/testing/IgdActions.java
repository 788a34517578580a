package net.portforward.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The IGD semantics of a {@link FakeRouter}: what each SOAP action does to the mapping table and
 * what it answers, with the router quirks its {@link FakeRouter.Options} turn on. Knows nothing of
 * HTTP; {@link FakeRouter} handles logging, delays, raw answers and fault rules before this runs.
 */
final class IgdActions {

    /** What to answer. */
    sealed interface Reply permits Ok, Fault, Empty500, Drop {}

    /** Success; values are XML-ready. */
    record Ok(Map<String, String> argsXml) implements Reply {}

    record Fault(int code, String description) implements Reply {
        Fault(int code) {
            this(code, SoapFaults.describe(code));
        }
    }

    /** HTTP 500 with no body. */
    record Empty500() implements Reply {}

    /** The connection closes without an answer. */
    record Drop() implements Reply {}

    /** A service in the description that answers SOAP. {@code wan} is null unless it is a WAN connection. */
    record Endpoint(String serviceType, FakeWan wan) {}

    private static final int MAX_LEASE_IGD2 = 604800; // a week: the IGD:2 maximum

    private final FakeRouter.Options options;
    private final Runnable onFatalCrash;

    IgdActions(FakeRouter.Options options, Runnable onFatalCrash) {
        this.options = options;
        this.onFatalCrash = onFatalCrash;
    }

    Reply handle(SoapCall call, Endpoint endpoint) {
        if (options.strictServiceType && !endpoint.serviceType().equals(call.serviceType())) {
            // miniupnpd ignores the namespace, but other stacks refuse an action sent with the
            // wrong service type; catching it here keeps the client honest for both.
            return new Fault(SoapFaults.INVALID_ACTION);
        }
        if (endpoint.wan() != null) {
            return wanConnection(call, endpoint.wan());
        }
        if (ServiceDescriptions.isCommonInterfaceConfig(endpoint.serviceType())) {
            return commonInterfaceConfig(call);
        }
        return new Fault(SoapFaults.INVALID_ACTION);
    }

    private Reply wanConnection(SoapCall call, FakeWan wan) {
        boolean igd2 = wan.version() >= 2;
        String protocolArg = call.arg("NewProtocol");
        if (options.requireUpperCaseProtocol && protocolArg != null
                && !protocolArg.trim().equals(protocolArg.trim().toUpperCase(Locale.ROOT))) {
            // TP-Link ER605 (tailscale #7377): "udp" in lower case is refused, whatever the action.
            return new Fault(SoapFaults.INVALID_ARGS);
        }
        return switch (call.action()) {
            case "GetExternalIPAddress" -> ok("NewExternalIPAddress", wan.externalIp());
            case "GetStatusInfo" -> ok("NewConnectionStatus", wan.connectionStatus(),
                    "NewLastConnectionError", wan.lastConnectionError(),
                    "NewUptime", Long.toString(wan.uptimeSeconds()));
            case "GetConnectionTypeInfo" -> ok("NewConnectionType", options.connectionType,
                    "NewPossibleConnectionTypes", options.connectionType);
            case "GetNATRSIPStatus" -> ok("NewRSIPAvailable", "0", "NewNATEnabled", "1");
            case "GetGenericPortMappingEntry" -> genericEntry(call, wan.table());
            case "GetSpecificPortMappingEntry" -> specificEntry(call, wan.table());
            case "AddPortMapping" -> addPortMapping(call, wan.table(), igd2);
            case "DeletePortMapping" -> deletePortMapping(call, wan.table(), igd2);
            case "AddAnyPortMapping" -> igd2 ? addAnyPortMapping(call, wan.table()) : new Fault(SoapFaults.INVALID_ACTION);
            case "DeletePortMappingRange" -> igd2 ? deleteRange(call, wan.table()) : new Fault(SoapFaults.INVALID_ACTION);
            case "GetListOfPortMappings" -> igd2 ? listOfPortMappings(call, wan.table()) : new Fault(SoapFaults.INVALID_ACTION);
            default -> new Fault(SoapFaults.INVALID_ACTION);
        };
    }

    private Reply commonInterfaceConfig(SoapCall call) {
        return switch (call.action()) {
            case "GetCommonLinkProperties" -> ok("NewWANAccessType", options.wanAccessType,
                    "NewLayer1UpstreamMaxBitRate", Long.toString(options.upstreamMaxBitRate),
                    "NewLayer1DownstreamMaxBitRate", Long.toString(options.downstreamMaxBitRate),
                    "NewPhysicalLinkStatus", options.physicalLinkStatus);
            case "GetTotalBytesSent" -> ok("NewTotalBytesSent", Long.toString(options.totalBytesSent));
            case "GetTotalBytesReceived" -> ok("NewTotalBytesReceived", Long.toString(options.totalBytesReceived));
            case "GetTotalPacketsSent" -> ok("NewTotalPacketsSent", Long.toString(options.totalPacketsSent));
            case "GetTotalPacketsReceived" -> ok("NewTotalPacketsReceived", Long.toString(options.totalPacketsReceived));
            default -> new Fault(SoapFaults.INVALID_ACTION);
        };
    }

    // ---- listing ----

    private Reply genericEntry(SoapCall call, FakeMappingTable table) {
        Integer index = call.intArg("NewPortMappingIndex");
        if (index == null) {
            return new Fault(SoapFaults.INVALID_ARGS);
        }
        int position = options.listStartsAtOne ? index - 1 : index;
        if (options.listIgnoresIndex && position >= 0) {
            position = 0; // a router that answers its first rule whatever index is asked
        }
        Optional<FakeMapping> entry = position < 0 ? Optional.empty() : table.at(position);
        if (entry.isPresent()) {
            return entryReply(entry.get().genericEntryArguments());
        }
        return switch (options.listEnd) {
            case FAULT_713 -> new Fault(SoapFaults.SPECIFIED_ARRAY_INDEX_INVALID);
            case FAULT_714 -> new Fault(SoapFaults.NO_SUCH_ENTRY_IN_ARRAY);
            case FAULT_402 -> new Fault(SoapFaults.INVALID_ARGS);
            case FAULT_899 -> new Fault(SoapFaults.VENDOR_JUNK);
            case HTTP_500_EMPTY -> new Empty500();
            case NEVER_ENDS -> entryReply(phantom(index).genericEntryArguments());
            case REPEAT_LAST -> table.size() == 0
                    ? new Fault(SoapFaults.SPECIFIED_ARRAY_INDEX_INVALID)
                    : entryReply(table.at(table.size() - 1).orElseThrow().genericEntryArguments());
        };
    }

    private final java.util.concurrent.atomic.AtomicLong floodSerial = new java.util.concurrent.atomic.AtomicLong();

    /** Entries never seen before, spread over the asked range or lying outside it. */
    private List<FakeMapping> flood(String protocol, int start, int end, FakeRouter.ListFlood kind, int count) {
        List<FakeMapping> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long serial = floodSerial.incrementAndGet();
            if (kind == FakeRouter.ListFlood.NEW_ENTRIES_IN_RANGE) {
                int port = start + (int) (serial % (end - start + 1));
                out.add(FakeMapping.of(protocol, port, "192.168.1.250", port, "flood " + serial));
            } else if (start > 1 || end < 65535) {
                int port = start > 1 ? start - 1 : end + 1;
                out.add(FakeMapping.of(protocol, port, "192.168.1.250", port, "flood " + serial));
            } else { // the whole range asked: the other protocol's entries are outside it
                String other = protocol.equalsIgnoreCase("TCP") ? "UDP" : "TCP";
                out.add(FakeMapping.of(other, 1000 + (int) (serial % 60000), "192.168.1.250", 1000, "flood " + serial));
            }
        }
        return out;
    }

    /** A distinct made-up rule for any index, so a walk that trusts the router never stops. */
    private static FakeMapping phantom(int index) {
        int port = 20000 + Math.floorMod(index, 40000);
        return FakeMapping.tcp(port, "192.168.1.250", port, "phantom " + index);
    }

    private Reply specificEntry(SoapCall call, FakeMappingTable table) {
        String protocol = call.arg("NewProtocol");
        Integer port = call.intArg("NewExternalPort");
        if (protocol == null || port == null || port <= 0) {
            return new Fault(SoapFaults.INVALID_ARGS);
        }
        return table.get(protocol, port)
                .<Reply>map(m -> entryReply(m.specificEntryArguments()))
                .orElseGet(() -> new Fault(SoapFaults.NO_SUCH_ENTRY_IN_ARRAY));
    }

    private Reply listOfPortMappings(SoapCall call, FakeMappingTable table) {
        if (options.listOfPortMappingsUnsupported) {
            return new Fault(SoapFaults.INVALID_ACTION);
        }
        int crashAbove = options.listOfPortMappingsCrashesAbove;
        if (crashAbove >= 0 && table.size() > crashAbove) {
            // miniupnpd 2.3.1 dies in realloc() once it holds about 140 mappings (LAB.md).
            if (options.crashIsFatal) {
                onFatalCrash.run();
            }
            return new Drop();
        }
        Integer start = call.intArg("NewStartPort");
        Integer end = call.intArg("NewEndPort");
        Integer number = call.intArg("NewNumberOfPorts");
        String protocol = call.arg("NewProtocol");
        if (start == null || end == null || number == null || protocol == null || start < 0 || end < 0 || number < 0) {
            return new Fault(SoapFaults.INVALID_ARGS);
        }
        if (start > end) {
            return new Fault(SoapFaults.INCONSISTENT_PARAMETERS);
        }
        int limit = number == 0 ? 1000 : number; // miniupnpd: 0 means "up to 1000"
        List<FakeMapping> found = options.listFlood == FakeRouter.ListFlood.NONE ? table.range(protocol, start, end)
                : flood(protocol, start, end, options.listFlood, options.listFloodCount);
        if (found.isEmpty() && options.emptyListIsFault) {
            return new Fault(SoapFaults.PORT_MAPPING_NOT_FOUND);
        }
        List<Map<String, String>> entries = new ArrayList<>();
        for (FakeMapping m : found.subList(0, Math.min(limit, found.size()))) {
            entries.add(m.listingEntryArguments());
        }
        String document = SoapEnvelope.portMappingList(entries, options.escapeValues);
        // The spec sends the document escaped; miniupnpd wraps it in CDATA instead.
        String embedded = options.listingInCdata ? "<![CDATA[" + document + "]]>" : SoapEnvelope.text(document, true);
        Map<String, String> args = new LinkedHashMap<>();
        args.put("NewPortListing", embedded);
        return new Ok(args);
    }

    // ---- changes ----

    private Reply addPortMapping(SoapCall call, FakeMappingTable table, boolean igd2) {
        Object parsed = parseAdd(call, igd2, false);
        if (parsed instanceof Fault fault) {
            return fault;
        }
        FakeMapping mapping = (FakeMapping) parsed;
        if (options.addsNotStored) {
            // PortMapper #137: the router says yes and the rule never shows up.
            return new Ok(Map.of());
        }
        if (table.size() >= options.tableCapacity && table.get(mapping.protocol(), mapping.externalPort()).isEmpty()) {
            return new Fault(igd2 ? SoapFaults.NO_PORT_MAPS_AVAILABLE : SoapFaults.ACTION_FAILED);
        }
        if (mapping.externalPort() < options.reservedBelowPort) {
            return new Fault(options.reservedPortCode); // many routers keep the ports below 1024
        }
        if (table.addUnlessHeldByOther(mapping).isPresent()) {
            return new Fault(options.conflictCode);
        }
        return new Ok(Map.of());
    }

    /**
     * IGD:2 AddAnyPortMapping as miniupnpd does it: the asked port if free (or already this
     * client's), else the nearest free one above or below; answers NewReservedPort.
     */
    private Reply addAnyPortMapping(SoapCall call, FakeMappingTable table) {
        Object parsed = parseAdd(call, true, true);
        if (parsed instanceof Fault fault) {
            return fault;
        }
        FakeMapping mapping = (FakeMapping) parsed;
        int wanted = mapping.externalPort() == 0 ? 1024 : mapping.externalPort();
        if (options.addsNotStored) {
            return ok("NewReservedPort", Integer.toString(wanted));
        }
        if (table.size() >= options.tableCapacity) {
            return new Fault(SoapFaults.NO_PORT_MAPS_AVAILABLE);
        }
        for (int step = 0; step <= 65535; step++) {
            for (int candidate : step == 0 ? new int[] {wanted} : new int[] {wanted + step, wanted - step}) {
                if (candidate < 1 || candidate > 65535 || candidate < options.reservedBelowPort) {
                    continue;
                }
                FakeMapping attempt = new FakeMapping(mapping.protocol(), candidate, mapping.remoteHost(),
                        mapping.internalPort(), mapping.internalClient(), mapping.enabled(), mapping.description(),
                        mapping.leaseSeconds(), Map.of());
                if (table.addUnlessHeldByOther(attempt).isEmpty()) {
                    return ok("NewReservedPort", Integer.toString(candidate));
                }
            }
        }
        return new Fault(SoapFaults.NO_PORT_MAPS_AVAILABLE);
    }

    /** Checks AddPortMapping / AddAnyPortMapping arguments: a FakeMapping, or a Fault. */
    private Object parseAdd(SoapCall call, boolean igd2, boolean anyPort) {
        String protocolText = call.arg("NewProtocol");
        String externalText = call.arg("NewExternalPort");
        Integer internalPort = call.intArg("NewInternalPort");
        String client = call.arg("NewInternalClient");
        if (protocolText == null || externalText == null || internalPort == null || client == null || client.isBlank()) {
            return new Fault(SoapFaults.INVALID_ARGS);
        }
        String protocol = protocolText.trim().toUpperCase(Locale.ROOT);
        if (!protocol.equals("TCP") && !protocol.equals("UDP")) {
            return new Fault(SoapFaults.INVALID_ARGS);
        }
        if (options.requireUpperCaseProtocol && !protocolText.trim().equals(protocol)) {
            // tailscale #7377: routers that refuse "tcp" in lower case.
            return new Fault(SoapFaults.INVALID_ARGS);
        }
        Integer externalPort = anyPort && externalText.trim().equals("*") ? Integer.valueOf(0) : call.intArg("NewExternalPort");
        if (externalPort == null || externalPort < 0 || externalPort > 65535) {
            return new Fault(SoapFaults.INVALID_ARGS);
        }
        if (externalPort == 0 && !anyPort) {
            return new Fault(SoapFaults.WILDCARD_NOT_PERMITTED_IN_EXT_PORT);
        }
        if (internalPort == 0) {
            return new Fault(igd2 ? SoapFaults.WILDCARD_NOT_PERMITTED_IN_INT_PORT : SoapFaults.INVALID_ARGS);
        }
        if (internalPort < 0 || internalPort > 65535) {
            return new Fault(SoapFaults.INVALID_ARGS);
        }
        long lease;
        try {
            String leaseText = call.arg("NewLeaseDuration");
            lease = leaseText == null || leaseText.isBlank() ? 0 : Long.parseLong(leaseText.trim());
        } catch (NumberFormatException e) {
            return new Fault(SoapFaults.INVALID_ARGS);
        }
        if (lease < 0 || lease > 0xFFFFFFFFL) {
            return new Fault(SoapFaults.INVALID_ARGS);
        }
        long cap = options.maxLeaseSeconds;
        if (cap > 0 && (lease == 0 || lease > cap)) {
            lease = cap; // miniupnpd IGD:2 turns 0 ("forever") and anything longer into a week
        }
        Boolean enabled = parseBoolean(call.arg("NewEnabled"));
        if (enabled == null) {
            return new Fault(SoapFaults.INVALID_ARGS);
        }
        if (options.ignoresEnabled) {
            enabled = true; // miniupnpd: "Ignored argument : NewEnabled" (upnpsoap.c)
        }
        String secureClient = options.secureModeClient;
        if (secureClient != null && !secureClient.equals(client.trim())) {
            // miniupnpd secure_mode: only for the caller's own address; 718 on IGD:1, 606 on IGD:2 (LAB.md).
            return new Fault(igd2 ? SoapFaults.ACTION_NOT_AUTHORIZED : SoapFaults.CONFLICT_IN_MAPPING_ENTRY);
        }
        String remoteHost = call.arg("NewRemoteHost");
        String description = call.arg("NewPortMappingDescription");
        return new FakeMapping(protocol, externalPort, remoteHost == null ? "" : remoteHost.trim(), internalPort,
                client.trim(), enabled, description, lease, Map.of());
    }

    private Reply deletePortMapping(SoapCall call, FakeMappingTable table, boolean igd2) {
        String protocol = call.arg("NewProtocol");
        Integer port = call.intArg("NewExternalPort");
        if (protocol == null || port == null || port <= 0 || port > 65535) {
            return new Fault(SoapFaults.INVALID_ARGS);
        }
        String secureClient = options.secureModeClient;
        if (secureClient != null && table.heldByOther(protocol, port, secureClient)) {
            return new Fault(igd2 ? SoapFaults.ACTION_NOT_AUTHORIZED : SoapFaults.NO_SUCH_ENTRY_IN_ARRAY);
        }
        if (table.remove(protocol, port) || options.deleteOfMissingSucceeds) {
            return new Ok(Map.of());
        }
        return new Fault(SoapFaults.NO_SUCH_ENTRY_IN_ARRAY);
    }

    /**
     * IGD:2 DeletePortMappingRange. NewManage=1 deletes anyone's mappings; 0 only the caller's,
     * which here means the secure-mode client when one is set (everything otherwise: every test
     * client is 127.0.0.1).
     */
    private Reply deleteRange(SoapCall call, FakeMappingTable table) {
        Integer start = call.intArg("NewStartPort");
        Integer end = call.intArg("NewEndPort");
        String protocol = call.arg("NewProtocol");
        Boolean manage = parseBoolean(call.arg("NewManage"));
        if (start == null || end == null || protocol == null || manage == null || start < 0 || end < 0) {
            return new Fault(SoapFaults.INVALID_ARGS);
        }
        if (start > end) {
            return new Fault(SoapFaults.INCONSISTENT_PARAMETERS);
        }
        String secureClient = options.secureModeClient;
        int removed = table.removeRange(protocol, start, end,
                m -> manage || secureClient == null || secureClient.equals(m.internalClient()));
        return removed == 0 ? new Fault(SoapFaults.PORT_MAPPING_NOT_FOUND) : new Ok(Map.of());
    }

    // ---- helpers ----

    /** UPnP booleans: 1/0, true/false, yes/no; missing means true (enabled by default). */
    private static Boolean parseBoolean(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> null;
        };
    }

    private Reply entryReply(Map<String, String> args) {
        Map<String, String> xml = new LinkedHashMap<>();
        args.forEach((name, value) -> xml.put(name, SoapEnvelope.text(value, options.escapeValues)));
        return new Ok(xml);
    }

    private Reply ok(String... namesAndValues) {
        Map<String, String> xml = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            xml.put(namesAndValues[i], SoapEnvelope.text(value == null ? "" : value, options.escapeValues));
        }
        return new Ok(xml);
    }
}
