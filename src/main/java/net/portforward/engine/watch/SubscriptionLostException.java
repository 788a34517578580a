package net.portforward.engine.watch;

import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;

/**
 * The router no longer knows our subscription (a renewal answered 412 Precondition Failed): it
 * restarted, or the subscription ran out.
 */
public final class SubscriptionLostException extends PortForwardException {
    public SubscriptionLostException(Fact what) {
        super(what);
    }
}
