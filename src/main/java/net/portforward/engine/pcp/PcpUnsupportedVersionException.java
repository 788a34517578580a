package net.portforward.engine.pcp;

import java.time.Duration;
import java.time.Instant;

/**
 * The server does not speak PCP version 2 (UNSUPP_VERSION, RFC 6887 section 9). {@link
 * #serverVersion()} is the version it named: 0 when a NAT-PMP-only gateway answered in NAT-PMP's
 * own format (RFC 6886 section 3.5, RFC 6887 section 9), 1 for the pre-RFC draft. The caller falls
 * back to NAT-PMP.
 */
public class PcpUnsupportedVersionException extends PcpException {
    private final int serverVersion;

    public PcpUnsupportedVersionException(String request, int serverVersion, long epoch, Instant receivedAt) {
        super(PcpResultCode.UNSUPP_VERSION.code(), Duration.ZERO, epoch, receivedAt,
                "PCP " + request + " answered UNSUPP_VERSION (1): the server speaks version " + serverVersion + ".");
        this.serverVersion = serverVersion;
    }

    public int serverVersion() {
        return serverVersion;
    }

    /** True when the gateway speaks NAT-PMP (version 0) and not PCP. */
    public boolean natPmpOnly() {
        return serverVersion == 0;
    }
}
