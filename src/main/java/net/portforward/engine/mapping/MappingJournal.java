package net.portforward.engine.mapping;

import java.util.List;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;

/**
 * Told about every change PortForward makes to a router's table, so a record of the app's own
 * mappings can be kept (the ledger). {@link #adding} runs before the router is asked: when it
 * throws, nothing is sent. The others run after the router answered.
 */
public interface MappingJournal {
    /** Records nothing. */
    MappingJournal NONE = new MappingJournal() {
    };

    /**
     * The mappings recorded for this router whose lease has not run out, each with the time left
     * as its lease (zero: permanent): what a router that cannot list its table (PCP, NAT-PMP) is
     * shown to hold.
     */
    default List<PortMapping> held(String routerId) throws PortForwardException {
        return List.of();
    }

    /** Before an add is sent; {@code wanted} is what the user asked for. */
    default void adding(String routerId, PortMapping wanted, Retention retention) throws PortForwardException {
    }

    /** The router lists the mapping: {@code actual} as read back (its lease is the time granted). */
    default void added(String routerId, PortMapping wanted, PortMapping actual, Retention retention)
            throws PortForwardException {
    }

    /** The add failed; whether the router may still have made it depends on {@code cause}. */
    default void addFailed(String routerId, PortMapping wanted, PortForwardException cause) {
    }

    /** An edit of the mapping at {@code updated.key()} went through. */
    default void changed(String routerId, PortMapping updated) throws PortForwardException {
    }

    /** The mapping was switched on or off. */
    default void enabledChanged(String routerId, MappingKey key, boolean enabled) throws PortForwardException {
    }

    /** The mapping was deleted (or, when held disabled, forgotten). */
    default void removed(String routerId, MappingKey key) throws PortForwardException {
    }
}
