package net.portforward.engine.mapping;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import net.portforward.engine.error.FileTrouble;
import net.portforward.files.AtomicFile;
import net.portforward.files.FolderLock;
import net.portforward.files.OwnFiles;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.net.Ipv4;

/**
 * Mappings the user disabled on a router that ignores the Enabled flag. miniupnpd parses no
 * NewEnabled at all (upnpsoap.c, AddPortMapping), so "disable" there can only remove the mapping;
 * this record keeps it so "enable" can put it back and nothing the user made is lost.
 *
 * <p>One file per user, lines {@code router \t protocol \t port \t client \t internalPort \t
 * leaseSeconds \t description \t remoteHost} (remote host empty for any). Written crash-safely: a temporary file, flushed to disk, then an
 * atomic rename, always before the router is asked to remove anything. The window and a command
 * line may change it at the same moment, so every change reads, changes and writes it under the
 * data folder's {@link FolderLock}, which holds across processes; it is 0600 and never written
 * through a symbolic link ({@link AtomicFile}).
 */
public final class ParkedMappings {
    private final Path dataDir;
    private final Path file;

    public ParkedMappings(Path dataDir) {
        this.dataDir = dataDir;
        this.file = dataDir.resolve("disabled-mappings.tsv");
    }

    public Path file() {
        return file;
    }

    /** Mappings kept for the router identified by {@code routerId} (its UDN). */
    public synchronized List<PortMapping> forRouter(String routerId) throws PortForwardException {
        List<PortMapping> out = new ArrayList<>();
        for (Line line : read()) {
            if (line.router().equals(routerId)) {
                out.add(line.mapping());
            }
        }
        return out;
    }

    public synchronized Optional<PortMapping> get(String routerId, MappingKey key) throws PortForwardException {
        return forRouter(routerId).stream().filter(m -> m.key().equals(key)).findFirst();
    }

    public synchronized void put(String routerId, PortMapping mapping) throws PortForwardException {
        change(lines -> {
            lines.removeIf(l -> l.router().equals(routerId) && l.mapping().key().equals(mapping.key()));
            lines.add(new Line(routerId, mapping.withEnabled(false)));
            return true;
        });
    }

    public synchronized void remove(String routerId, MappingKey key) throws PortForwardException {
        change(lines -> lines.removeIf(l -> l.router().equals(routerId) && l.mapping().key().equals(key)));
    }

    /** Reads, changes and (when {@code how} says it changed something) writes, all under the folder's lock. */
    private void change(Predicate<List<Line>> how) throws PortForwardException {
        try {
            FolderLock.holding(dataDir, () -> {
                List<Line> lines = new ArrayList<>(read());
                if (how.test(lines)) {
                    write(lines);
                }
                return null;
            });
        } catch (IOException e) {
            throw new PortForwardException(FileTrouble.SAVE_PARKED.with(file, e.getMessage()), e);
        }
    }

    private record Line(String router, PortMapping mapping) {
        String format() {
            PortMapping m = mapping;
            return String.join("\t", clean(router), m.protocol().name(), String.valueOf(m.externalPort()),
                    m.internalClient().getHostAddress(), String.valueOf(m.internalPort()),
                    String.valueOf(m.lease().toSeconds()), clean(m.description()),
                    m.remoteHost() == null ? "" : m.remoteHost().getHostAddress());
        }

        static Optional<Line> parse(String text) {
            String[] f = text.split("\t", -1);
            if (f.length != 8) {
                return Optional.empty();
            }
            try {
                Protocol protocol = Protocol.parse(f[1]).orElseThrow();
                InetAddress client = Ipv4.parse(f[3]).orElseThrow();
                InetAddress remote = f[7].isEmpty() ? null : Ipv4.parse(f[7]).orElseThrow();
                PortMapping m = new PortMapping(protocol, Integer.parseInt(f[2]), client, Integer.parseInt(f[4]), false,
                        f[6], remote, Duration.ofSeconds(Long.parseLong(f[5])));
                return Optional.of(new Line(f[0], m));
            } catch (RuntimeException e) {
                return Optional.empty(); // a damaged line is skipped, the others still count
            }
        }

        private static String clean(String s) {
            return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        }
    }

    private List<Line> read() throws PortForwardException {
        try {
            List<Line> out = new ArrayList<>();
            for (String text : OwnFiles.readString(file).orElse("").split("\r?\n")) {
                Line.parse(text).ifPresent(out::add);
            }
            return out;
        } catch (IOException e) {
            throw new PortForwardException(FileTrouble.READ_PARKED.with(file, e.getMessage()), e);
        }
    }

    private void write(List<Line> lines) throws PortForwardException {
        try {
            StringBuilder sb = new StringBuilder();
            for (Line l : lines) {
                sb.append(l.format()).append('\n');
            }
            AtomicFile.write(file, sb.toString());
        } catch (IOException e) {
            throw new PortForwardException(FileTrouble.SAVE_PARKED.with(file, e.getMessage()), e);
        }
    }
}
