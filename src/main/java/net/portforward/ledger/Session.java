package net.portforward.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import net.portforward.files.AtomicFile;
import net.portforward.files.OwnFiles;

/**
 * One run of PortForward that records mappings. Its marker file ({@code sessions/ID}) exists from
 * its first record until it ends cleanly; a marker left behind by a process that is gone means
 * that run crashed or was killed, and its temporary mappings are leftovers to offer for removal.
 *
 * @param pid the process, so a marker of a run still going (the window while a CLI command runs) is not taken for a crash
 * @param processStart when that process started, so a reused process id is not taken for it
 */
public record Session(String id, long pid, Instant processStart) {

    /** This process's new session. */
    public static Session forThisProcess() {
        ProcessHandle self = ProcessHandle.current();
        return new Session(UUID.randomUUID().toString().substring(0, 8), self.pid(),
                self.info().startInstant().orElse(Instant.EPOCH));
    }

    /** A process that still runs with the same start time: the session is alive. */
    public static final Predicate<Session> PROCESS_ALIVE = s -> ProcessHandle.of(s.pid())
            .filter(ProcessHandle::isAlive)
            .map(h -> h.info().startInstant().map(t -> t.equals(s.processStart())).orElse(true))
            .orElse(false);

    static Path dir(Path dataDir) {
        return dataDir.resolve("sessions");
    }

    Path marker(Path dataDir) {
        return dir(dataDir).resolve(id);
    }

    /** Written like the ledger (0600 in a 0700 folder, never through a link), under its lock. */
    void writeMarker(Path dataDir) throws IOException {
        AtomicFile.write(marker(dataDir), pid + "\t" + processStart.toEpochMilli() + "\n");
    }

    /** The session a marker file describes, if the file can be read. */
    static Optional<Session> read(Path marker) {
        try {
            String[] f = OwnFiles.readString(marker).orElseThrow().trim().split("\t");
            return Optional.of(new Session(marker.getFileName().toString(), Long.parseLong(f[0]),
                    Instant.ofEpochMilli(Long.parseLong(f[1]))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
