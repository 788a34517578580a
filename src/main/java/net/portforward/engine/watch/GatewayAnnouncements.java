package net.portforward.engine.watch;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import net.portforward.engine.pcp.RestartAnnouncementListener;

/**
 * What the router says about itself without being asked, heard for one watch: a UPnP router's
 * SSDP announcements (boot and configuration ids, {@link BootIdListener}), or a PCP or NAT-PMP
 * gateway's restart announcement on 224.0.0.1:5350 (RFC 6887 section 14.1.3). Either only asks
 * {@link AnnouncementCheck} for a check, which the router must then confirm.
 */
final class GatewayAnnouncements implements AutoCloseable {
    private final AutoCloseable listener;

    private GatewayAnnouncements(AutoCloseable listener) {
        this.listener = listener;
    }

    /** @param upnp whether the gateway speaks UPnP (else PCP or NAT-PMP) */
    static Optional<GatewayAnnouncements> open(boolean upnp, InetAddress local, InetAddress router, Clock clock,
            AnnouncementCheck check) {
        if (upnp) {
            return BootIdListener.open(local, router, check).map(GatewayAnnouncements::new);
        }
        return RestartAnnouncementListener.open(router, local, clock,
                heard -> check.ask(AnnouncementCheck.Announced.NEW_BOOT)).map(GatewayAnnouncements::new);
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (Exception ignored) {
            // closing a socket: nothing left to do
        }
    }
}
