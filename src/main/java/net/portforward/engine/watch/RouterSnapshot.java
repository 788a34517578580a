package net.portforward.engine.watch;

import java.time.Instant;
import java.util.List;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.RouterStatus;

/**
 * What the router said at one moment: its status (external address, connection, uptime) and its
 * whole mapping table. Two snapshots compared give the changes in between.
 */
public record RouterSnapshot(Instant taken, RouterStatus status, List<ListedMapping> mappings) {
    public RouterSnapshot {
        mappings = List.copyOf(mappings);
    }
}
