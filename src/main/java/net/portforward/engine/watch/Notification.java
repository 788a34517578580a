package net.portforward.engine.watch;

import java.util.Map;

/**
 * One GENA NOTIFY from the router, already checked and parsed.
 *
 * @param seq the router's event key: 0 for the first NOTIFY of a subscription, then counting up
 *     (-1 when the router sent none)
 * @param variables evented state variables and their values, such as PortMappingNumberOfEntries
 */
public record Notification(String sid, long seq, Map<String, String> variables) {
    public Notification {
        variables = Map.copyOf(variables);
    }
}
