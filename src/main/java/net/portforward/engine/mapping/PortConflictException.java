package net.portforward.engine.mapping;

import java.util.OptionalInt;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;

/**
 * The router will not forward this external port, and another one is offered: another computer's
 * mapping holds it (UPnP 718, 501 on routers that answer it instead, or found by our check before
 * adding), or the router keeps ports below 1024 for itself. Says why, who holds it, and which free
 * port is nearest.
 */
public class PortConflictException extends RouterRefusedException {
    /** Why the port cannot be had. */
    public enum Why {
        /** Another computer's mapping holds it (or the router says so without naming it). */
        TAKEN,
        /**
         * The router refused a port below 1024 and no mapping holds it: many routers keep those for
         * themselves (tailscale upnp.go, offbynull/portmapper README).
         */
        RESERVED_LOW_PORT
    }

    private final Why why;
    private final ListedMapping holder;
    private final OptionalInt freePort;

    public PortConflictException(String wanted, ListedMapping holder, OptionalInt freePort) {
        this(Why.TAKEN, "port taken: " + wanted, describe(wanted, holder, freePort), holder, freePort);
    }

    private PortConflictException(Why why, String technical, String message, ListedMapping holder, OptionalInt freePort) {
        super(why == Why.TAKEN ? Refusal.PORT_TAKEN : Refusal.NOT_AUTHORIZED, technical, message);
        this.why = why;
        this.holder = holder;
        this.freePort = freePort;
    }

    /**
     * The router refused {@code key}, a port below 1024 that no mapping holds.
     *
     * @param technical what the router answered, e.g. "UPnP error 606 to AddPortMapping"
     * @param freePort the nearest free port from 1024 up
     */
    public static PortConflictException reservedLowPort(MappingKey key, String technical, OptionalInt freePort) {
        String offer = freePort.isPresent() ? " External port " + freePort.getAsInt() + " is free." : "";
        return new PortConflictException(Why.RESERVED_LOW_PORT, technical, "Your router refused " + key
                + ": many routers keep the ports below 1024 for themselves." + offer, null, freePort);
    }

    public Why why() {
        return why;
    }

    /** The mapping holding the port, when the router told us. */
    public ListedMapping holder() {
        return holder;
    }

    /** The nearest external port that is free on the router, if one was found. */
    public OptionalInt freePort() {
        return freePort;
    }

    private static String describe(String wanted, ListedMapping holder, OptionalInt free) {
        String who = holder == null ? "another computer"
                : holder.mapping().internalClient() == null ? "another device"
                : holder.mapping().internalClient().getHostAddress()
                        + (holder.mapping().description().isEmpty() ? "" : " (\"" + holder.mapping().description() + "\")");
        String offer = free.isPresent() ? " External port " + free.getAsInt() + " is free." : "";
        return wanted + " is already forwarded to " + who + "." + offer;
    }
}
