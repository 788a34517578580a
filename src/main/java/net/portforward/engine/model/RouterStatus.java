package net.portforward.engine.model;

import java.net.InetAddress;
import java.time.Duration;

/**
 * What a WAN connection service says about its link.
 *
 * @param externalIp the WAN address, or {@code null} when the router gave none or not an IPv4 one
 * @param externalIpText what the router sent, cleaned, for display ("" when nothing)
 * @param uptime {@code null} when unknown
 */
public record RouterStatus(
        InetAddress externalIp,
        String externalIpText,
        ConnectionStatus connectionStatus,
        Duration uptime,
        String lastConnectionError,
        NatVerdict natVerdict) {

    public boolean connected() {
        return connectionStatus == ConnectionStatus.CONNECTED;
    }

    public boolean doubleNat() {
        return natVerdict == NatVerdict.DOUBLE_NAT;
    }

    /**
     * The order miniupnpc's UPNP_GetValidIGD uses: connected with a public address first, then
     * connected with a private or empty one (double NAT), then the rest.
     */
    public int rank() {
        if (connected() && natVerdict == NatVerdict.PUBLIC) {
            return 0;
        }
        return connected() ? 1 : 2;
    }
}
