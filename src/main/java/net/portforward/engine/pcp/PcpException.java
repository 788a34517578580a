package net.portforward.engine.pcp;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;

/**
 * The PCP server answered with a non-zero result code. The error's lifetime (how long the server
 * expects the error to hold, section 7.2) and the epoch are kept: an error answer still says
 * whether the gateway restarted.
 */
public class PcpException extends PortForwardException {
    private final int code;
    private final Duration errorLifetime;
    private final long epoch;
    private final Instant receivedAt;

    public PcpException(String request, int code, Duration errorLifetime, long epoch, Instant receivedAt) {
        this(code, errorLifetime, epoch, receivedAt, "PCP " + request + " answered "
                + PcpResultCode.of(code).map(Enum::name).orElse("unknown result") + " (" + code + ").");
    }

    /** For subclasses that say more than the code. */
    protected PcpException(int code, Duration errorLifetime, long epoch, Instant receivedAt, String message) {
        super(message);
        this.code = code;
        this.errorLifetime = errorLifetime;
        this.epoch = epoch;
        this.receivedAt = receivedAt;
    }

    /** The result code as sent (0-255); {@link #known()} for the ones RFC 6887 defines. */
    public int code() {
        return code;
    }

    public Optional<PcpResultCode> known() {
        return PcpResultCode.of(code);
    }

    public boolean is(PcpResultCode expected) {
        return code == expected.code();
    }

    /** How long the server says the error will hold (zero for most long-lived errors). */
    public Duration errorLifetime() {
        return errorLifetime;
    }

    public long epoch() {
        return epoch;
    }

    public Instant receivedAt() {
        return receivedAt;
    }
}
