package net.portforward.engine.portcontrol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.Listing;
import net.portforward.engine.mapping.MappingJournal;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;

/**
 * What a PCP or NAT-PMP gateway holds for this computer, as far as anyone can know: neither
 * protocol has a request that lists a router's table (FIELD.md), so it is PortForward's own
 * record of the mappings it made there whose lease has not run out.
 */
public final class HeldMappings {
    private final MappingJournal journal;
    private final String routerId;

    public HeldMappings(MappingJournal journal, String routerId) {
        this.journal = journal;
        this.routerId = routerId;
    }

    public Listing list(Consumer<ListedMapping> sink) throws PortForwardException {
        List<ListedMapping> out = new ArrayList<>();
        for (PortMapping m : journal.held(routerId)) {
            ListedMapping l = ListedMapping.clean(m);
            out.add(l);
            sink.accept(l);
        }
        return new Listing(out, List.of());
    }

    /** Every mapping held there, as recorded. */
    public List<PortMapping> all() throws PortForwardException {
        return journal.held(routerId);
    }

    public Optional<ListedMapping> get(MappingKey key) throws PortForwardException {
        return journal.held(routerId).stream().filter(m -> m.key().equals(key)).findFirst().map(ListedMapping::clean);
    }
}
