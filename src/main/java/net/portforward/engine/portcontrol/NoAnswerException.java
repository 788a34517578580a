package net.portforward.engine.portcontrol;

import java.net.InetSocketAddress;
import java.time.Duration;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.error.RouterUnreachableException;

/**
 * No usable answer came within the caller's deadline (or before the retransmissions ran out): the
 * gateway does not speak the protocol, is not there, or every answer was lost or dropped. Not an
 * answer with an error code; those are the protocols' own exceptions. {@link #getCause()} is the
 * socket error when sending or receiving failed, else null.
 */
public class NoAnswerException extends RouterUnreachableException {
    private final String protocol;
    private final InetSocketAddress server;
    private final Duration deadline;
    private final int requestsSent;

    public NoAnswerException(String protocol, InetSocketAddress server, Duration deadline, int requestsSent,
                             Throwable cause) {
        super(cause == null
                ? RouterTrouble.NO_PORT_CONTROL_ANSWER.with(protocol, server.getAddress(), server.getPort(),
                        deadline.toMillis(), requestsSent)
                : RouterTrouble.NO_PORT_CONTROL_ANSWER_ERROR.with(protocol, server.getAddress(), server.getPort(),
                        deadline.toMillis(), requestsSent, cause.getMessage()), cause);
        this.protocol = protocol;
        this.server = server;
        this.deadline = deadline;
        this.requestsSent = requestsSent;
    }

    /** "NAT-PMP" or "PCP". */
    public String protocol() {
        return protocol;
    }

    public InetSocketAddress server() {
        return server;
    }

    public Duration deadline() {
        return deadline;
    }

    public int requestsSent() {
        return requestsSent;
    }
}
