package net.portforward.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * How PortForward writes every file of its own (its records, presets, exports, settings): a temp
 * file in the same folder, forced to disk, then renamed over the real one in one step. A crash or
 * a power cut leaves the old file or the new one, never half of one (the Windows NAT traversal
 * paper behind the original PortForward asks apps to keep such a record safely).
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes {@code text} as UTF-8, creating the folder if needed. */
    public static void write(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // One fixed name: what a crash left half-written is simply written over the next time.
        // Writers of one file take turns (the ledger holds a lock across processes).
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel out = open(tmp, dir)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                // On disk before the rename, or a power cut could leave an empty file under the real name.
                out.force(true);
            }
            keepPermissions(target, tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A file the user gave other permissions (a settings file made readable by others) keeps them. */
    private static void keepPermissions(Path from, Path to) {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source == null || target == null || !Files.exists(from)) {
            return;
        }
        try {
            target.setPermissions(source.readAttributes().permissions());
        } catch (IOException | SecurityException ignored) {
            // the temp file's own permissions are a safe fallback
        }
    }

    private static FileChannel open(Path tmp, Path dir) throws IOException {
        try {
            return FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (AccessDeniedException e) {
            // The temp file's name would only puzzle the user; the folder is what they can fix.
            throw new AccessDeniedException(dir.toString());
        }
    }
}
