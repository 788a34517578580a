package net.portforward.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How PortForward writes every file of its own (its records, presets, exports, settings): a temp
 * file in the same folder, forced to disk, then renamed over the real one in one step. A crash or
 * a power cut leaves the old file or the new one, never half of one (the Windows NAT traversal
 * paper behind the original PortForward asks apps to keep such a record safely).
 *
 * <p>The temp file has a name of its own each time, made only if nothing of that name exists
 * ({@link Files#createTempFile}, O_EXCL): two writers never share one, and a symbolic link planted
 * under a predictable name is never opened. The rename replaces whatever stands at the file's
 * name, a symbolic link included, without following it. Writers that read, change and write a file
 * others may change too hold {@link FolderLock} around all three.
 */
public final class AtomicFile {
    /** A temp file older than this is a crash's leftover, not a write at work. */
    static final Duration LEFTOVER_AGE = Duration.ofHours(1);

    private AtomicFile() {
    }

    /**
     * Writes one of PortForward's own records as UTF-8: the folder is made (or kept) 0700 and the
     * file is 0600 on POSIX, whatever it was before.
     */
    public static void write(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        OwnFiles.ensureFolder(target.getParent());
        replace(target, text, null);
    }

    /**
     * Writes a file that is the user's own (the settings file, an export) as UTF-8: an existing
     * file keeps its permissions (a settings file the user made readable by others stays so), a new
     * one is 0600 on POSIX; a missing folder is made 0700, an existing one is left as it is.
     */
    public static void writeDocument(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        if (!Files.isDirectory(target.getParent())) {
            OwnFiles.ensureFolder(target.getParent());
        }
        replace(target, text, permissionsOf(target));
    }

    private static void replace(Path target, String text, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = target.getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, target.getFileName() + ".", ".tmp", OwnFiles.newFileAttributes(target));
        } catch (AccessDeniedException e) {
            // The temp file's name would only puzzle the user; the folder is what they can fix.
            throw new AccessDeniedException(dir.toString());
        }
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                // On disk before the rename, or a power cut could leave an empty file under the real name.
                out.force(true);
            }
            if (permissions != null) {
                try {
                    Files.setPosixFilePermissions(tmp, permissions);
                } catch (IOException | SecurityException ignored) {
                    // the temp file's own 0600 is a safe fallback
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        removeLeftovers(target);
    }

    /**
     * Temp files a crash left behind for this file: the one fixed name earlier versions used, and
     * ours once older than any write takes ({@link #LEFTOVER_AGE}; a younger one may be another
     * writer's at work). Links among them go too, unfollowed.
     */
    private static void removeLeftovers(Path target) {
        String name = target.getFileName().toString();
        Instant old = Instant.now().minus(LEFTOVER_AGE);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(target.getParent(), name + ".*tmp")) {
            for (Path t : temps) {
                String n = t.getFileName().toString();
                boolean ours = n.equals(name + ".tmp") || n.matches(Pattern.quote(name) + "\\.-?\\d+\\.tmp");
                if (ours && (n.equals(name + ".tmp") || Files.getLastModifiedTime(t, LinkOption.NOFOLLOW_LINKS)
                        .toInstant().isBefore(old))) {
                    Files.deleteIfExists(t);
                }
            }
        } catch (IOException | RuntimeException e) {
            // tidying only
        }
    }

    /** The permissions of an existing regular file (a symbolic link's target is not asked), else none. */
    private static Set<PosixFilePermission> permissionsOf(Path file) {
        if (!OwnFiles.posix(file.getFileSystem()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
