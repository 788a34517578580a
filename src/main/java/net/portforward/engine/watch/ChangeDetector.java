package net.portforward.engine.watch;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.portforward.engine.error.Fact;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;

/** Turns two snapshots into the changes between them, in the order people read them. */
public final class ChangeDetector {
    /**
     * Uptime is read over a network that takes time, and some routers count it coarsely: only a
     * drop larger than this means the router started again.
     */
    static final Duration UPTIME_SLACK = Duration.ofSeconds(5);

    private ChangeDetector() {
    }

    /**
     * @param restartHint a reason to believe the router restarted that the snapshots cannot show
     *     (it forgot our event subscription), or empty
     */
    public static List<RouterChange> diff(RouterSnapshot before, RouterSnapshot after, Optional<Fact> restartHint) {
        Instant now = after.taken();
        List<RouterChange> changes = new ArrayList<>();
        Map<Key, PortMapping> old = byKey(before);
        Map<Key, PortMapping> fresh = byKey(after);

        Optional<Fact> restart = uptimeWentBack(before, after).or(() -> restartHint);
        List<PortMapping> removed = old.entrySet().stream()
                .filter(e -> !fresh.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        if (restart.isPresent()) {
            changes.add(new RouterChange.RouterRestarted(now, restart.get(), removed));
        } else {
            removed.forEach(m -> changes.add(new RouterChange.MappingRemoved(now, m)));
        }
        fresh.forEach((key, m) -> {
            PortMapping was = old.get(key);
            if (was == null) {
                changes.add(new RouterChange.MappingAdded(now, m));
            } else if (!was.sameSettingsAs(m)) {
                changes.add(new RouterChange.MappingChanged(now, was, m));
            }
        });
        String ipBefore = before.status().externalIpText();
        String ipAfter = after.status().externalIpText();
        if (!ipBefore.equals(ipAfter)) {
            changes.add(new RouterChange.ExternalAddressChanged(now, ipBefore, ipAfter));
        }
        if (before.status().connectionStatus() != after.status().connectionStatus()) {
            changes.add(new RouterChange.ConnectionStatusChanged(now, before.status().connectionStatus(),
                    after.status().connectionStatus()));
        }
        return changes;
    }

    /** Whether a mapping of {@code before} is missing from {@code after}. */
    static boolean anyGone(RouterSnapshot before, RouterSnapshot after) {
        return !byKey(after).keySet().containsAll(byKey(before).keySet());
    }

    /**
     * Uptime that went back means a restart. Only a drop counts, not growth slower than the clock:
     * a router that reports a fixed uptime must not read as restarted on every poll.
     */
    static Optional<Fact> uptimeWentBack(RouterSnapshot before, RouterSnapshot after) {
        Duration was = before.status().uptime();
        Duration is = after.status().uptime();
        if (was == null || is == null) {
            return Optional.empty();
        }
        if (is.plus(UPTIME_SLACK).compareTo(was) < 0) {
            return Optional.of(WatchFact.UPTIME_WENT_BACK.with(was, is));
        }
        return Optional.empty();
    }

    /** What a router files a mapping under: protocol, external port and remote host. */
    private record Key(Protocol protocol, int externalPort, InetAddress remoteHost) {
    }

    private static Map<Key, PortMapping> byKey(RouterSnapshot s) {
        Map<Key, PortMapping> map = new LinkedHashMap<>();
        for (ListedMapping listed : s.mappings()) {
            PortMapping m = listed.mapping();
            map.putIfAbsent(new Key(m.protocol(), m.externalPort(), m.remoteHost()), m);
        }
        return map;
    }
}
