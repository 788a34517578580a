package net.portforward.engine.portcontrol;

/**
 * A datagram that is not the answer waited for. Thrown by the wire decoders and the clients'
 * checks, caught by {@link UdpExchange}, which counts it and keeps waiting: it never reaches the
 * caller of a client. Carries no stack trace, since junk from the LAN is expected and cheap to drop.
 */
public final class UnusableAnswerException extends Exception {
    private final DropReason reason;

    public UnusableAnswerException(DropReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public DropReason reason() {
        return reason;
    }

    public static UnusableAnswerException malformed(String detail) {
        return new UnusableAnswerException(DropReason.MALFORMED, detail);
    }

    public static UnusableAnswerException notOurs(String detail) {
        return new UnusableAnswerException(DropReason.NOT_OURS, detail);
    }
}
