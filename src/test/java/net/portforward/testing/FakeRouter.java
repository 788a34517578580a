package net.portforward.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An in-process UPnP Internet Gateway Device for the fast test suite: a root description, service
 * descriptions and SOAP control over real HTTP on 127.0.0.1 (ephemeral port; nothing else is ever
 * bound or contacted), backed by an in-memory mapping table per WAN connection.
 *
 * <pre>{@code
 * try (FakeRouter router = FakeRouter.start(FakeRouter.Options.igd2().externalIp("25.77.0.2"))) {
 *     engine.connect(router.location());
 *     ...
 *     assertEquals(1, router.callCount("AddPortMapping"));
 *     assertEquals("TCP", router.lastCall("AddPortMapping").orElseThrow().arg("NewProtocol"));
 * }
 * }</pre>
 *
 * <p>Every request is answered on its own thread, so a delayed or dripping answer never holds up
 * the next. Options stay live: change {@link #options()} (or use the setters here) on a running
 * router and the next request sees it.
 */
public final class FakeRouter implements AutoCloseable {

    /** The built-in description shapes. */
    public enum Template {
        /** miniupnpd 2.x: IGD:2, WANIPConnection:2 at /ctl/IPConn, WANCommonInterfaceConfig:1 at /ctl/CmnIfCfg. */
        IGD2_MINIUPNPD,
        /** The same tree as IGD:1 with WANIPConnection:1 (miniupnpd with force_igd_desc_v1=yes). */
        IGD1_WANIP,
        /** IGD:1 ADSL router with WANPPPConnection:1 only, at the Linksys WAG200G's paths. */
        IGD1_PPP_ONLY,
        /** MikroTik RouterOS 7.10: two WANDevices, each with its own WANIPConnection:1. */
        MIKROTIK_TWO_WAN,
        /**
         * A Huawei gateway naming everything with the DSL Forum's TR-064 URNs: root, WANDevice and
         * WANConnectionDevice "urn:dslforum-org:device:...", WANIPConnection:1 and
         * WANCommonInterfaceConfig:1 "urn:dslforum-org:service:..." (tailscale #6320).
         */
        HUAWEI_TR064
    }

    /** How GetGenericPortMappingEntry answers an index past the last mapping. */
    public enum ListEnd {
        /** 713 SpecifiedArrayIndexInvalid: the spec's answer (routers/dlink-dir890l-soap-...-713.xml). */
        FAULT_713,
        /** 714 NoSuchEntryInArray: some routers end the list with it (FIELD.md). */
        FAULT_714,
        /** 402 Invalid Args: DD-WRT and TP-Link (routers/ddwrt-tplink-tl-wr841nd-v9-soap-...-402.xml). */
        FAULT_402,
        /** 899, vendor junk: ActionTec and Thomson (FIELD.md). */
        FAULT_899,
        /** HTTP 500 with no body at all. */
        HTTP_500_EMPTY,
        /** Every index answers a made-up, distinct mapping: the client must cap its walk. */
        NEVER_ENDS,
        /** Every index past the end answers the last mapping again. */
        REPEAT_LAST
    }

    /** One HTTP request the router received (any method, any path). */
    public record Request(String method, String path) {}

    /**
     * What the fake is and how it misbehaves. Built fluently before {@link #start(Options)}, and
     * live afterwards: every setter takes effect on the next request. Values a test leaves alone
     * describe a healthy router with a public address. Give each router its own Options: two
     * routers started from one instance share these settings.
     */
    /** What a flooding GetListOfPortMappings answers (see {@link Options#listFlood}). */
    public enum ListFlood { NONE, NEW_ENTRIES_IN_RANGE, ENTRIES_OUTSIDE_RANGE }

    public static final class Options {
        volatile Template template = Template.IGD2_MINIUPNPD;
        volatile String captureName;
        volatile String descriptionXml;
        volatile String host = "127.0.0.1";

        volatile String externalIp = "25.77.0.2"; // the lab router's WAN address (LAB.md)
        volatile String connectionStatus = "Connected";
        volatile long uptimeSeconds = 3600;
        volatile String lastConnectionError = "ERROR_NONE";
        volatile String connectionType = "IP_Routed";

        volatile String wanAccessType = "Cable";
        volatile long upstreamMaxBitRate = 10_000_000;
        volatile long downstreamMaxBitRate = 100_000_000;
        volatile String physicalLinkStatus = "Up";
        volatile long totalBytesSent = 1_234_567;
        volatile long totalBytesReceived = 7_654_321;
        volatile long totalPacketsSent = 12_345;
        volatile long totalPacketsReceived = 54_321;

        final List<FaultRule> faults = new CopyOnWriteArrayList<>();
        volatile Duration callDelay = Duration.ZERO;
        final Map<String, Duration> actionDelays = new ConcurrentHashMap<>();
        volatile Duration descriptionDelay = Duration.ZERO;

        volatile boolean listStartsAtOne;
        volatile ListEnd listEnd = ListEnd.FAULT_713;
        volatile boolean listIgnoresIndex;
        volatile boolean listOfPortMappingsUnsupported;
        volatile int listOfPortMappingsCrashesAbove = -1;
        volatile ListFlood listFlood = ListFlood.NONE;
        volatile int listFloodCount;
        volatile boolean crashIsFatal = true;
        volatile boolean emptyListIsFault = true;
        volatile boolean listingInCdata;

        volatile boolean ignoresEnabled;
        volatile boolean deleteOfMissingSucceeds;
        volatile boolean addsNotStored;
        volatile boolean requireUpperCaseProtocol;
        volatile int conflictCode = SoapFaults.CONFLICT_IN_MAPPING_ENTRY;
        volatile int reservedBelowPort;
        volatile int reservedPortCode;
        volatile long maxLeaseSeconds;
        volatile int tableCapacity = Integer.MAX_VALUE;
        volatile String secureModeClient;

        volatile boolean escapeValues = true;
        volatile boolean strictServiceType = true;
        volatile boolean portsAsUi4;
        volatile String serverHeader = "Linux/6.1 UPnP/1.1 MiniUPnPd/2.3.1";
        final List<FakeMapping> initialMappings = new CopyOnWriteArrayList<>();
        volatile FakeEventing.Behaviour eventing = FakeEventing.Behaviour.NOTIFIES;
        volatile long subscriptionSeconds = 1800;
        volatile boolean ipv6Firewall;

        private Options() {}

        /**
         * The IGD:2 router also offers WANIPv6FirewallControl:1 ({@link FakeFirewall}): its
         * description and SOAP are served on [::1] too, and it answers SSDP over IPv6 there.
         */
        public Options ipv6Firewall() {
            ipv6Firewall = true;
            return this;
        }

        /** How the router answers event subscriptions (default: like miniupnpd). */
        /**
         * Serves on another loopback address than 127.0.0.1 (Linux answers on all of 127/8): a
         * second LAN host, such as an impostor gateway, in discovery tests.
         */
        public Options host(String loopbackAddress) {
            if (!loopbackAddress.startsWith("127.")) {
                throw new IllegalArgumentException("fakes serve on loopback only: " + loopbackAddress);
            }
            this.host = loopbackAddress;
            return this;
        }

        public Options eventing(FakeEventing.Behaviour value) {
            eventing = value;
            return this;
        }

        /** The TIMEOUT the router grants a subscription. */
        public Options subscriptionSeconds(long value) {
            subscriptionSeconds = value;
            return this;
        }

        /** miniupnpd-like IGD:2 with WANIPConnection:2 (the default). */
        public static Options igd2() {
            return template(Template.IGD2_MINIUPNPD);
        }

        /** IGD:1 with WANIPConnection:1. */
        public static Options igd1() {
            return template(Template.IGD1_WANIP);
        }

        /** IGD:1 with WANPPPConnection:1 only. */
        public static Options igd1PppOnly() {
            return template(Template.IGD1_PPP_ONLY);
        }

        /** MikroTik-like: two WANDevices, two WANIPConnection:1 services, two tables. */
        public static Options mikrotikTwoWan() {
            return template(Template.MIKROTIK_TWO_WAN);
        }

        public static Options template(Template template) {
            Options o = new Options();
            o.template = template;
            return o;
        }

        /**
         * A real router's root description from src/test/resources/routers (for example
         * "netgear-r7500v2-rootdesc.xml"), served byte for byte except that absolute URLs and
         * URLBase are pointed at the fake. SOAP is answered at whatever control URLs it names;
         * its captured SCPDs are served where the folder has them.
         */
        public static Options captured(String fileName) {
            DescriptionTemplates.loadCapture(fileName); // fail here, not at start, on a typo
            Options o = new Options();
            o.captureName = fileName;
            return o;
        }

        /**
         * Any description text; "{BASE}" in it becomes "http://127.0.0.1:PORT". Served as
         * given otherwise (no rewriting), so it may name foreign hosts: keep them loopback. SOAP
         * is answered at the control URLs it declares; one that does not parse (a hostile
         * document) is still served, with no SOAP behind it.
         */
        public static Options description(String xml) {
            Options o = new Options();
            o.descriptionXml = xml;
            return o;
        }

        /**
         * miniupnpd's own habits on top of the template: NewEnabled ignored (upnpsoap.c
         * "Ignored argument : NewEnabled"), leases of 0 or over a week stored as a week (IGD:2),
         * GetListOfPortMappings in CDATA and empty rather than 730, and a delete of a missing
         * mapping answering 200 (FIELD.md).
         */
        public Options likeMiniupnpd() {
            ignoresEnabled = true;
            maxLeaseSeconds = 604800;
            listingInCdata = true;
            emptyListIsFault = false;
            deleteOfMissingSucceeds = true;
            return this;
        }

        /** GetExternalIPAddress's text, sent verbatim: "25.77.0.2", "", "0.0.0.0", "100.64.1.2". */
        public Options externalIp(String value) {
            externalIp = value;
            return this;
        }

        /** GetStatusInfo's NewConnectionStatus ("Connected", "Disconnected", any text). */
        public Options connectionStatus(String value) {
            connectionStatus = value;
            return this;
        }

        public Options uptimeSeconds(long value) {
            uptimeSeconds = value;
            return this;
        }

        public Options lastConnectionError(String value) {
            lastConnectionError = value;
            return this;
        }

        /** GetConnectionTypeInfo's answer ("IP_Routed"). */
        public Options connectionType(String value) {
            connectionType = value;
            return this;
        }

        /** GetCommonLinkProperties' access type ("Cable", "DSL", "Ethernet", "POTS") and link status ("Up", "Down"). */
        public Options link(String accessType, String physicalLinkStatus, long upstreamBitRate, long downstreamBitRate) {
            wanAccessType = accessType;
            this.physicalLinkStatus = physicalLinkStatus;
            upstreamMaxBitRate = upstreamBitRate;
            downstreamMaxBitRate = downstreamBitRate;
            return this;
        }

        /** The WANCommonInterfaceConfig GetTotal* counters (any value: routers wrap at 2^32 or not). */
        public Options traffic(long bytesSent, long bytesReceived, long packetsSent, long packetsReceived) {
            totalBytesSent = bytesSent;
            totalBytesReceived = bytesReceived;
            totalPacketsSent = packetsSent;
            totalPacketsReceived = packetsReceived;
            return this;
        }

        public Options fault(FaultRule rule) {
            faults.add(rule);
            return this;
        }

        /** Every SOAP call waits this long before answering (slow routers: bisq #305, home-assistant #56019). */
        public Options callDelay(Duration value) {
            callDelay = value;
            return this;
        }

        /** Calls of one action wait this long (added to {@link #callDelay}). */
        public Options actionDelay(String action, Duration value) {
            actionDelays.put(action, value);
            return this;
        }

        /** The root description and SCPDs wait this long. */
        public Options descriptionDelay(Duration value) {
            descriptionDelay = value;
            return this;
        }

        /** GetGenericPortMappingEntry counts from 1: index 0 ends the list at once (FIELD.md). */
        public Options listStartsAtOne(boolean value) {
            listStartsAtOne = value;
            return this;
        }

        public Options listEnd(ListEnd value) {
            listEnd = value;
            return this;
        }

        /** GetGenericPortMappingEntry answers the first mapping for every index: the same entry over and over. */
        public Options listIgnoresIndex(boolean value) {
            listIgnoresIndex = value;
            return this;
        }

        /** GetListOfPortMappings answers 401 even on an IGD:2 service. */
        public Options listOfPortMappingsUnsupported(boolean value) {
            listOfPortMappingsUnsupported = value;
            return this;
        }

        /**
         * GetListOfPortMappings closes the connection without an answer when the table holds more
         * than {@code n} mappings, and (unless {@link #crashIsFatal}(false)) the router is gone
         * from then on, every connection dropped until {@link FakeRouter#restart()}: miniupnpd
         * 2.3.1 dies in realloc() at about 140 mappings (LAB.md). -1 turns it off.
         */
        /**
         * A hostile IGD:2 router: every GetListOfPortMappings answers {@code perCall} entries that
         * were never seen before, inside the asked range or outside it, so a lister that trusts it
         * splits ranges down to single ports and never stops.
         */
        public Options listFlood(ListFlood kind, int perCall) {
            listFlood = kind;
            listFloodCount = perCall;
            return this;
        }

        public Options listOfPortMappingsCrashesAbove(int n) {
            listOfPortMappingsCrashesAbove = n;
            return this;
        }

        public Options crashIsFatal(boolean value) {
            crashIsFatal = value;
            return this;
        }

        /** GetListOfPortMappings with nothing in range: 730 PortMappingNotFound (true, the default) or an empty list. */
        public Options emptyListIsFault(boolean value) {
            emptyListIsFault = value;
            return this;
        }

        /** NewPortListing as CDATA, as miniupnpd sends it, instead of an escaped document. */
        public Options listingInCdata(boolean value) {
            listingInCdata = value;
            return this;
        }

        /** AddPortMapping stores every mapping enabled, whatever NewEnabled says (miniupnpd). */
        public Options ignoresEnabled(boolean value) {
            ignoresEnabled = value;
            return this;
        }

        /** DeletePortMapping of a missing mapping answers 200 instead of 714 (FIELD.md: miniupnpd). */
        public Options deleteOfMissingSucceeds(boolean value) {
            deleteOfMissingSucceeds = value;
            return this;
        }

        /** AddPortMapping answers 200 and stores nothing (PortMapper #137). */
        public Options addsNotStored(boolean value) {
            addsNotStored = value;
            return this;
        }

        /**
         * Every action with a NewProtocol argument answers 402 to a protocol not in upper case
         * (TP-Link ER605, tailscale #7377).
         */
        public Options requireUpperCaseProtocol(boolean value) {
            requireUpperCaseProtocol = value;
            return this;
        }

        /**
         * What AddPortMapping answers for a port another client holds: 718 (the spec's, the
         * default) or 501, as some routers do (libtorrent upnp.cpp).
         */
        public Options conflictCode(int code) {
            conflictCode = code;
            return this;
        }

        /**
         * AddPortMapping of an external port below {@code port} answers {@code code} (606, 718 or
         * 501): many routers keep those ports (tailscale upnp.go). AddAnyPortMapping picks another.
         */
        public Options reservedPortsBelow(int port, int code) {
            reservedBelowPort = port;
            reservedPortCode = code;
            return this;
        }

        /** Leases of 0 or longer than this are stored as this (miniupnpd IGD:2: 604800). 0: off. */
        public Options maxLeaseSeconds(long value) {
            maxLeaseSeconds = value;
            return this;
        }

        /** Table size limit: adds beyond it get 728 NoPortMapsAvailable (501 on IGD:1). */
        public Options tableCapacity(int value) {
            tableCapacity = value;
            return this;
        }

        /**
         * miniupnpd secure_mode, pretending the caller's address is {@code client}: mappings for
         * any other InternalClient get 718 (IGD:1) or 606 (IGD:2) (LAB.md). null turns it off.
         */
        public Options secureMode(String client) {
            secureModeClient = client;
            return this;
        }

        /**
         * false: text values (descriptions, clients, addresses) go into answers unescaped, as
         * routers that printf them do, so "&amp;&lt;&gt;" in a description breaks the XML.
         */
        public Options escapeValues(boolean value) {
            escapeValues = value;
            return this;
        }

        /** true (default): an action whose SOAPAction service type differs from the control URL's service gets 401. */
        public Options strictServiceType(boolean value) {
            strictServiceType = value;
            return this;
        }

        /** SCPDs declare ports as ui4 instead of ui2 (jUPnP #366). */
        public Options portsAsUi4(boolean value) {
            portsAsUi4 = value;
            return this;
        }

        /** The HTTP Server header. */
        public Options serverHeader(String value) {
            serverHeader = value;
            return this;
        }

        /** Mappings in the first WAN connection's table at start. */
        public Options mappings(FakeMapping... values) {
            initialMappings.addAll(List.of(values));
            return this;
        }

        public Options mappings(List<FakeMapping> values) {
            initialMappings.addAll(values);
            return this;
        }
    }

    private static final String DESCRIPTION_PATH = "/rootDesc.xml";
    private static final String CANARY_PREFIX = "/canary/";
    private static final int MAX_REQUEST_BODY = 1 << 20;

    private final Options options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String base;
    private final byte[] description;
    private final Map<String, IgdActions.Endpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, String> scpdTypes = new LinkedHashMap<>(); // path -> service type
    private final Map<String, byte[]> capturedScpds = new LinkedHashMap<>();
    private final List<FakeWan> wans = new ArrayList<>();
    private final IgdActions actions;
    private final Map<String, FakeResponse> rawByPath = new ConcurrentHashMap<>();
    private final Map<String, FakeResponse> rawByAction = new ConcurrentHashMap<>();
    private final List<SoapCall> calls = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> canaryHits = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private FakeEventing eventing;
    /** The IPv6 side, with {@link Options#ipv6Firewall()}; else null. */
    private final HttpServer server6;
    private final byte[] description6;
    private final FakeFirewall firewall;

    private FakeRouter(Options options) throws IOException {
        this.options = options;
        this.actions = new IgdActions(options, () -> down = true);
        InetAddress loopback = InetAddress.getByName(options.host);
        server = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
        base = "http://" + options.host + ":" + server.getAddress().getPort();
        description = buildDescription();
        for (DescriptionTemplates.ServiceEntry s : servicesOf(description)) {
            addService(s);
        }
        if (!wans.isEmpty()) {
            wans.get(0).table().putAll(options.initialMappings);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-router-" + server.getAddress().getPort());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        eventing = new FakeEventing(this::eventedState);
        eventing.behaviour = options.eventing;
        eventing.grantedSeconds = options.subscriptionSeconds;
        server.createContext("/", this::handle);
        if (options.ipv6Firewall) {
            server6 = HttpServer.create(new InetSocketAddress(InetAddress.getByName("::1"), 0), 64);
            String base6 = "http://[::1]:" + server6.getAddress().getPort();
            description6 = DescriptionTemplates.render(options.template, base6, true).getBytes(StandardCharsets.UTF_8);
            java.util.regex.Matcher udn = java.util.regex.Pattern.compile("<UDN>([^<]+)</UDN>")
                    .matcher(new String(description, StandardCharsets.UTF_8));
            firewall = new FakeFirewall(udn.find() ? udn.group(1) : "");
            firewall.location(base6 + DESCRIPTION_PATH);
            server6.setExecutor(executor);
            server6.createContext("/", this::handle);
            server6.start();
        } else {
            server6 = null;
            description6 = null;
            firewall = null;
        }
        server.start();
    }

    /** The IPv6 firewall service ({@link Options#ipv6Firewall()}). */
    public FakeFirewall firewall() {
        if (firewall == null) {
            throw new IllegalStateException("start the router with Options.ipv6Firewall()");
        }
        return firewall;
    }

    /** The description's URL on [::1] ({@link Options#ipv6Firewall()}). */
    public URI location6() {
        return URI.create("http://[::1]:" + server6.getAddress().getPort() + DESCRIPTION_PATH);
    }

    /** Starts a fake router on 127.0.0.1 and an ephemeral port. */
    public static FakeRouter start(Options options) {
        try {
            return new FakeRouter(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A healthy miniupnpd-like IGD:2 router. */
    public static FakeRouter start() {
        return start(Options.igd2());
    }

    private byte[] buildDescription() {
        if (options.captureName != null) {
            return DescriptionTemplates.pointAt(DescriptionTemplates.loadCapture(options.captureName), base);
        }
        if (options.descriptionXml != null) {
            return options.descriptionXml.replace("{BASE}", base).getBytes(StandardCharsets.UTF_8);
        }
        return DescriptionTemplates.render(options.template, base, options.ipv6Firewall).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The services a description declares. A custom description that does not parse (a hostile
     * one: DOCTYPE, billion laughs, junk) is served anyway and simply answers no SOAP.
     */
    private List<DescriptionTemplates.ServiceEntry> servicesOf(byte[] xml) {
        try {
            return DescriptionTemplates.services(xml, location());
        } catch (IllegalArgumentException e) {
            if (options.descriptionXml == null) {
                throw e; // a built-in template or a capture must parse
            }
            return List.of();
        }
    }

    private void addService(DescriptionTemplates.ServiceEntry s) {
        FakeWan wan = null;
        if (ServiceDescriptions.isWanConnection(s.serviceType())) {
            wan = new FakeWan(options, s.serviceType(), s.controlPath());
            wans.add(wan);
        }
        if (wan != null && !s.eventPath().isEmpty()) {
            eventPaths.add(s.eventPath());
        }
        if (!s.controlPath().isEmpty()) {
            endpoints.putIfAbsent(s.controlPath(), new IgdActions.Endpoint(s.serviceType(), wan));
        }
        if (!s.scpdPath().isEmpty() && !scpdTypes.containsKey(s.scpdPath())) {
            scpdTypes.put(s.scpdPath(), s.serviceType());
            byte[] captured = DescriptionTemplates.capturedScpd(options.captureName, s.serviceType());
            if (captured != null) {
                capturedScpds.put(s.scpdPath(), captured);
            }
        }
    }

    // ---- where it is ----

    /** http://127.0.0.1:PORT/rootDesc.xml, the LOCATION an SSDP answer would carry. */
    public URI location() {
        return URI.create(base + DESCRIPTION_PATH);
    }

    /** http://127.0.0.1:PORT */
    public URI baseUri() {
        return URI.create(base);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The live options: changes apply to the next request. */
    public Options options() {
        return options;
    }

    /** The description bytes as served. */
    public byte[] descriptionBytes() {
        return description.clone();
    }

    // ---- state ----

    /** The WAN connection services, in description order. */
    public List<FakeWan> wans() {
        return List.copyOf(wans);
    }

    /** The first WAN connection service; what the table helpers here act on. */
    public FakeWan wan() {
        return wan(0);
    }

    public FakeWan wan(int index) {
        if (index >= wans.size()) {
            throw new IllegalStateException("the description has " + wans.size() + " WAN connection services");
        }
        return wans.get(index);
    }

    /** The first WAN connection's mapping table. */
    public FakeMappingTable table() {
        return wan().table();
    }

    /** Puts mappings straight into the first WAN connection's table. */
    public FakeRouter preload(FakeMapping... mappings) {
        table().putAll(List.of(mappings));
        return this;
    }

    /** The first WAN connection's mappings, with lease time left. */
    public List<FakeMapping> mappings() {
        return table().snapshot();
    }

    public Optional<FakeMapping> mapping(String protocol, int externalPort) {
        return table().get(protocol, externalPort);
    }

    /** Router-wide (every WAN without its own value). */
    public FakeRouter setExternalIp(String value) {
        options.externalIp(value);
        eventing.notifySubscribers();
        return this;
    }

    /** Router-wide (every WAN without its own value). */
    public FakeRouter setConnectionStatus(String value) {
        options.connectionStatus(value);
        eventing.notifySubscribers();
        return this;
    }

    public FakeRouter setUptimeSeconds(long value) {
        options.uptimeSeconds(value);
        return this;
    }

    /** Moves every table's lease clock on; expired mappings disappear. */
    public void advanceClock(Duration time) {
        wans.forEach(w -> w.table().advance(time));
    }

    // ---- misbehaviour ----

    public FakeRouter addFault(FaultRule rule) {
        options.faults.add(rule);
        return this;
    }

    /** The next {@code times} calls of {@code action} fail with UPnP error {@code code}. */
    public FakeRouter failNext(String action, int times, int code) {
        return addFault(FaultRule.fault(action, code).times(times));
    }

    public void clearFaults() {
        options.faults.clear();
    }

    public FakeRouter setCallDelay(Duration value) {
        options.callDelay(value);
        return this;
    }

    public FakeRouter setActionDelay(String action, Duration value) {
        options.actionDelay(action, value);
        return this;
    }

    /**
     * Answers every request for {@code path} (path, or path with query; any method) with
     * {@code response}, ahead of everything else, "/rootDesc.xml" and control URLs included.
     */
    public FakeRouter serveRaw(String path, FakeResponse response) {
        rawByPath.put(path, response);
        return this;
    }

    /** Answers every SOAP call of {@code action} with {@code response} (after logging and delays). */
    public FakeRouter respondRaw(String action, FakeResponse response) {
        rawByAction.put(action, response);
        return this;
    }

    public void clearRaw() {
        rawByPath.clear();
        rawByAction.clear();
    }

    /** The router vanishes: every connection is closed without an answer until {@link #restart()}. */
    public void crash() {
        down = true;
    }

    /** True after {@link #crash()} or a fatal GetListOfPortMappings crash. */
    public boolean isDown() {
        return down;
    }

    /**
     * Back up after a crash or reboot with empty tables, as miniupnpd without a lease file
     * (LAB.md: a restart is a fair model of a router reboot).
     */
    public void restart() {
        wans.forEach(w -> w.table().clear());
        if (firewall != null) {
            firewall.clear();
        }
        eventing.forgetSubscribers();
        down = false;
    }

    // ---- what the client did ----

    /** Every SOAP call received, in arrival order. */
    public List<SoapCall> calls() {
        return List.copyOf(calls);
    }

    public List<SoapCall> calls(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).toList();
    }

    public int callCount(String action) {
        return calls(action).size();
    }

    public int callCount() {
        return calls.size();
    }

    public Optional<SoapCall> lastCall(String action) {
        List<SoapCall> matching = calls(action);
        return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
    }

    public void clearCalls() {
        calls.clear();
        requests.clear();
    }

    /** Every HTTP request received (descriptions, SCPDs, SOAP, anything), in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * A URL on this fake that records every request to it: use it as the target of redirects,
     * entities and foreign URLs in hostile documents. A hit means the client followed it.
     */
    public URI canaryUri(String name) {
        return URI.create(base + CANARY_PREFIX + name);
    }

    /** Paths of canary requests received ("/canary/xxe"). */
    public List<String> canaryHits() {
        return List.copyOf(canaryHits);
    }

    /** The router's event subscriptions. */
    public FakeEventing eventing() {
        return eventing;
    }

    /** What a NOTIFY carries: the first WAN service's evented variables. */
    private Map<String, String> eventedState() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("PortMappingNumberOfEntries", String.valueOf(wans.isEmpty() ? 0 : wans.get(0).table().size()));
        vars.put("ExternalIPAddress", options.externalIp);
        vars.put("ConnectionStatus", options.connectionStatus);
        return vars;
    }

    @Override
    public void close() {
        eventing.close();
        server.stop(0);
        if (server6 != null) {
            server6.stop(0);
            firewall.close();
        }
        executor.shutdownNow(); // interrupts delayed and dripping answers
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FakeRouter at " + location() + " " + wans;
    }

    // ---- HTTP ----

    /** When a request arrived and when its answer was sent (System.nanoTime). */
    public record Span(long arrivedNanos, long answeredNanos) {
    }

    /** Every request's span, for tests that check which thread was blocked by a router call. */
    public List<Span> requestSpans() {
        return List.copyOf(spans);
    }

    private final List<Span> spans = new java.util.concurrent.CopyOnWriteArrayList<>();

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try {
            answer(exchange);
        } finally {
            spans.add(new Span(arrived, System.nanoTime()));
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath();
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        requests.add(new Request(method, pathAndQuery));
        try {
            if (down) {
                exchange.close(); // no answer at all: a dead daemon
                return;
            }
            FakeResponse raw = rawByPath.getOrDefault(pathAndQuery, rawByPath.get(path));
            if (raw != null) {
                raw.writeTo(exchange);
                return;
            }
            if (path.startsWith(CANARY_PREFIX)) {
                canaryHits.add(path);
                send(exchange, 200, "text/plain", "canary".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if ((method.equals("SUBSCRIBE") || method.equals("UNSUBSCRIBE")) && eventPaths.contains(path)) {
                eventing.handle(exchange);
                return;
            }
            switch (method) {
                case "GET", "HEAD" -> get(exchange, path);
                case "POST" -> post(exchange, pathAndQuery);
                default -> send(exchange, 501, null, new byte[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (IOException | RuntimeException e) {
            exchange.close(); // the client went away, or a test asked for something odd
        }
    }

    private void get(HttpExchange exchange, String path) throws IOException, InterruptedException {
        if (path.equals(DESCRIPTION_PATH)) {
            sleep(options.descriptionDelay);
            boolean overIpv6 = description6 != null && exchange.getLocalAddress().getAddress() instanceof java.net.Inet6Address;
            send(exchange, 200, SoapEnvelope.CONTENT_TYPE, overIpv6 ? description6 : description);
            return;
        }
        String serviceType = scpdTypes.get(path);
        if (serviceType != null) {
            sleep(options.descriptionDelay);
            byte[] scpd = capturedScpds.get(path);
            if (scpd == null) {
                scpd = ServiceDescriptions.scpd(serviceType, options.portsAsUi4).getBytes(StandardCharsets.UTF_8);
            }
            send(exchange, 200, SoapEnvelope.CONTENT_TYPE, scpd);
            return;
        }
        send(exchange, 404, null, new byte[0]);
    }

    private void post(HttpExchange exchange, String pathAndQuery) throws IOException, InterruptedException {
        IgdActions.Endpoint endpoint = endpoints.get(pathAndQuery);
        if (endpoint == null) {
            send(exchange, 404, null, new byte[0]);
            return;
        }
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            send(exchange, 413, null, new byte[0]);
            return;
        }
        String header = exchange.getRequestHeaders().getFirst("SOAPAction");
        String serviceType = "";
        String headerAction = null;
        if (header != null) {
            String unquoted = header.trim().replace("\"", "");
            int hash = unquoted.lastIndexOf('#');
            if (hash >= 0) {
                serviceType = unquoted.substring(0, hash);
                headerAction = unquoted.substring(hash + 1);
            }
        }
        SoapEnvelope.Parsed parsed;
        try {
            parsed = SoapEnvelope.parse(body);
        } catch (Exception e) {
            parsed = null;
        }
        String action = headerAction != null ? headerAction : parsed == null ? "" : parsed.bodyAction();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        SoapCall call = new SoapCall(pathAndQuery, header, serviceType, action,
                parsed == null ? "" : parsed.bodyAction(), parsed == null ? Map.of() : parsed.args(),
                headers, new String(body, StandardCharsets.UTF_8));
        calls.add(call);

        sleep(options.callDelay);
        sleep(options.actionDelays.getOrDefault(action, Duration.ZERO));

        FakeResponse raw = rawByAction.get(action);
        if (raw != null) {
            raw.writeTo(exchange);
            return;
        }
        IgdActions.Reply reply = ruleReply(call);
        boolean changes = CHANGING_ACTIONS.contains(action);
        if (reply == null) {
            if (headerAction == null) {
                reply = new IgdActions.Fault(SoapFaults.INVALID_ACTION); // miniupnpd: "cannot parse SoapAction"
            } else if (parsed == null) {
                reply = new IgdActions.Fault(SoapFaults.INVALID_ARGS);
            } else if (firewall != null && endpoint.serviceType().equals(FakeFirewall.SERVICE_TYPE)) {
                reply = firewall.handle(call, exchange.getRemoteAddress().getAddress());
            } else {
                reply = actions.handle(call, endpoint);
            }
        }
        write(exchange, endpoint, action, reply);
        if (changes && reply instanceof IgdActions.Ok) {
            eventing.notifySubscribers(); // miniupnpd: a NOTIFY right after each change (LAB.md)
        }
    }

    private static final java.util.Set<String> CHANGING_ACTIONS = java.util.Set.of("AddPortMapping",
            "AddAnyPortMapping", "DeletePortMapping", "DeletePortMappingRange");
    private final java.util.Set<String> eventPaths = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private IgdActions.Reply ruleReply(SoapCall call) {
        for (FaultRule rule : options.faults) {
            if (rule.claims(call)) {
                if (rule.spent()) {
                    options.faults.remove(rule);
                }
                return switch (rule.kind()) {
                    case SOAP_FAULT -> new IgdActions.Fault(rule.code(), rule.description());
                    case HTTP_500_EMPTY -> new IgdActions.Empty500();
                    case DROP_CONNECTION -> new IgdActions.Drop();
                };
            }
        }
        return null;
    }

    private void write(HttpExchange exchange, IgdActions.Endpoint endpoint, String action, IgdActions.Reply reply)
            throws IOException {
        if (reply instanceof IgdActions.Ok ok) {
            String xml = SoapEnvelope.response(endpoint.serviceType(), action, ok.argsXml());
            send(exchange, 200, SoapEnvelope.CONTENT_TYPE, xml.getBytes(StandardCharsets.UTF_8));
        } else if (reply instanceof IgdActions.Fault fault) {
            String xml = SoapEnvelope.fault(fault.code(), fault.description());
            send(exchange, 500, SoapEnvelope.CONTENT_TYPE, xml.getBytes(StandardCharsets.UTF_8));
        } else if (reply instanceof IgdActions.Empty500) {
            send(exchange, 500, null, new byte[0]);
        } else {
            exchange.close(); // IgdActions.Drop: closing before any header drops the connection
        }
    }

    private void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        String server = options.serverHeader;
        if (server != null) {
            exchange.getResponseHeaders().set("Server", server);
        }
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, body.length == 0 || head ? -1 : body.length);
        if (body.length > 0 && !head) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    /** The request body, or null when it is over the limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_REQUEST_BODY + 1);
        return body.length > MAX_REQUEST_BODY ? null : body;
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (d != null && !d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis());
        }
    }
}
