package net.portforward.engine.mapping;

import java.util.OptionalInt;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.model.ListedMapping;

/**
 * The external port is taken by another computer's mapping (UPnP 718, or found by our check
 * before adding). Says who holds it and which free port is nearest.
 */
public class PortConflictException extends RouterRefusedException {
    private final ListedMapping holder;
    private final OptionalInt freePort;

    public PortConflictException(String wanted, ListedMapping holder, OptionalInt freePort) {
        super(Refusal.PORT_TAKEN, "port taken: " + wanted, describe(wanted, holder, freePort));
        this.holder = holder;
        this.freePort = freePort;
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
