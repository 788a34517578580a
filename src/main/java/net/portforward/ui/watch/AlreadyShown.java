package net.portforward.ui.watch;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.portforward.engine.OwnChanges;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.watch.RouterChange;

/**
 * Which router change needs no popup: true when the window already shows the router as it is
 * after the change, as after the changes the user made in this window or that another part of
 * this program made (a preset, the reachability test's temporary forward, a restore).
 */
public final class AlreadyShown implements Predicate<RouterChange> {
    private final Supplier<OwnChanges> ownChanges;
    private final Supplier<List<ListedMapping>> table;
    private final Supplier<RouterStatus> status;

    /**
     * @param ownChanges what this program changed lately (the engine's, which settings may replace)
     * @param table the rows the window shows now
     * @param status the router status the window shows now, or null
     */
    public AlreadyShown(Supplier<OwnChanges> ownChanges, Supplier<List<ListedMapping>> table,
                        Supplier<RouterStatus> status) {
        this.ownChanges = ownChanges;
        this.table = table;
        this.status = status;
    }

    @Override
    public boolean test(RouterChange c) {
        Optional<MappingKey> key = keyOf(c);
        if (key.isPresent() && ownChanges.get().recentlyChanged(key.get())) {
            // Made by this program: the table may be half re-read just now, and the user knows
            // what they did.
            return true;
        }
        List<ListedMapping> rows = table.get();
        RouterStatus now = status.get();
        if (c instanceof RouterChange.MappingAdded a) {
            return rows.stream().anyMatch(r -> r.mapping().sameSettingsAs(a.mapping()));
        }
        if (c instanceof RouterChange.MappingChanged m) {
            return rows.stream().anyMatch(r -> r.mapping().sameSettingsAs(m.after()));
        }
        if (c instanceof RouterChange.MappingRemoved r) {
            return rows.stream().noneMatch(row -> !row.heldByApp() && row.mapping().key().equals(r.mapping().key()));
        }
        if (c instanceof RouterChange.ExternalAddressChanged e) {
            return now != null && now.externalIpText().equals(e.after());
        }
        if (c instanceof RouterChange.ConnectionStatusChanged cs) {
            return now != null && now.connectionStatus() == cs.after();
        }
        return false;
    }

    private static Optional<MappingKey> keyOf(RouterChange c) {
        if (c instanceof RouterChange.MappingAdded a) {
            return Optional.of(a.mapping().key());
        }
        if (c instanceof RouterChange.MappingRemoved r) {
            return Optional.of(r.mapping().key());
        }
        if (c instanceof RouterChange.MappingChanged m) {
            return Optional.of(m.after().key());
        }
        return Optional.empty();
    }
}
