package net.portforward.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Service descriptions (SCPD documents) for the services a {@link FakeRouter} answers, so a client
 * that reads them (jUPnP builds its device model from them) sees every action the fake
 * implements, with each argument tied to a declared state variable.
 */
final class ServiceDescriptions {

    private record Arg(String name, boolean in, String variable) {}

    private record Action(String name, List<Arg> args) {}

    private ServiceDescriptions() {}

    /** The SCPD for a service type; unknown types get a valid SCPD with no actions. */
    static String scpd(String serviceType, boolean portsAsUi4) {
        String port = portsAsUi4 ? "ui4" : "ui2"; // jUPnP #366: some routers declare ports as ui4
        Map<String, String> vars = new LinkedHashMap<>();
        List<Action> actions = new ArrayList<>();
        if (isWanConnection(serviceType)) {
            wanConnection(vars, actions, port, versionOf(serviceType) >= 2);
        } else if (serviceType.contains(":service:WANCommonInterfaceConfig:")) {
            commonInterfaceConfig(vars, actions);
        } else if (serviceType.contains(":service:Layer3Forwarding:")) {
            vars.put("DefaultConnectionService", "string");
        } else {
            vars.put("X_Placeholder", "string");
        }
        return render(vars, actions);
    }

    static boolean isWanConnection(String serviceType) {
        return serviceType.contains(":service:WANIPConnection:") || serviceType.contains(":service:WANPPPConnection:");
    }

    static boolean isCommonInterfaceConfig(String serviceType) {
        return serviceType.contains(":service:WANCommonInterfaceConfig:");
    }

    static int versionOf(String serviceType) {
        try {
            return Integer.parseInt(serviceType.substring(serviceType.lastIndexOf(':') + 1).trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void wanConnection(Map<String, String> vars, List<Action> actions, String port, boolean igd2) {
        vars.put("ConnectionType", "string");
        vars.put("PossibleConnectionTypes", "string");
        vars.put("ConnectionStatus", "string");
        vars.put("Uptime", "ui4");
        vars.put("LastConnectionError", "string");
        vars.put("RSIPAvailable", "boolean");
        vars.put("NATEnabled", "boolean");
        vars.put("ExternalIPAddress", "string");
        vars.put("PortMappingNumberOfEntries", "ui2");
        vars.put("PortMappingEnabled", "boolean");
        vars.put("PortMappingLeaseDuration", "ui4");
        vars.put("RemoteHost", "string");
        vars.put("ExternalPort", port);
        vars.put("InternalPort", port);
        vars.put("PortMappingProtocol", "string");
        vars.put("InternalClient", "string");
        vars.put("PortMappingDescription", "string");
        if (igd2) {
            vars.put("SystemUpdateID", "ui4");
            vars.put("A_ARG_TYPE_Manage", "boolean");
            vars.put("A_ARG_TYPE_PortListing", "string");
        }
        actions.add(action("SetConnectionType", in("NewConnectionType", "ConnectionType")));
        actions.add(action("GetConnectionTypeInfo", out("NewConnectionType", "ConnectionType"),
                out("NewPossibleConnectionTypes", "PossibleConnectionTypes")));
        actions.add(action("RequestConnection"));
        actions.add(action("ForceTermination"));
        actions.add(action("GetStatusInfo", out("NewConnectionStatus", "ConnectionStatus"),
                out("NewLastConnectionError", "LastConnectionError"), out("NewUptime", "Uptime")));
        actions.add(action("GetNATRSIPStatus", out("NewRSIPAvailable", "RSIPAvailable"), out("NewNATEnabled", "NATEnabled")));
        actions.add(action("GetGenericPortMappingEntry", in("NewPortMappingIndex", "PortMappingNumberOfEntries"),
                out("NewRemoteHost", "RemoteHost"), out("NewExternalPort", "ExternalPort"),
                out("NewProtocol", "PortMappingProtocol"), out("NewInternalPort", "InternalPort"),
                out("NewInternalClient", "InternalClient"), out("NewEnabled", "PortMappingEnabled"),
                out("NewPortMappingDescription", "PortMappingDescription"),
                out("NewLeaseDuration", "PortMappingLeaseDuration")));
        actions.add(action("GetSpecificPortMappingEntry", in("NewRemoteHost", "RemoteHost"),
                in("NewExternalPort", "ExternalPort"), in("NewProtocol", "PortMappingProtocol"),
                out("NewInternalPort", "InternalPort"), out("NewInternalClient", "InternalClient"),
                out("NewEnabled", "PortMappingEnabled"), out("NewPortMappingDescription", "PortMappingDescription"),
                out("NewLeaseDuration", "PortMappingLeaseDuration")));
        Arg[] addArgs = {in("NewRemoteHost", "RemoteHost"), in("NewExternalPort", "ExternalPort"),
            in("NewProtocol", "PortMappingProtocol"), in("NewInternalPort", "InternalPort"),
            in("NewInternalClient", "InternalClient"), in("NewEnabled", "PortMappingEnabled"),
            in("NewPortMappingDescription", "PortMappingDescription"),
            in("NewLeaseDuration", "PortMappingLeaseDuration")};
        actions.add(action("AddPortMapping", addArgs));
        actions.add(action("DeletePortMapping", in("NewRemoteHost", "RemoteHost"),
                in("NewExternalPort", "ExternalPort"), in("NewProtocol", "PortMappingProtocol")));
        actions.add(action("GetExternalIPAddress", out("NewExternalIPAddress", "ExternalIPAddress")));
        if (igd2) {
            List<Arg> anyArgs = new ArrayList<>(List.of(addArgs));
            anyArgs.add(out("NewReservedPort", "ExternalPort"));
            actions.add(new Action("AddAnyPortMapping", anyArgs));
            actions.add(action("DeletePortMappingRange", in("NewStartPort", "ExternalPort"),
                    in("NewEndPort", "ExternalPort"), in("NewProtocol", "PortMappingProtocol"),
                    in("NewManage", "A_ARG_TYPE_Manage")));
            actions.add(action("GetListOfPortMappings", in("NewStartPort", "ExternalPort"),
                    in("NewEndPort", "ExternalPort"), in("NewProtocol", "PortMappingProtocol"),
                    in("NewManage", "A_ARG_TYPE_Manage"), in("NewNumberOfPorts", "PortMappingNumberOfEntries"),
                    out("NewPortListing", "A_ARG_TYPE_PortListing")));
        }
    }

    private static void commonInterfaceConfig(Map<String, String> vars, List<Action> actions) {
        vars.put("WANAccessType", "string");
        vars.put("Layer1UpstreamMaxBitRate", "ui4");
        vars.put("Layer1DownstreamMaxBitRate", "ui4");
        vars.put("PhysicalLinkStatus", "string");
        vars.put("EnabledForInternet", "boolean");
        vars.put("TotalBytesSent", "ui4");
        vars.put("TotalBytesReceived", "ui4");
        vars.put("TotalPacketsSent", "ui4");
        vars.put("TotalPacketsReceived", "ui4");
        actions.add(action("GetCommonLinkProperties", out("NewWANAccessType", "WANAccessType"),
                out("NewLayer1UpstreamMaxBitRate", "Layer1UpstreamMaxBitRate"),
                out("NewLayer1DownstreamMaxBitRate", "Layer1DownstreamMaxBitRate"),
                out("NewPhysicalLinkStatus", "PhysicalLinkStatus")));
        actions.add(action("GetTotalBytesSent", out("NewTotalBytesSent", "TotalBytesSent")));
        actions.add(action("GetTotalBytesReceived", out("NewTotalBytesReceived", "TotalBytesReceived")));
        actions.add(action("GetTotalPacketsSent", out("NewTotalPacketsSent", "TotalPacketsSent")));
        actions.add(action("GetTotalPacketsReceived", out("NewTotalPacketsReceived", "TotalPacketsReceived")));
    }

    private static Action action(String name, Arg... args) {
        return new Action(name, List.of(args));
    }

    private static Arg in(String name, String variable) {
        return new Arg(name, true, variable);
    }

    private static Arg out(String name, String variable) {
        return new Arg(name, false, variable);
    }

    private static String render(Map<String, String> vars, List<Action> actions) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<scpd xmlns=\"urn:schemas-upnp-org:service-1-0\">");
        sb.append("<specVersion><major>1</major><minor>0</minor></specVersion><actionList>");
        for (Action a : actions) {
            sb.append("<action><name>").append(a.name()).append("</name>");
            if (!a.args().isEmpty()) {
                sb.append("<argumentList>");
                for (Arg arg : a.args()) {
                    sb.append("<argument><name>").append(arg.name()).append("</name><direction>")
                            .append(arg.in() ? "in" : "out").append("</direction><relatedStateVariable>")
                            .append(arg.variable()).append("</relatedStateVariable></argument>");
                }
                sb.append("</argumentList>");
            }
            sb.append("</action>");
        }
        sb.append("</actionList><serviceStateTable>");
        vars.forEach((name, type) -> sb.append("<stateVariable sendEvents=\"no\"><name>").append(name)
                .append("</name><dataType>").append(type).append("</dataType></stateVariable>"));
        return sb.append("</serviceStateTable></scpd>\n").toString();
    }
}
