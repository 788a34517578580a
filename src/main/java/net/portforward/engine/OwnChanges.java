package net.portforward.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.portforward.engine.model.MappingKey;

/**
 * The mappings this program changed lately (through any part of it: the window, a preset, the
 * reachability test's temporary forward, a restore), so a watcher can tell the user's own changes
 * from other computers' when the router reports them. Thread-safe.
 */
public final class OwnChanges {
    /** Long enough for the router's event and the re-read after it; short enough not to hide others. */
    static final Duration RECENT = Duration.ofSeconds(15);

    private final Map<MappingKey, Instant> changed = new ConcurrentHashMap<>();
    private final Clock clock;

    OwnChanges(Clock clock) {
        this.clock = clock;
    }

    /** Noted before the router is asked and again after it answered. */
    void note(MappingKey key) {
        Instant now = clock.instant();
        changed.values().removeIf(t -> t.plus(RECENT).isBefore(now));
        changed.put(key, now);
    }

    /** Whether this program changed the mapping under {@code key} in the last few seconds. */
    public boolean recentlyChanged(MappingKey key) {
        Instant t = changed.get(key);
        return t != null && t.plus(RECENT).isAfter(clock.instant());
    }
}
