package net.portforward.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;

/**
 * PortForward's own folder and files are its user's alone: on POSIX the data folder is 0700 and
 * every file in it 0600 (its records say which ports lead to which computer). Nothing here follows
 * a symbolic link: a link where one of our files should be is read as no file, and the next write
 * replaces it (see {@link AtomicFile}), so whoever planted it cannot make PortForward read or
 * overwrite another file.
 */
public final class OwnFiles {
    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnFiles() {
    }

    static boolean posix(FileSystem fs) {
        return fs.supportedFileAttributeViews().contains("posix");
    }

    /** The attributes a new file of ours is created with: 0600 on POSIX, the default elsewhere. */
    static FileAttribute<?>[] newFileAttributes(Path file) {
        return posix(file.getFileSystem())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
    }

    /**
     * Creates {@code dir} (and missing parents) as 0700, or makes an existing one 0700 when it
     * belongs to this user and is not a shared folder (writable by others, like /tmp).
     */
    public static void ensureFolder(Path dir) throws IOException {
        boolean posix = posix(dir.getFileSystem());
        if (!Files.exists(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            } else {
                Files.createDirectories(dir);
            }
            return;
        }
        if (!posix || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return; // a folder the user linked elsewhere is theirs to set
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (!now.equals(OWNER_ONLY_FOLDER) && !now.contains(PosixFilePermission.OTHERS_WRITE) && ownedByThisUser(dir)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_FOLDER);
        }
    }

    /** True when {@code path} itself (not what a link points to) belongs to the user running PortForward. */
    public static boolean ownedByThisUser(Path path) {
        try {
            UserPrincipal me = path.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            return me.equals(Files.getOwner(path, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * One of our files as UTF-8 (bad bytes replaced), or empty when there is none, or a symbolic
     * link stands in its place (never followed; the next write replaces it).
     */
    public static Optional<String> readString(Path file) throws IOException {
        if (Files.isSymbolicLink(file) || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        // NOFOLLOW_LINKS again at the open: a link swapped in after the check is refused, not followed.
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
