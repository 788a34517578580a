package net.portforward.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock PortForward's threads and processes take turns with on the files of its data folder
 * (the ledger, the disabled-mappings record, the presets, the session markers): the window and a
 * command line run at once, and each reads a file, changes it and writes it back; without taking
 * turns a disable in the window and one on the command line at the same moment lose one of them.
 * A {@link FileLock} on {@value #FILE} holds across processes; since one process cannot take it
 * twice, threads of this process queue on an in-process lock first. The same thread may take it
 * again inside (the lock is re-entrant).
 */
public final class FolderLock {
    /** Named when only the ledger used it; kept, so versions running side by side still take turns. */
    public static final String FILE = "ledger.lock";
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    /** Work done while holding the lock. */
    public interface Action<T, E extends Exception> {
        T run() throws E, IOException;
    }

    private FolderLock() {
    }

    /** Runs {@code action} holding the lock of {@code dataDir} (made 0700 if it does not exist yet). */
    public static <T, E extends Exception> T holding(Path dataDir, Action<T, E> action) throws E, IOException {
        OwnFiles.ensureFolder(dataDir.toAbsolutePath());
        // By its real path: two names for one folder (a link, "..") must not take the file lock twice.
        Path dir = dataDir.toRealPath();
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(dir, d -> new ReentrantLock());
        inProcess.lock();
        try {
            if (inProcess.getHoldCount() > 1) {
                return action.run(); // this thread holds the file lock already
            }
            try (FileChannel channel = open(dir.resolve(FILE)); FileLock held = channel.lock()) {
                return action.run();
            }
        } finally {
            inProcess.unlock();
        }
    }

    /** The lock file, 0600; a symbolic link in its place is removed, never followed. */
    private static FileChannel open(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            Files.delete(file);
        }
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), OwnFiles.newFileAttributes(file));
    }
}
