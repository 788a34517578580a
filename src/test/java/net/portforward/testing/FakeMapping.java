package net.portforward.testing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a {@link FakeRouter}'s mapping table, as the router stores and reports it.
 *
 * <p>Fields are deliberately loose (strings for protocol, client and remote host, plain ints for
 * ports) so a test can preload what real routers report: "tcp" in lower case, host names as
 * internal clients, port 70000 or -1 (FIELD.md: miniupnpd 2.3.1 turned 70000 into 4464). Values
 * that an int cannot hold, like the port "abc", go in {@link #reportedAs}: the router then says
 * that text for the named argument instead of the stored value.
 *
 * @param protocol as stored; the table files it under its upper-case form
 * @param remoteHost "" for any remote host
 * @param leaseSeconds seconds left; 0 means permanent
 * @param reportedAs overrides by GetGenericPortMappingEntry argument name ("NewExternalPort",
 *     "NewPortMappingDescription", ...): the text the router sends instead of the real value
 */
public record FakeMapping(
        String protocol,
        int externalPort,
        String remoteHost,
        int internalPort,
        String internalClient,
        boolean enabled,
        String description,
        long leaseSeconds,
        Map<String, String> reportedAs) {

    public FakeMapping {
        Objects.requireNonNull(protocol, "protocol");
        remoteHost = remoteHost == null ? "" : remoteHost;
        internalClient = internalClient == null ? "" : internalClient;
        description = description == null ? "" : description;
        reportedAs = Map.copyOf(reportedAs == null ? Map.of() : reportedAs);
    }

    /** An enabled, permanent mapping for any remote host. */
    public static FakeMapping of(String protocol, int externalPort, String internalClient, int internalPort, String description) {
        return new FakeMapping(protocol, externalPort, "", internalPort, internalClient, true, description, 0, Map.of());
    }

    public static FakeMapping tcp(int externalPort, String internalClient, int internalPort, String description) {
        return of("TCP", externalPort, internalClient, internalPort, description);
    }

    public static FakeMapping udp(int externalPort, String internalClient, int internalPort, String description) {
        return of("UDP", externalPort, internalClient, internalPort, description);
    }

    /** The table key: upper-case protocol and external port (IGD files mappings under both). */
    public String key() {
        return keyOf(protocol, externalPort);
    }

    static String keyOf(String protocol, int externalPort) {
        return protocol.trim().toUpperCase(Locale.ROOT) + " " + externalPort;
    }

    public FakeMapping withLeaseSeconds(long value) {
        return new FakeMapping(protocol, externalPort, remoteHost, internalPort, internalClient, enabled, description, value, reportedAs);
    }

    public FakeMapping withEnabled(boolean value) {
        return new FakeMapping(protocol, externalPort, remoteHost, internalPort, internalClient, value, description, leaseSeconds, reportedAs);
    }

    public FakeMapping withRemoteHost(String value) {
        return new FakeMapping(protocol, externalPort, value, internalPort, internalClient, enabled, description, leaseSeconds, reportedAs);
    }

    public FakeMapping withDescription(String value) {
        return new FakeMapping(protocol, externalPort, remoteHost, internalPort, internalClient, enabled, value, leaseSeconds, reportedAs);
    }

    public FakeMapping withInternalClient(String value) {
        return new FakeMapping(protocol, externalPort, remoteHost, internalPort, value, enabled, description, leaseSeconds, reportedAs);
    }

    /**
     * The router reports {@code text} for {@code argument} (a GetGenericPortMappingEntry output
     * name such as "NewExternalPort"; GetListOfPortMappings uses the matching names), whatever is
     * stored. For junk no typed field can hold: {@code withReported("NewExternalPort", "abc")}.
     */
    public FakeMapping withReported(String argument, String text) {
        Map<String, String> copy = new LinkedHashMap<>(reportedAs);
        copy.put(argument, text);
        return new FakeMapping(protocol, externalPort, remoteHost, internalPort, internalClient, enabled, description, leaseSeconds, copy);
    }

    /** GetGenericPortMappingEntry's output arguments, in the order miniupnpd sends them. */
    Map<String, String> genericEntryArguments() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("NewRemoteHost", remoteHost);
        out.put("NewExternalPort", Integer.toString(externalPort));
        out.put("NewProtocol", protocol);
        out.put("NewInternalPort", Integer.toString(internalPort));
        out.put("NewInternalClient", internalClient);
        out.put("NewEnabled", enabled ? "1" : "0");
        out.put("NewPortMappingDescription", description);
        out.put("NewLeaseDuration", Long.toString(leaseSeconds));
        out.replaceAll((name, value) -> reportedAs.getOrDefault(name, value));
        return out;
    }

    /** GetSpecificPortMappingEntry's output arguments (the key is in the request). */
    Map<String, String> specificEntryArguments() {
        Map<String, String> all = genericEntryArguments();
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : new String[] {"NewInternalPort", "NewInternalClient", "NewEnabled",
                "NewPortMappingDescription", "NewLeaseDuration"}) {
            out.put(name, all.get(name));
        }
        return out;
    }

    /**
     * The children of a {@code <p:PortMappingEntry>} in GetListOfPortMappings: the IGD:2 schema
     * renames the description to NewDescription and the lease to NewLeaseTime.
     */
    Map<String, String> listingEntryArguments() {
        Map<String, String> out = new LinkedHashMap<>();
        genericEntryArguments().forEach((name, value) -> out.put(switch (name) {
            case "NewPortMappingDescription" -> "NewDescription";
            case "NewLeaseDuration" -> "NewLeaseTime";
            default -> name;
        }, value));
        return out;
    }
}
