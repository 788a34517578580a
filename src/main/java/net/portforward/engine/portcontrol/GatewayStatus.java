package net.portforward.engine.portcontrol;

import java.net.InetAddress;
import java.time.Duration;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.natpmp.NatPmpClient;
import net.portforward.engine.natpmp.NatPmpException;
import net.portforward.engine.natpmp.NatPmpExternalAddress;
import net.portforward.engine.natpmp.NatPmpResultCode;
import net.portforward.engine.pcp.PcpClient;
import net.portforward.engine.pcp.PcpException;
import net.portforward.engine.pcp.PcpExternalAddress;
import net.portforward.engine.pcp.PcpResultCode;
import net.portforward.engine.progress.Progress;

/**
 * The status of a gateway reached by PCP or NAT-PMP: its external address and its epoch (the
 * seconds since its mapping state began, reported as uptime, so that a restart reads as uptime
 * going back). NAT-PMP's external-address request comes first: it has no side effect, and
 * miniupnpd answers it with NETWORK_FAILURE when its own WAN address is private, which tells
 * double NAT apart from a full table (PCP answers NO_RESOURCES for both, seen in the lab). Only a
 * gateway that does not speak NAT-PMP is asked through PCP's short probe mapping (RFC 6887
 * section 11.6).
 */
public final class GatewayStatus {
    private GatewayStatus() {
    }

    /**
     * @param pcp the gateway's PCP client, or {@code null} for a NAT-PMP gateway
     */
    public static RouterStatus read(NatPmpClient natpmp, PcpClient pcp, EpochTracker epochs, Duration deadline,
            Progress p) throws CancelledException {
        try {
            NatPmpExternalAddress a = natpmp.externalAddress(pcp == null ? deadline : deadline.dividedBy(2), p);
            epochs.observe(a.epoch(), a.receivedAt());
            return of(a.address(), a.epoch(), "");
        } catch (NatPmpException e) {
            epochs.observe(e.epoch(), e.receivedAt());
            boolean noAddress = e.is(NatPmpResultCode.NETWORK_FAILURE);
            if (noAddress && pcp == null) {
                return noPublicAddress(e.epoch(), "NAT-PMP result 3 (the router has no public address)");
            }
            if (pcp == null) {
                return unknown(null, "NAT-PMP result " + e.code());
            }
            if (noAddress) {
                // pfSense answers NAT-PMP with NETWORK_FAILURE while its PCP works (tailscale PR
                // #2572): PCP has the last word; behind carrier-grade NAT it fails too (miniupnpd).
                return pcpConfirms(pcp, epochs, deadline, p, e.epoch());
            }
        } catch (NoAnswerException e) {
            if (pcp == null) {
                return unknown(null, e.getMessage());
            }
        }
        try {
            PcpExternalAddress a = pcp.externalAddress(deadline.dividedBy(2), p);
            epochs.observe(a.epoch(), a.receivedAt());
            return of(a.address(), a.epoch(), "");
        } catch (PcpException e) {
            epochs.observe(e.epoch(), e.receivedAt());
            if (e.is(PcpResultCode.ADDRESS_MISMATCH)) {
                return noPublicAddress(e.epoch(), "PCP result 12 (ADDRESS_MISMATCH: another NAT on the way)");
            }
            return unknown(e.epoch(), "PCP result " + e.code() + e.known().map(c -> " (" + c.name() + ")").orElse(""));
        } catch (NoAnswerException e) {
            return unknown(null, e.getMessage());
        }
    }

    /** PCP's own answer after NAT-PMP said "no public address": public if PCP maps, else double NAT. */
    private static RouterStatus pcpConfirms(PcpClient pcp, EpochTracker epochs, Duration deadline, Progress p,
            long natPmpEpoch) throws CancelledException {
        try {
            PcpExternalAddress a = pcp.externalAddress(deadline.dividedBy(2), p);
            epochs.observe(a.epoch(), a.receivedAt());
            return of(a.address(), a.epoch(), "");
        } catch (PcpException e) {
            epochs.observe(e.epoch(), e.receivedAt());
            return noPublicAddress(e.epoch(), "NAT-PMP result 3 and PCP result " + e.code()
                    + " (the router has no public address)");
        } catch (NoAnswerException e) {
            return noPublicAddress(natPmpEpoch, "NAT-PMP result 3 (the router has no public address)");
        }
    }

    private static RouterStatus of(InetAddress address, long epoch, String error) {
        InetAddress ip = address == null || address.isAnyLocalAddress() ? null : address;
        return new RouterStatus(ip, ip == null ? "" : ip.getHostAddress(), ConnectionStatus.CONNECTED,
                Duration.ofSeconds(epoch), error, NatVerdict.of(ip, true));
    }

    /** The gateway answers but has no public address of its own: behind another NAT (or offline). */
    private static RouterStatus noPublicAddress(long epoch, String error) {
        return new RouterStatus(null, "", ConnectionStatus.CONNECTED, Duration.ofSeconds(epoch), error,
                NatVerdict.DOUBLE_NAT);
    }

    private static RouterStatus unknown(Long epoch, String error) {
        return new RouterStatus(null, "", ConnectionStatus.UNKNOWN, epoch == null ? null : Duration.ofSeconds(epoch), error,
                NatVerdict.UNKNOWN);
    }
}
