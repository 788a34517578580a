package net.portforward.ledger;

import java.io.IOException;
import java.net.Inet6Address;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.engine.net.Ipv6;
import net.portforward.engine.pinhole.Pinhole;
import net.portforward.engine.pinhole.PinholeId;
import net.portforward.engine.pinhole.PinholeJournal;
import net.portforward.engine.pinhole.PinholeKey;
import net.portforward.engine.pinhole.PinholeRequest;
import net.portforward.files.AtomicFile;
import net.portforward.files.FolderLock;
import net.portforward.files.OwnFiles;

/**
 * The record of the pinholes PortForward opened ({@code pinholes.tsv} beside {@code ledger.tsv}),
 * kept and for now as forwards are, with the same session, the same lock and the same whole-file
 * writes. A file of its own rather than new lines in {@code ledger.tsv}: an older PortForward
 * rewrites that file with only the lines it can read, so it would drop pinhole lines, and
 * existing ledger files stay exactly as they were.
 */
public final class PinholeLedger implements PinholeJournal {
    static final String FILE = "pinholes.tsv";
    private static final String HEADER = "# PortForward pinholes 1: router protocol port address id leaseSeconds"
            + " retention state session createdAt grantedSeconds confirmedAt forwardPort";
    private static final int FIELDS = 13;

    private final Ledger ledger;
    private final Path dataDir;
    private final Path file;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean markerWritten;

    /** The pinholes beside {@code ledger}, in its data folder, in its session. */
    public PinholeLedger(Ledger ledger) {
        this.ledger = ledger;
        this.dataDir = ledger.file().getParent();
        this.file = dataDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Called (on the thread that wrote) after every change. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    // ---- reading ----

    public List<PinholeEntry> entries() throws PortForwardException {
        return read();
    }

    public List<PinholeEntry> forRouter(String routerId) throws PortForwardException {
        return entries().stream().filter(e -> e.routerId().equals(routerId)).toList();
    }

    public Optional<PinholeEntry> entry(String routerId, PinholeKey key) throws PortForwardException {
        return forRouter(routerId).stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** The pinholes opened together with the IPv4 forward on {@code forwardPort}/{@code protocol}. */
    public List<PinholeEntry> pairedWith(String routerId, Protocol protocol, int forwardPort) throws PortForwardException {
        return forRouter(routerId).stream()
                .filter(e -> e.forwardPort() == forwardPort && e.key().protocol() == protocol).toList();
    }

    /** Temporary pinholes of sessions that ended without closing them (see {@link Ledger#leftovers()}). */
    public List<PinholeEntry> leftovers() throws PortForwardException {
        Map<String, Boolean> alive = new HashMap<>();
        return entries().stream().filter(e -> e.retention() == Retention.FOR_NOW
                && !alive.computeIfAbsent(e.session(), ledger::sessionAlive)).toList();
    }

    /** This session's temporary pinholes on this router: what it closes when it ends. */
    public List<PinholeEntry> mine(String routerId) throws PortForwardException {
        return forRouter(routerId).stream().filter(e -> e.retention() == Retention.FOR_NOW
                && e.session().equals(ledger.session().id())).toList();
    }

    @Override
    public List<Recorded> recorded(String routerId) throws PortForwardException {
        return forRouter(routerId).stream().map(PinholeEntry::recorded).toList();
    }

    // ---- changing ----

    public void setRetention(String routerId, PinholeKey key, Retention retention) throws PortForwardException {
        change(lines -> {
            lines.replaceAll(e -> matches(e, routerId, key) ? e.withRetention(retention, ledger.session().id()) : e);
            return lines;
        });
    }

    public void forget(String routerId, PinholeKey key) throws PortForwardException {
        change(lines -> {
            lines.removeIf(e -> matches(e, routerId, key));
            return lines;
        });
    }

    @Override
    public void opening(String routerId, PinholeRequest request, Retention retention, int forwardPort)
            throws PortForwardException {
        Instant now = ledger.clock().instant();
        change(lines -> {
            Optional<PinholeEntry> old = lines.stream().filter(e -> matches(e, routerId, request.key())).findFirst();
            if (old.isPresent() && old.get().id().isPresent() && old.get().address().equals(request.address())) {
                return lines; // a renewal or a re-open of one we hold: the record covers it until confirmed
            }
            lines.removeIf(e -> matches(e, routerId, request.key()));
            lines.add(new PinholeEntry(routerId, request.key(), request.address(), Optional.empty(), request.lease(),
                    retention, LedgerEntry.State.PENDING, ledger.session().id(), now, Duration.ZERO, null, forwardPort));
            return lines;
        });
    }

    @Override
    public void opened(String routerId, Pinhole pinhole, Retention retention, int forwardPort)
            throws PortForwardException {
        Instant now = ledger.clock().instant();
        change(lines -> {
            Optional<PinholeEntry> old = lines.stream().filter(e -> matches(e, routerId, pinhole.key())).findFirst();
            PinholeEntry entry = new PinholeEntry(routerId, pinhole.key(), pinhole.address(), Optional.of(pinhole.id()),
                    old.map(PinholeEntry::lease).filter(l -> !l.isZero()).orElse(pinhole.lease()), retention,
                    LedgerEntry.State.CONFIRMED, ledger.session().id(), old.map(PinholeEntry::createdAt).orElse(now),
                    pinhole.lease(), now, forwardPort);
            if (old.isPresent()) {
                lines.set(lines.indexOf(old.get()), entry);
            } else {
                lines.add(entry);
            }
            return lines;
        });
    }

    @Override
    public void openFailed(String routerId, PinholeRequest request, PortForwardException cause) {
        if (!Ledger.routerSaidNo(cause)) {
            return; // no answer: the router may have opened it, so the pending record stays
        }
        try {
            change(lines -> {
                lines.removeIf(e -> matches(e, routerId, request.key()) && e.state() == LedgerEntry.State.PENDING);
                return lines;
            });
        } catch (PortForwardException ignored) {
            // the failure itself is what the user sees
        }
    }

    @Override
    public void closed(String routerId, PinholeKey key) throws PortForwardException {
        forget(routerId, key);
    }

    private static boolean matches(PinholeEntry e, String routerId, PinholeKey key) {
        return e.routerId().equals(routerId) && e.key().equals(key);
    }

    // ---- the file ----

    private void change(UnaryOperator<List<PinholeEntry>> how) throws PortForwardException {
        try {
            FolderLock.holding(dataDir, () -> {
                if (!markerWritten) {
                    // This session's marker, as the ledger writes it: without it another run would
                    // take this one's temporary pinholes for a crash's leftovers.
                    ledger.session().writeMarker(dataDir);
                    markerWritten = true;
                }
                List<PinholeEntry> before = read();
                List<PinholeEntry> after = how.apply(new ArrayList<>(before));
                if (!after.equals(before)) {
                    write(after);
                }
                return null;
            });
        } catch (IOException e) {
            throw new PortForwardException(LedgerFact.CANNOT_SAVE_PINHOLES.with(file, e.getMessage()), e);
        }
        listeners.forEach(Runnable::run);
    }

    private List<PinholeEntry> read() throws PortForwardException {
        try {
            List<PinholeEntry> out = new ArrayList<>();
            for (String text : OwnFiles.readString(file).orElse("").split("\r?\n")) {
                if (!text.isEmpty() && !text.startsWith("#")) {
                    parse(text).ifPresent(out::add);
                }
            }
            return out;
        } catch (IOException e) {
            throw new PortForwardException(LedgerFact.CANNOT_READ_PINHOLES.with(file, e.getMessage()), e);
        }
    }

    private void write(List<PinholeEntry> entries) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (PinholeEntry e : entries) {
            sb.append(format(e)).append('\n');
        }
        AtomicFile.write(file, sb.toString());
    }

    static String format(PinholeEntry e) {
        return String.join("\t", e.routerId().replace('\t', ' ').replace('\n', ' '), e.key().protocol().name(),
                String.valueOf(e.key().port()), Ipv6.text(e.address()), e.id().map(PinholeId::text).orElse(""),
                String.valueOf(e.lease().toSeconds()), e.retention().name(), e.state().name(), e.session(),
                String.valueOf(e.createdAt().toEpochMilli()), String.valueOf(e.granted().toSeconds()),
                e.confirmedAt() == null ? "" : String.valueOf(e.confirmedAt().toEpochMilli()),
                String.valueOf(e.forwardPort()));
    }

    /** A line that does not read whole is skipped; the others still count. */
    static Optional<PinholeEntry> parse(String text) {
        String[] f = text.split("\t", -1);
        if (f.length != FIELDS) {
            return Optional.empty();
        }
        try {
            Protocol protocol = Protocol.parse(f[1]).orElseThrow();
            Inet6Address address = Ipv6.parse(f[3]).orElseThrow();
            Optional<PinholeId> id = f[4].isEmpty() ? Optional.empty() : Optional.of(PinholeId.parse(f[4]));
            return Optional.of(new PinholeEntry(f[0], new PinholeKey(protocol, Integer.parseInt(f[2])), address, id,
                    Duration.ofSeconds(Long.parseLong(f[5])), Retention.valueOf(f[6]), LedgerEntry.State.valueOf(f[7]),
                    f[8], Instant.ofEpochMilli(Long.parseLong(f[9])), Duration.ofSeconds(Long.parseLong(f[10])),
                    f[11].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(f[11])), Integer.parseInt(f[12])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
