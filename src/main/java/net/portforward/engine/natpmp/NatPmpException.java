package net.portforward.engine.natpmp;

import java.time.Instant;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;

/**
 * The gateway answered a NAT-PMP request with a non-zero result code. Its epoch is kept: an error
 * answer still says whether the gateway restarted.
 */
public class NatPmpException extends PortForwardException {
    private final int code;
    private final long epoch;
    private final Instant receivedAt;

    public NatPmpException(String request, int code, long epoch, Instant receivedAt) {
        super("NAT-PMP " + request + " answered " + of(code).map(Enum::name).orElse("unknown result") + " (" + code + ").");
        this.code = code;
        this.epoch = epoch;
        this.receivedAt = receivedAt;
    }

    /** The result code as sent (0-65535); {@link #known()} for the ones RFC 6886 defines. */
    public int code() {
        return code;
    }

    public Optional<NatPmpResultCode> known() {
        return of(code);
    }

    public boolean is(NatPmpResultCode expected) {
        return code == expected.code();
    }

    public long epoch() {
        return epoch;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    private static Optional<NatPmpResultCode> of(int code) {
        return NatPmpResultCode.of(code);
    }
}
