package net.portforward.engine.watch;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import net.portforward.engine.net.GroupListening;

/**
 * Hears the router announce itself (SSDP NOTIFY ssdp:alive, UPnP Device Architecture 1.1 section
 * 1.2). A router that starts again announces a new BOOTID.UPNP.ORG at once (miniupnpd sends one
 * with every NOTIFY; it is the time it started), so a restart is known within moments instead of
 * at the next poll. A new CONFIGID.UPNP.ORG with the same boot id says its description changed
 * (UDA 1.1 section 1.2.2), which a firmware or settings change on the router can bring; an
 * ssdp:update with NEXTBOOTID.UPNP.ORG says the next boot id is no restart (section 1.2.4).
 * Only announcements from the router's own address count; datagrams are read
 * into a fixed 2 KB buffer on one daemon thread. Receiving sends nothing but the IGMP join for
 * the SSDP group on the one interface that leads to the router.
 */
final class BootIdListener implements AutoCloseable {
    static final InetSocketAddress SSDP_GROUP = new InetSocketAddress("239.255.255.250", 1900);
    private static final int MAX_DATAGRAM = 2048;

    /** Told on the listener's thread. */
    interface Sink {
        /** The router announced a boot id other than the one it announced before: it restarted. */
        void bootIdChanged(String before, String after);

        /**
         * The first boot id heard since listening began: with nothing to compare it to, the
         * caller checks some other way (a router that just came back from a power cut says
         * alive, never byebye).
         */
        default void firstHeard(String bootId) {
        }

        /** Same boot, another configuration number: the router's description changed. */
        default void configIdChanged(String before, String after) {
        }
    }

    enum Kind { ALIVE, BYEBYE, UPDATE }

    /**
     * An announcement's kind and ids, each "" when the router sends none: BOOTID.UPNP.ORG,
     * NEXTBOOTID.UPNP.ORG (ssdp:update only) and CONFIGID.UPNP.ORG.
     */
    record Announcement(Kind kind, String bootId, String nextBootId, String configId) {
        boolean alive() {
            return kind == Kind.ALIVE;
        }
    }

    private final DatagramSocket socket;
    private final InetAddress router;
    private final Sink sink;
    private final Thread thread;
    private volatile String bootId;
    private volatile String configId;
    private volatile boolean closed;

    private BootIdListener(DatagramSocket socket, InetAddress router, Sink sink) {
        this.socket = socket;
        this.router = router;
        this.sink = sink;
        this.thread = new Thread(this::receive, "portforward-ssdp-listen");
        this.thread.setDaemon(true);
    }

    /**
     * Listens on the SSDP group on the interface holding {@code localAddress}; empty on loopback
     * (a router there is a test's fake: no LAN, no group to join) or when this machine cannot
     * (the port is not shared).
     */
    /**
     * Listens on the SSDP group on the interface holding {@code localAddress}; only the router's
     * NOTIFYs count. Empty on loopback or when this machine cannot ({@link GroupListening#join}):
     * restarts are still found through the subscription.
     */
    static Optional<BootIdListener> open(InetAddress localAddress, InetAddress router, Sink sink) {
        return GroupListening.join(localAddress, SSDP_GROUP.getPort(), SSDP_GROUP.getAddress())
                .map(s -> listen(s, router, sink));
    }

    /** Listens on a socket the caller made (tests use one on loopback). */
    static BootIdListener listen(DatagramSocket socket, InetAddress router, Sink sink) {
        BootIdListener l = new BootIdListener(socket, router, sink);
        l.thread.start();
        return l;
    }

    private void receive() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (!router.equals(p.getAddress())) {
                continue; // any LAN host can send NOTIFYs; only the router speaks for itself
            }
            parse(new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1))
                    .filter(a -> !a.bootId().isEmpty())
                    .ifPresent(this::seen);
        }
    }

    /**
     * A byebye (miniupnpd sends one when it stops, with the old boot id) only sets what the next
     * alive is compared with, and an update the id it will use next; an alive with another id is
     * a restart, and one with the same id and another configuration a changed description.
     */
    private void seen(Announcement a) {
        String before = bootId;
        String configBefore = configId;
        switch (a.kind()) {
            case UPDATE -> {
                if (!a.nextBootId().isEmpty()) {
                    bootId = a.nextBootId();
                }
                return;
            }
            case BYEBYE -> {
                bootId = a.bootId();
                return;
            }
            case ALIVE -> {
                bootId = a.bootId();
                if (!a.configId().isEmpty()) {
                    configId = a.configId();
                }
            }
        }
        if (before == null) {
            sink.firstHeard(a.bootId());
        } else if (!before.equals(a.bootId())) {
            sink.bootIdChanged(before, a.bootId());
        } else if (configBefore != null && !a.configId().isEmpty() && !configBefore.equals(a.configId())) {
            sink.configIdChanged(configBefore, a.configId());
        }
    }

    /** The last boot id heard, or null. */
    String bootId() {
        return bootId;
    }

    /** The last configuration number heard, or null. */
    String configId() {
        return configId;
    }

    /**
     * A NOTIFY's NTS and ids (numbers of at most 10 digits, anything else counts as none); empty
     * for anything else (answers, M-SEARCHes, unknown NTS, junk).
     */
    static Optional<Announcement> parse(String datagram) {
        String[] lines = datagram.split("\r?\n");
        if (lines.length == 0 || !lines[0].trim().toUpperCase(Locale.ROOT).startsWith("NOTIFY * HTTP/1.")) {
            return Optional.empty();
        }
        String nts = "";
        String boot = "";
        String next = "";
        String config = "";
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toUpperCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("NTS")) {
                nts = value;
            } else if (value.matches("\\d{1,10}")) {
                switch (name) {
                    case "BOOTID.UPNP.ORG" -> boot = value;
                    case "NEXTBOOTID.UPNP.ORG" -> next = value;
                    case "CONFIGID.UPNP.ORG" -> config = value;
                    default -> { }
                }
            }
        }
        Kind kind = switch (nts.toLowerCase(Locale.ROOT)) {
            case "ssdp:alive" -> Kind.ALIVE;
            case "ssdp:byebye" -> Kind.BYEBYE;
            case "ssdp:update" -> Kind.UPDATE;
            default -> null;
        };
        return kind == null ? Optional.empty() : Optional.of(new Announcement(kind, boot, next, config));
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }
}
