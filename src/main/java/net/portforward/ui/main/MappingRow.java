package net.portforward.ui.main;

import net.portforward.ui.common.UiText;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;

/**
 * One row of the mapping table: the mapping as listed, whether it is this computer's, and an
 * enabled flag the table's check box edits (the view model turns edits into engine calls). A
 * pinhole in the router's IPv6 firewall is a row too ({@link #pinhole()}), shown as a forward of
 * this computer's port to itself, which is what it amounts to.
 */
public final class MappingRow {
    private final ListedMapping listed;
    private final boolean thisComputer;
    private final Instant listedAt;
    private final BooleanProperty enabled;
    /** The pinhole this row shows, or null for an IPv4 forward. */
    private final Ipv6Hole hole;
    /** True while the model itself sets {@link #enabled}, so that is not taken as the user's click. */
    boolean syncing;

    public MappingRow(ListedMapping listed, InetAddress thisComputer, Instant listedAt) {
        this.listed = listed;
        this.thisComputer = thisComputer != null && thisComputer.equals(listed.mapping().internalClient());
        this.listedAt = listedAt;
        this.enabled = new SimpleBooleanProperty(listed.mapping().enabled() && !listed.heldByApp());
        this.hole = null;
    }

    private MappingRow(Ipv6Hole hole, Instant listedAt) {
        this.listed = ListedMapping.clean(new PortMapping(hole.key().protocol(), hole.key().port(), hole.address(),
                hole.key().port(), true, UiText.get("table.pinhole"), null,
                hole.leaseEnd().map(end -> Duration.between(listedAt, end)).filter(d -> !d.isNegative()
                        && !d.isZero()).orElse(Duration.ofSeconds(1))));
        this.thisComputer = true;
        this.listedAt = listedAt;
        this.enabled = new SimpleBooleanProperty(true);
        this.hole = hole;
    }

    /** A row for a pinhole in the router's IPv6 firewall, as recorded at {@code readAt}. */
    public static MappingRow pinhole(Ipv6Hole hole, Instant readAt) {
        return new MappingRow(hole, readAt);
    }

    /** The pinhole this row shows; empty for an IPv4 forward. */
    public Optional<Ipv6Hole> pinhole() {
        return Optional.ofNullable(hole);
    }

    /** "IPv6 pinhole · 12 packets": the description column of a pinhole. */
    String pinholeText() {
        if (hole == null) {
            return listed.mapping().description();
        }
        return hole.check().packets().isPresent()
                ? UiText.format("table.pinholePackets", hole.check().packets().getAsLong())
                : UiText.get("table.pinhole");
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
        if (hole != null && hole.leaseEnd().isEmpty()) {
            return UiText.get("lease.opening");
        }
        if (hole != null) {
            return left(Duration.between(now, hole.leaseEnd().get()));
        }
        if (m.permanent()) {
            return UiText.get("lease.permanent");
        }
        return left(m.lease().minus(Duration.between(listedAt, now)));
    }

    private static String left(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return UiText.get("lease.expired");
        }
        return UiText.words().span(left.truncatedTo(ChronoUnit.SECONDS), 2);
    }

    /** Text the filter box matches: every column's value. */
    String searchText() {
        PortMapping m = listed.mapping();
        return String.join(" ", hole == null ? "" : "ipv6 " + pinholeText(), m.protocol().name(), String.valueOf(m.externalPort()),
                m.internalClient() == null ? "" : m.internalClient().getHostAddress(), String.valueOf(m.internalPort()),
                m.description(), m.remoteHost() == null ? "" : m.remoteHost().getHostAddress()).toLowerCase();
    }
}
