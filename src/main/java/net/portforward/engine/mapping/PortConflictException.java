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
    private final MappingKey wanted;
    private final ListedMapping holder;
    private final OptionalInt freePort;

    public PortConflictException(MappingKey wanted, ListedMapping holder, OptionalInt freePort) {
        this(Why.TAKEN, "port taken: " + wanted, wanted, holder, freePort);
    }

    private PortConflictException(Why why, String technical, MappingKey wanted, ListedMapping holder,
            OptionalInt freePort) {
        super(why == Why.TAKEN ? Refusal.PORT_TAKEN : Refusal.NOT_AUTHORIZED, technical, technical + describe(holder, freePort));
        this.why = why;
        this.wanted = wanted;
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
        return new PortConflictException(Why.RESERVED_LOW_PORT, technical, key, null, freePort);
    }

    public Why why() {
        return why;
    }

    /** The port asked for. */
    public MappingKey wanted() {
        return wanted;
    }

    /** The mapping holding the port, when the router told us. */
    public ListedMapping holder() {
        return holder;
    }

    /** The nearest external port that is free on the router, if one was found. */
    public OptionalInt freePort() {
        return freePort;
    }

    /** English, for logs and bug reports: who holds the port and which one is free. */
    private static String describe(ListedMapping holder, OptionalInt free) {
        String who = holder == null || holder.mapping().internalClient() == null ? ""
                : ", held by " + holder.mapping().internalClient().getHostAddress();
        return who + (free.isPresent() ? ", " + free.getAsInt() + " free" : "");
    }
}
