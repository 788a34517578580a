package net.portforward.ui.main;

import net.portforward.ui.common.UiText;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import net.portforward.config.Durations;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;

/**
 * One row of the mapping table: the mapping as listed, whether it is this computer's, and an
 * enabled flag the table's check box edits (the view model turns edits into engine calls).
 */
public final class MappingRow {
    private final ListedMapping listed;
    private final boolean thisComputer;
    private final Instant listedAt;
    private final BooleanProperty enabled;
    /** True while the model itself sets {@link #enabled}, so that is not taken as the user's click. */
    boolean syncing;

    public MappingRow(ListedMapping listed, InetAddress thisComputer, Instant listedAt) {
        this.listed = listed;
        this.thisComputer = thisComputer != null && thisComputer.equals(listed.mapping().internalClient());
        this.listedAt = listedAt;
        this.enabled = new SimpleBooleanProperty(listed.mapping().enabled() && !listed.heldByApp());
    }

    public ListedMapping listed() {
        return listed;
    }

    public PortMapping mapping() {
        return listed.mapping();
    }

    public boolean thisComputer() {
        return thisComputer;
    }

    public boolean heldByApp() {
        return listed.heldByApp();
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    /** Sets the flag without it counting as the user's change. */
    void showEnabled(boolean value) {
        syncing = true;
        try {
            enabled.set(value);
        } finally {
            syncing = false;
        }
    }

    /** "permanent", "1 h 59 min", "expired": the lease left at {@code now}. */
    public String leaseLeft(Instant now) {
        PortMapping m = listed.mapping();
        if (m.permanent()) {
            return UiText.get("lease.permanent");
        }
        Duration left = m.lease().minus(Duration.between(listedAt, now));
        if (left.isNegative() || left.isZero()) {
            return UiText.get("lease.expired");
        }
        return Durations.words(left.truncatedTo(ChronoUnit.SECONDS), 2);
    }

    /** Text the filter box matches: every column's value. */
    String searchText() {
        PortMapping m = listed.mapping();
        return String.join(" ", m.protocol().name(), String.valueOf(m.externalPort()),
                m.internalClient() == null ? "" : m.internalClient().getHostAddress(), String.valueOf(m.internalPort()),
                m.description(), m.remoteHost() == null ? "" : m.remoteHost().getHostAddress()).toLowerCase();
    }
}
