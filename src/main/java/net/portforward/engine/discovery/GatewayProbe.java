package net.portforward.engine.discovery;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.model.DeviceDescription;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.net.GatewayAddressPolicy;
import net.portforward.engine.net.Ipv4;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.net.Text;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.upnp.DescriptionParser;
import net.portforward.engine.upnp.SoapClient;
import net.portforward.engine.upnp.WanConnection;

/** Reads one router's description and the status of each of its WAN connection services. */
public final class GatewayProbe {
    private final SafeHttp http;
    private final SoapClient soap;

    public GatewayProbe(SafeHttp http) {
        this.http = http;
        this.soap = new SoapClient(http);
    }

    /**
     * @param router the address the description may be fetched from and every URL in it must name
     * @return one gateway per WAN connection service, each with its status
     */
    public List<Gateway> probe(URI location, InetAddress router, Progress progress) throws PortForwardException {
        GatewayAddressPolicy policy = new GatewayAddressPolicy(router);
        policy.check(location, "description URL");
        SafeHttp.Response response = http.get(location, progress);
        if (response.status() != 200) {
            throw new RouterProtocolException("The router at " + router.getHostAddress() + " answered HTTP "
                    + response.status() + " for its description " + location + ".");
        }
        DescriptionParser.Result parsed = DescriptionParser.parse(response.body(), location, policy);
        DeviceDescription device = parsed.description();
        List<ServiceRef> wan = device.wanConnectionServices();
        if (wan.isEmpty()) {
            String why = parsed.warnings().isEmpty() ? "" : " " + String.join(" ", parsed.warnings());
            throw new RouterProtocolException("\"" + Text.clean(device.friendlyName(), 60) + "\" at "
                    + router.getHostAddress() + " offers no UPnP port-mapping service (WANIPConnection or"
                    + " WANPPPConnection)." + why);
        }
        int port = location.getPort() < 0 ? 80 : location.getPort();
        InetAddress local = NetworkChoice.localAddressTowards(router, port);
        List<Gateway> out = new ArrayList<>();
        for (ServiceRef service : wan) {
            progress.checkCancelled();
            out.add(new Gateway(device, service, router, local, readStatus(new WanConnection(soap, service), progress)));
        }
        return out;
    }

    /**
     * GetStatusInfo and GetExternalIPAddress. A service that fails them is kept with an unknown
     * status and ranked last: the DD-WRT "Generic X86" lists a WANPPPConnection that answers no
     * action at all (routers/ddwrt-v24-generic-x86-rootdesc.xml).
     */
    public static RouterStatus readStatus(WanConnection wan, Progress progress) throws CancelledException {
        ConnectionStatus status = ConnectionStatus.UNKNOWN;
        Duration uptime = null;
        String lastError = "";
        try {
            Map<String, String> info = wan.getStatusInfo(progress);
            status = ConnectionStatus.parse(info.get("NewConnectionStatus"));
            lastError = Text.clean(info.getOrDefault("NewLastConnectionError", ""), 80);
            uptime = parseSeconds(info.get("NewUptime"));
        } catch (CancelledException e) {
            throw e;
        } catch (PortForwardException e) {
            lastError = e.getMessage();
        }
        String ipText;
        try {
            ipText = Text.clean(wan.getExternalIPAddress(progress), 64);
        } catch (CancelledException e) {
            throw e;
        } catch (PortForwardException e) {
            return new RouterStatus(null, "", status, uptime, lastError.isEmpty() ? e.getMessage() : lastError,
                    NatVerdict.UNKNOWN);
        }
        InetAddress ip = Ipv4.parse(ipText).filter(a -> !a.isAnyLocalAddress()).orElse(null);
        return new RouterStatus(ip, ipText, status, uptime, lastError,
                NatVerdict.of(ip, status == ConnectionStatus.CONNECTED || status == ConnectionStatus.UNKNOWN && ip != null));
    }

    private static Duration parseSeconds(String text) {
        try {
            long s = Long.parseLong(text == null ? "" : text.trim());
            return s >= 0 ? Duration.ofSeconds(s) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
