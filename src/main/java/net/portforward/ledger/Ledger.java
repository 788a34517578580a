package net.portforward.ledger;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import net.portforward.files.AtomicFile;
import net.portforward.files.FolderLock;
import net.portforward.files.OwnFiles;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.mapping.MappingJournal;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.engine.net.Ipv4;

/**
 * The record of every mapping PortForward made, in the user's data folder ({@code ledger.tsv}).
 * An add is written down (pending) before the router is asked and confirmed after it lists the
 * mapping, so a crash at any point leaves a record of everything that may be on the router.
 *
 * <p>Written like {@code ParkedMappings}: a temporary file, forced to disk, then an atomic rename,
 * so a crash in the middle of a write leaves the previous whole file. Every change is a
 * read-modify-write under {@link FolderLock}, which holds across threads and across processes (the
 * window and a command line may run at once), so no change overwrites another.
 */
public final class Ledger implements MappingJournal, AutoCloseable {
    static final String FILE = "ledger.tsv";
    private static final String HEADER = "# PortForward ledger 1: router protocol externalPort client internalPort"
            + " enabled leaseSeconds description remoteHost retention state session createdAt grantedSeconds confirmedAt";

    private final Path dataDir;
    private final Path file;
    private final Session session;
    private final Clock clock;
    private final Predicate<Session> alive;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean markerWritten;

    public Ledger(Path dataDir, Session session, Clock clock, Predicate<Session> alive) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.file = this.dataDir.resolve(FILE);
        this.session = session;
        this.clock = clock;
        this.alive = alive;
    }

    /** The ledger in {@code dataDir} for a new session of this process. */
    public static Ledger open(Path dataDir) {
        return new Ledger(dataDir, Session.forThisProcess(), Clock.systemUTC(), Session.PROCESS_ALIVE);
    }

    public Path file() {
        return file;
    }

    public Session session() {
        return session;
    }

    public Clock clock() {
        return clock;
    }

    /** Called (on the thread that wrote) after every change this ledger makes. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    // ---- reading ----

    /** Every entry, as on disk now (a write replaces the file whole, so no lock is needed to read it). */
    public List<LedgerEntry> entries() throws PortForwardException {
        return read();
    }

    public List<LedgerEntry> forRouter(String routerId) throws PortForwardException {
        return entries().stream().filter(e -> e.routerId().equals(routerId)).toList();
    }

    public Optional<LedgerEntry> find(String routerId, MappingKey key) throws PortForwardException {
        return forRouter(routerId).stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** Whether the session that made an entry still runs (this one always does). */
    public boolean sessionAlive(String sessionId) {
        if (sessionId.equals(session.id())) {
            return true;
        }
        return Session.read(Session.dir(dataDir).resolve(sessionId)).filter(alive).isPresent();
    }

    /**
     * Temporary mappings whose session ended without removing them (a crash, a kill, a failed
     * cleanup): what the next launch offers to remove. Entries still pending are included: the
     * router may or may not have made them.
     */
    public List<LedgerEntry> leftovers() throws PortForwardException {
        List<LedgerEntry> out = new ArrayList<>();
        Map<String, Boolean> aliveBySession = new java.util.HashMap<>();
        for (LedgerEntry e : entries()) {
            if (e.retention() == Retention.FOR_NOW
                    && !aliveBySession.computeIfAbsent(e.session(), this::sessionAlive)) {
                out.add(e);
            }
        }
        return out;
    }

    public List<LedgerEntry> leftovers(String routerId) throws PortForwardException {
        return leftovers().stream().filter(e -> e.routerId().equals(routerId)).toList();
    }

    /** This session's temporary mappings: what it removes when it ends. */
    public List<LedgerEntry> mine(String routerId) throws PortForwardException {
        return forRouter(routerId).stream()
                .filter(e -> e.retention() == Retention.FOR_NOW && e.session().equals(session.id())).toList();
    }

    // ---- changing ----

    /** The user changed their mind: keep it, or only for now (it then belongs to this session). */
    public void setRetention(String routerId, MappingKey key, Retention retention) throws PortForwardException {
        update(routerId, key, e -> new LedgerEntry(e.routerId(), e.mapping(), retention, e.state(), session.id(),
                e.createdAt(), e.granted(), e.confirmedAt()));
    }

    /** Drops the record of a mapping PortForward no longer answers for. */
    public void forget(String routerId, MappingKey key) throws PortForwardException {
        change(lines -> {
            lines.removeIf(e -> e.routerId().equals(routerId) && e.key().equals(key));
            return lines;
        });
    }

    @Override
    public void adding(String routerId, PortMapping wanted, Retention retention) throws PortForwardException {
        Instant now = clock.instant();
        change(lines -> {
            Optional<LedgerEntry> old = lines.stream()
                    .filter(e -> e.routerId().equals(routerId) && e.key().equals(wanted.key())).findFirst();
            if (old.isPresent() && old.get().state() == LedgerEntry.State.CONFIRMED) {
                // A renewal or a re-add of one we made: the record already covers it until confirmed.
                lines.set(lines.indexOf(old.get()), old.get().withRetention(retention));
                return lines;
            }
            lines.removeIf(e -> e.routerId().equals(routerId) && e.key().equals(wanted.key()));
            lines.add(new LedgerEntry(routerId, wanted, retention, LedgerEntry.State.PENDING, session.id(), now,
                    Duration.ZERO, null));
            return lines;
        });
    }

    @Override
    public List<PortMapping> held(String routerId) throws PortForwardException {
        Instant now = clock.instant();
        List<PortMapping> out = new ArrayList<>();
        for (LedgerEntry e : forRouter(routerId)) {
            if (e.state() != LedgerEntry.State.CONFIRMED || !e.mapping().enabled()) {
                continue;
            }
            Optional<Instant> end = e.leaseEnd();
            if (end.isEmpty()) {
                out.add(e.mapping().withLease(Duration.ZERO));
            } else if (end.get().isAfter(now)) {
                out.add(e.mapping().withLease(Duration.ofSeconds(Math.max(1, Duration.between(now, end.get()).toSeconds()))));
            }
        }
        return out;
    }

    @Override
    public void added(String routerId, PortMapping wanted, PortMapping actual, Retention retention)
            throws PortForwardException {
        Instant now = clock.instant();
        // 725: the router made it permanent; that is what there is to renew (none).
        PortMapping asked = actual.permanent() && !wanted.permanent() ? wanted.withLease(Duration.ZERO) : wanted;
        // A PCP or NAT-PMP router may grant another external port: the record follows the router.
        PortMapping recorded = actual.externalPort() == wanted.externalPort() ? asked
                : asked.withExternalPort(actual.externalPort());
        change(lines -> {
            if (recorded.externalPort() != wanted.externalPort()) {
                lines.removeIf(e -> e.routerId().equals(routerId) && e.key().equals(wanted.key())
                        && e.state() == LedgerEntry.State.PENDING);
            }
            Optional<LedgerEntry> old = lines.stream()
                    .filter(e -> e.routerId().equals(routerId) && e.key().equals(recorded.key())).findFirst();
            Instant created = old.map(LedgerEntry::createdAt).orElse(now);
            LedgerEntry entry = new LedgerEntry(routerId, recorded, retention, LedgerEntry.State.CONFIRMED, session.id(),
                    created, actual.lease(), now);
            if (old.isPresent()) {
                lines.set(lines.indexOf(old.get()), entry); // in place: the record keeps the order they were made in
            } else {
                lines.add(entry);
            }
            return lines;
        });
    }

    @Override
    public void addFailed(String routerId, PortMapping wanted, PortForwardException cause) {
        if (!routerSaidNo(cause)) {
            return; // no answer, or cancelled: the router may have made it, so the pending record stays
        }
        try {
            change(lines -> {
                lines.removeIf(e -> e.routerId().equals(routerId) && e.key().equals(wanted.key())
                        && e.state() == LedgerEntry.State.PENDING);
                return lines;
            });
        } catch (PortForwardException ignored) {
            // the add's own failure is what the user sees; a pending record left over is checked later
        }
    }

    /**
     * An answer that means the router did not make the mapping: any refusal (a UPnP error, a
     * conflict, a router with no internet address refused before the add was sent), bad input, a
     * bad answer.
     */
    static boolean routerSaidNo(PortForwardException cause) {
        return cause instanceof RouterRefusedException || cause instanceof InvalidInputException
                || cause instanceof RouterProtocolException;
    }

    @Override
    public void changed(String routerId, PortMapping updated) throws PortForwardException {
        update(routerId, updated.key(), e -> e.withMapping(updated));
    }

    @Override
    public void enabledChanged(String routerId, MappingKey key, boolean enabled) throws PortForwardException {
        update(routerId, key, e -> e.withMapping(e.mapping().withEnabled(enabled)));
    }

    @Override
    public void removed(String routerId, MappingKey key) throws PortForwardException {
        forget(routerId, key);
    }

    private void update(String routerId, MappingKey key, UnaryOperator<LedgerEntry> how) throws PortForwardException {
        change(lines -> {
            for (int i = 0; i < lines.size(); i++) {
                LedgerEntry e = lines.get(i);
                if (e.routerId().equals(routerId) && e.key().equals(key)) {
                    lines.set(i, how.apply(e));
                }
            }
            return lines;
        });
    }

    /** Ends this session cleanly: its marker goes. Remove its temporary mappings first. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(session.marker(dataDir));
        } catch (IOException ignored) {
            // a marker left behind makes the next launch check this session's mappings: harmless
        }
    }

    // ---- the file ----

    private void change(UnaryOperator<List<LedgerEntry>> how) throws PortForwardException {
        try {
            FolderLock.holding(dataDir, () -> {
                if (!markerWritten) {
                    session.writeMarker(dataDir);
                    markerWritten = true;
                }
                List<LedgerEntry> before = read();
                List<LedgerEntry> after = how.apply(new ArrayList<>(before));
                if (!after.equals(before)) {
                    write(after);
                }
                tidySessions(after);
                return null;
            });
        } catch (IOException e) {
            throw new PortForwardException(LedgerFact.CANNOT_SAVE.with(file, e.getMessage()), e);
        }
        listeners.forEach(Runnable::run);
    }

    private List<LedgerEntry> read() throws PortForwardException {
        try {
            List<LedgerEntry> out = new ArrayList<>();
            for (String text : OwnFiles.readString(file).orElse("").split("\r?\n")) {
                if (!text.isEmpty() && !text.startsWith("#")) {
                    parse(text).ifPresent(out::add);
                }
            }
            return out;
        } catch (IOException e) {
            throw new PortForwardException(LedgerFact.CANNOT_READ.with(file, e.getMessage()), e);
        }
    }

    private void write(List<LedgerEntry> entries) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (LedgerEntry e : entries) {
            sb.append(format(e)).append('\n');
        }
        AtomicFile.write(file, sb.toString());
    }

    /** Markers of ended sessions that no longer own a temporary mapping: nothing left to offer. */
    private void tidySessions(List<LedgerEntry> entries) {
        Set<String> owning = new HashSet<>();
        entries.stream().filter(e -> e.retention() == Retention.FOR_NOW).forEach(e -> owning.add(e.session()));
        try (DirectoryStream<Path> markers = Files.newDirectoryStream(Session.dir(dataDir))) {
            for (Path m : markers) {
                String id = m.getFileName().toString();
                if (!owning.contains(id) && !sessionAlive(id)) {
                    Files.deleteIfExists(m);
                }
            }
        } catch (IOException ignored) {
            // tidying only
        }
    }

    static String format(LedgerEntry e) {
        PortMapping m = e.mapping();
        return String.join("\t", clean(e.routerId()), m.protocol().name(), String.valueOf(m.externalPort()),
                m.internalClient().getHostAddress(), String.valueOf(m.internalPort()), String.valueOf(m.enabled()),
                String.valueOf(m.lease().toSeconds()), clean(m.description()),
                m.remoteHost() == null ? "" : m.remoteHost().getHostAddress(), e.retention().name(), e.state().name(),
                clean(e.session()), String.valueOf(e.createdAt().toEpochMilli()),
                String.valueOf(e.granted().toSeconds()),
                e.confirmedAt() == null ? "" : String.valueOf(e.confirmedAt().toEpochMilli()));
    }

    /** A line that does not read whole (a torn or hand-damaged one) is skipped; the others still count. */
    static Optional<LedgerEntry> parse(String text) {
        String[] f = text.split("\t", -1);
        if (f.length != 15) {
            return Optional.empty();
        }
        try {
            Protocol protocol = Protocol.parse(f[1]).orElseThrow();
            InetAddress client = Ipv4.parse(f[3]).orElseThrow();
            InetAddress remote = f[8].isEmpty() ? null : Ipv4.parse(f[8]).orElseThrow();
            if (!f[5].equals("true") && !f[5].equals("false")) {
                return Optional.empty();
            }
            PortMapping m = new PortMapping(protocol, Integer.parseInt(f[2]), client, Integer.parseInt(f[4]),
                    Boolean.parseBoolean(f[5]), f[7], remote, Duration.ofSeconds(Long.parseLong(f[6])));
            return Optional.of(new LedgerEntry(f[0], m, Retention.valueOf(f[9]), LedgerEntry.State.valueOf(f[10]),
                    f[11], Instant.ofEpochMilli(Long.parseLong(f[12])), Duration.ofSeconds(Long.parseLong(f[13])),
                    f[14].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(f[14]))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
