package net.portforward.engine.upnp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.net.Ipv4;
import net.portforward.engine.net.Text;
import net.portforward.engine.progress.Progress;

/** A WAN connection service's GetStatusInfo and GetExternalIPAddress, as one {@link RouterStatus}. */
public final class UpnpStatus {
    private UpnpStatus() {
    }

    /**
     * A service that fails them is kept with an unknown status and ranked last: the DD-WRT
     * "Generic X86" lists a WANPPPConnection that answers no action at all
     * (routers/ddwrt-v24-generic-x86-rootdesc.xml).
     */
    public static RouterStatus read(WanConnection wan, Progress progress) throws CancelledException {
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
        InetAddress ip = Ipv4.parse(ipText).orElse(null);
        if (ip != null && ip.isAnyLocalAddress()) {
            // 0.0.0.0 means "no address" (tailscale corp#23538): never shown or used as one.
            ip = null;
            ipText = "";
        }
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
