package net.portforward.engine.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.net.GatewayAddressPolicy;
import net.portforward.engine.net.Ipv4;
import net.portforward.files.AtomicFile;
import net.portforward.files.OwnFiles;

/**
 * Which description URL each default gateway answered with lately, so that the next search reads
 * the description at once instead of waiting for the SSDP answer, which miniupnpd delays by a
 * random time up to MX (1 s; LAB.md). Tailscale trusts a found service for 10 minutes
 * ({@code trustServiceStillAvailableDuration}) without asking again; here nothing is trusted
 * unasked: a remembered URL is only where to ask first, beside the search, and it counts only when
 * the gateway's own address serves the description and its service answers. A stale one costs a
 * refused connection while the search runs on, so it is kept for {@link #TRUST}.
 *
 * <p>Only the default gateway's own answer is remembered, and only for that address: a URL is
 * kept and used only when it is plain http to the gateway itself ({@link GatewayAddressPolicy}),
 * so another LAN host (an impostor answering the search) can never be remembered for it.
 *
 * <p>One file in the data folder, {@value #FILE}: lines {@code gateway \t url \t savedMillis}, at
 * most {@link #MAX_GATEWAYS} (networks a laptop visits). A cache: a file that cannot be read or
 * written only costs the wait it would have saved.
 */
public final class KnownGateways {
    static final String FILE = "gateways.tsv";
    /** How long a remembered URL is asked first. */
    static final Duration TRUST = Duration.ofDays(1);
    /** A remembered URL is written again (its time renewed) once it is this old. */
    static final Duration RENEW_AFTER = Duration.ofHours(1);
    static final int MAX_GATEWAYS = 16;

    /** Remembers nothing (tests, and programs without a data folder). */
    public static final KnownGateways NONE = new KnownGateways(null, Clock.systemUTC());

    private final Path file;
    private final Clock clock;

    KnownGateways(Path dataDir, Clock clock) {
        this.file = dataDir == null ? null : dataDir.resolve(FILE);
        this.clock = clock;
    }

    /** The gateways remembered in {@code dataDir}. */
    public static KnownGateways in(Path dataDir) {
        return new KnownGateways(dataDir, Clock.systemUTC());
    }

    private record Entry(URI location, Instant saved) {
    }

    /** The description URL {@code gateway} answered with within {@link #TRUST}, if any. */
    public Optional<URI> location(InetAddress gateway) {
        Entry e = read().get(gateway.getHostAddress());
        if (e == null || e.saved().plus(TRUST).isBefore(clock.instant()) || e.saved().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(e.location());
    }

    /**
     * Remembers that the default gateway {@code gateway} described itself at {@code location};
     * ignored unless the URL is plain http to that address.
     */
    public void remember(InetAddress gateway, URI location) {
        if (file == null || !toGateway(gateway, location)) {
            return;
        }
        Map<String, Entry> all = read();
        Entry old = all.get(gateway.getHostAddress());
        Instant now = clock.instant();
        if (old != null && old.location().equals(location) && !old.saved().isAfter(now)
                && old.saved().plus(RENEW_AFTER).isAfter(now)) {
            return; // written lately: spare the disk a write per run
        }
        all.remove(gateway.getHostAddress());
        all.put(gateway.getHostAddress(), new Entry(location, now));
        List<String> keys = new ArrayList<>(all.keySet());
        StringBuilder text = new StringBuilder();
        for (String key : keys.subList(Math.max(0, keys.size() - MAX_GATEWAYS), keys.size())) {
            Entry e = all.get(key);
            text.append(key).append('\t').append(e.location()).append('\t').append(e.saved().toEpochMilli()).append('\n');
        }
        try {
            AtomicFile.write(file, text.toString());
        } catch (IOException e) {
            // a cache: the next search waits for the SSDP answer instead
        }
    }

    /** Entries by gateway address, oldest written first; bad lines skipped. */
    private Map<String, Entry> read() {
        Map<String, Entry> all = new LinkedHashMap<>();
        if (file == null) {
            return all;
        }
        String text;
        try {
            text = OwnFiles.readString(file).orElse("");
        } catch (IOException e) {
            return all;
        }
        for (String line : text.split("\n")) {
            String[] f = line.split("\t");
            if (f.length != 3) {
                continue;
            }
            try {
                Optional<InetAddress> gateway = Ipv4.parse(f[0]);
                URI location = new URI(f[1]);
                if (gateway.isPresent() && toGateway(gateway.get(), location)) {
                    all.put(f[0], new Entry(location, Instant.ofEpochMilli(Long.parseLong(f[2]))));
                }
            } catch (java.net.URISyntaxException | NumberFormatException e) {
                // a line that is not ours: skipped
            }
        }
        return all;
    }

    private static boolean toGateway(InetAddress gateway, URI location) {
        try {
            new GatewayAddressPolicy(gateway).check(location, "description URL");
            return true;
        } catch (RouterProtocolException e) {
            return false;
        }
    }
}
