package net.portforward.testing;

/**
 * One WAN connection service of a {@link FakeRouter} (a WANIPConnection or WANPPPConnection in
 * its description), with its own mapping table. Most routers have one; MikroTik has two
 * (routers/mikrotik-routeros-chr-7.10-rootdesc.xml), which is how a test gives them different
 * addresses or states, for instance one connected with a public address and one not.
 *
 * <p>The status values left unset here follow the router-wide {@link FakeRouter.Options}.
 */
public final class FakeWan {

    private final FakeRouter.Options options;
    private final String serviceType;
    private final String controlPath;
    private final FakeMappingTable table = new FakeMappingTable();
    private volatile String externalIp;
    private volatile String connectionStatus;
    private volatile Long uptimeSeconds;
    private volatile String lastConnectionError;

    FakeWan(FakeRouter.Options options, String serviceType, String controlPath) {
        this.options = options;
        this.serviceType = serviceType;
        this.controlPath = controlPath;
    }

    /** "urn:schemas-upnp-org:service:WANIPConnection:2", as the description declares it. */
    public String serviceType() {
        return serviceType;
    }

    /** The control URL's path and query ("/ctl/IPConn"). */
    public String controlPath() {
        return controlPath;
    }

    /** 2 for WANIPConnection:2 (and the Livebox's WANPPPConnection:2): IGD:2 actions allowed. */
    public int version() {
        return ServiceDescriptions.versionOf(serviceType);
    }

    public FakeMappingTable table() {
        return table;
    }

    /** Any text, sent verbatim: "25.77.0.2", "" (miniupnpd behind CGNAT), "0.0.0.0", "100.64.1.2". */
    public FakeWan setExternalIp(String value) {
        externalIp = value;
        return this;
    }

    /** "Connected", "Disconnected", "Connecting", ... or any junk. */
    public FakeWan setConnectionStatus(String value) {
        connectionStatus = value;
        return this;
    }

    public FakeWan setUptimeSeconds(long value) {
        uptimeSeconds = value;
        return this;
    }

    public FakeWan setLastConnectionError(String value) {
        lastConnectionError = value;
        return this;
    }

    public String externalIp() {
        String own = externalIp;
        return own != null ? own : options.externalIp;
    }

    public String connectionStatus() {
        String own = connectionStatus;
        return own != null ? own : options.connectionStatus;
    }

    public long uptimeSeconds() {
        Long own = uptimeSeconds;
        return own != null ? own : options.uptimeSeconds;
    }

    public String lastConnectionError() {
        String own = lastConnectionError;
        return own != null ? own : options.lastConnectionError;
    }

    @Override
    public String toString() {
        return serviceType + " at " + controlPath;
    }
}
