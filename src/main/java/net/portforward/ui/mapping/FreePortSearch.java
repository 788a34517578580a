package net.portforward.ui.mapping;

import java.util.OptionalInt;
import java.util.function.Consumer;
import net.portforward.engine.model.MappingKey;

/**
 * PortForward's own search for a free external port, for a router that cannot pick one itself
 * (IGD:1): looks near {@code key} and hands the result over on the FX thread.
 */
@FunctionalInterface
public interface FreePortSearch {
    void find(MappingKey key, Consumer<OptionalInt> result);
}
