package net.portforward.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The in-memory port mapping table of one WAN connection of a {@link FakeRouter}. Thread-safe:
 * every method holds the table's lock, so a check-then-add is atomic as on a real router.
 *
 * <p>Rows keep insertion order, which is the order GetGenericPortMappingEntry walks them
 * (miniupnpd lists its rules in the order they were added). Leases run on a fake clock that only
 * {@link #advance(Duration)} moves, so renewal tests never sleep.
 */
public final class FakeMappingTable {

    /** A row: the mapping as added, and the fake second its lease ends (0 = permanent). */
    private record Row(FakeMapping mapping, long expiresAtSecond) {}

    private final Map<String, Row> rows = new LinkedHashMap<>();
    /** Keys listed but no longer forwarding (Technicolor CGA4131COM, tailscale #21208). */
    private final java.util.Set<String> stale = new java.util.HashSet<>();
    private long nowSecond;

    /**
     * The mapping stays listed, and renewing it (AddPortMapping over it) changes nothing, but it
     * no longer forwards: only a delete and a new add repair it (Technicolor CGA4131COM, tailscale #21208).
     */
    public synchronized void markStale(String protocol, int externalPort) {
        String key = FakeMapping.keyOf(protocol, externalPort);
        if (rows.containsKey(key)) {
            stale.add(key);
        }
    }

    /** Whether traffic to this external port would be forwarded: listed and not stale. */
    public synchronized boolean forwards(String protocol, int externalPort) {
        String key = FakeMapping.keyOf(protocol, externalPort);
        return rows.containsKey(key) && !stale.contains(key);
    }

    /** Every mapping, in table order, with the lease time left. */
    public synchronized List<FakeMapping> snapshot() {
        List<FakeMapping> out = new ArrayList<>(rows.size());
        for (Row row : rows.values()) {
            out.add(withLeaseLeft(row));
        }
        return out;
    }

    public synchronized int size() {
        return rows.size();
    }

    public synchronized Optional<FakeMapping> get(String protocol, int externalPort) {
        Row row = rows.get(FakeMapping.keyOf(protocol, externalPort));
        return row == null ? Optional.empty() : Optional.of(withLeaseLeft(row));
    }

    /** The row at a 0-based position in table order. */
    public synchronized Optional<FakeMapping> at(int index) {
        if (index < 0 || index >= rows.size()) {
            return Optional.empty();
        }
        Iterator<Row> it = rows.values().iterator();
        for (int i = 0; i < index; i++) {
            it.next();
        }
        return Optional.of(withLeaseLeft(it.next()));
    }

    /** Stores a mapping as is, replacing any under the same key (for preloading). */
    public synchronized void put(FakeMapping mapping) {
        String key = mapping.key();
        rows.remove(key); // a replaced row moves to the end, as a re-added rule does
        long lease = mapping.leaseSeconds();
        rows.put(key, new Row(mapping, lease > 0 ? nowSecond + lease : 0));
    }

    public synchronized void putAll(List<FakeMapping> mappings) {
        mappings.forEach(this::put);
    }

    /**
     * Adds with IGD semantics: a free key is taken; a key held by the same internal client is
     * overwritten (that client may update its own mapping); a key held by another client is left
     * alone. Returns the conflicting mapping, or empty when the add was stored.
     */
    public synchronized Optional<FakeMapping> addUnlessHeldByOther(FakeMapping mapping) {
        Row existing = rows.get(mapping.key());
        if (existing != null && !existing.mapping().internalClient().equals(mapping.internalClient())) {
            return Optional.of(withLeaseLeft(existing));
        }
        if (existing != null) {
            // Overwrite in place: an update keeps the rule's position on real routers.
            long lease = mapping.leaseSeconds();
            rows.put(mapping.key(), new Row(mapping, lease > 0 ? nowSecond + lease : 0));
        } else {
            put(mapping);
        }
        return Optional.empty();
    }

    /** True when a mapping under this key is held by anyone but {@code internalClient}. */
    public synchronized boolean heldByOther(String protocol, int externalPort, String internalClient) {
        Row row = rows.get(FakeMapping.keyOf(protocol, externalPort));
        return row != null && !row.mapping().internalClient().equals(internalClient);
    }

    public synchronized boolean remove(String protocol, int externalPort) {
        stale.remove(FakeMapping.keyOf(protocol, externalPort));
        return rows.remove(FakeMapping.keyOf(protocol, externalPort)) != null;
    }

    /** Removes the mappings of {@code protocol} with external ports in [start, end] that match. */
    public synchronized int removeRange(String protocol, int start, int end, Predicate<FakeMapping> which) {
        int removed = 0;
        for (Iterator<Row> it = rows.values().iterator(); it.hasNext(); ) {
            FakeMapping m = it.next().mapping();
            if (inRange(m, protocol, start, end) && which.test(m)) {
                stale.remove(m.key());
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    /** The mappings of {@code protocol} with external ports in [start, end], in table order. */
    public synchronized List<FakeMapping> range(String protocol, int start, int end) {
        List<FakeMapping> out = new ArrayList<>();
        for (Row row : rows.values()) {
            if (inRange(row.mapping(), protocol, start, end)) {
                out.add(withLeaseLeft(row));
            }
        }
        return out;
    }

    private static boolean inRange(FakeMapping m, String protocol, int start, int end) {
        return m.protocol().trim().equalsIgnoreCase(protocol.trim())
                && m.externalPort() >= start
                && m.externalPort() <= end;
    }

    public synchronized void clear() {
        stale.clear();
        rows.clear();
    }

    /** Moves the fake clock on; mappings whose lease ran out are gone, as on a real router. */
    public synchronized void advance(Duration time) {
        nowSecond += time.toSeconds();
        rows.values().removeIf(row -> row.expiresAtSecond() != 0 && row.expiresAtSecond() <= nowSecond);
        stale.retainAll(rows.keySet());
    }

    private FakeMapping withLeaseLeft(Row row) {
        if (row.expiresAtSecond() == 0) {
            return row.mapping();
        }
        return row.mapping().withLeaseSeconds(Math.max(0, row.expiresAtSecond() - nowSecond));
    }
}
