package net.portforward.engine.model;

import java.util.List;
import net.portforward.engine.error.Fact;

/**
 * A mapping as a router listed it, with what was wrong in the router's answer. Routers send
 * anything (FIELD.md: 10 KB descriptions, control characters, ports 70000, host names as clients);
 * the values here are already made safe to show, and each repair is named in {@code warnings}.
 *
 * @param heldByApp true when the router does not have it now but PortForward keeps it disabled
 *     for the user (routers that ignore the Enabled flag, see {@code ParkedMappings})
 */
public record ListedMapping(PortMapping mapping, List<Fact> warnings, boolean heldByApp) {
    public ListedMapping {
        warnings = List.copyOf(warnings);
    }

    public static ListedMapping clean(PortMapping mapping) {
        return new ListedMapping(mapping, List.of(), false);
    }
}
