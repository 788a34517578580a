package net.portforward.app;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * JavaFX's native libraries for the computer the jar runs on. The one jar carries them for
 * Windows, macOS and Linux (x64 and arm64) under {@code javafx-natives/VERSION/PLATFORM/}, since
 * Linux x64 and arm64 (and both macOS builds) ship libraries of the same names, which cannot all
 * sit at the jar's root where JavaFX itself would look. Before the toolkit starts, this computer's
 * are copied once into a folder per JavaFX version and put first on {@code java.library.path}:
 * JavaFX's NativeLibLoader reads that property when it loads each library (after looking beside
 * its own jar and at the jar's root, where there is nothing). The installed app (jlink runtime)
 * and tests start JavaFX from elsewhere, find no such folder in their jar, and are left alone.
 */
final class JavaFxNatives {
    /** The folder in the jar that holds a folder per JavaFX version, each with one per platform. */
    static final String IN_JAR = "javafx-natives/";

    private JavaFxNatives() {
    }

    /**
     * The name of OpenJFX's build for this system (its Maven classifier), or empty where there is
     * none in the jar (e.g. 32-bit Windows, where JavaFX's own error says what is missing).
     */
    static Optional<String> platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.startsWith("windows")) {
            return x64 ? Optional.of("win") : Optional.empty();
        }
        if (os.startsWith("mac")) {
            return x64 ? Optional.of("mac") : arm64 ? Optional.of("mac-aarch64") : Optional.empty();
        }
        if (os.startsWith("linux")) {
            return x64 ? Optional.of("linux") : arm64 ? Optional.of("linux-aarch64") : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Copies this computer's libraries out of the running jar and points JavaFX at them; does
     * nothing when not started from a jar that carries them.
     *
     * @throws IOException when the jar cannot be read or no folder can take the libraries
     */
    static void prepare() throws IOException {
        Optional<Path> jar = runningJar();
        Optional<String> platform = platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        if (jar.isEmpty() || platform.isEmpty()) {
            return;
        }
        Path home = Path.of(System.getProperty("user.home"));
        Optional<Path> folder;
        try {
            folder = extract(jar.get(), platform.get(), home.resolve(".openjfx").resolve("cache"));
        } catch (IOException homeNotWritable) {
            folder = extract(jar.get(), platform.get(),
                    Path.of(System.getProperty("java.io.tmpdir"), "portforward-javafx-" + System.getProperty("user.name")));
        }
        if (folder.isPresent()) {
            String path = System.getProperty("java.library.path", "");
            System.setProperty("java.library.path",
                    path.isEmpty() ? folder.get().toString() : folder.get() + File.pathSeparator + path);
        }
    }

    /**
     * Copies {@code platform}'s libraries from {@code jar} into {@code cache/VERSION/PLATFORM}
     * (JavaFX keeps its own copies in {@code ~/.openjfx/cache/VERSION}); a file already there with
     * the same content stays, so a start after the first writes nothing. Another PortForward
     * starting at the same moment writes the same bytes: each file appears whole by renaming.
     *
     * @return the folder, or empty when the jar has no libraries for {@code platform}
     */
    static Optional<Path> extract(Path jar, String platform, Path cache) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<ZipEntry> libraries = new ArrayList<>();
            String version = null;
            for (ZipEntry e : zip.stream().toList()) {
                String[] parts = e.getName().split("/");
                if (!e.isDirectory() && parts.length == 4 && e.getName().startsWith(IN_JAR)
                        && parts[2].equals(platform)) {
                    libraries.add(e);
                    version = parts[1];
                }
            }
            if (libraries.isEmpty()) {
                return Optional.empty();
            }
            Path folder = cache.resolve(version).resolve(platform);
            Files.createDirectories(folder);
            for (ZipEntry e : libraries) {
                Path target = folder.resolve(e.getName().substring(e.getName().lastIndexOf('/') + 1));
                if (!sameContent(target, e)) {
                    Path part = Files.createTempFile(folder, target.getFileName().toString(), ".part");
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } finally {
                        Files.deleteIfExists(part);
                    }
                }
            }
            return Optional.of(folder);
        }
    }

    /** Whether {@code file} holds what {@code entry} does (size and CRC-32, which the jar records). */
    private static boolean sameContent(Path file, ZipEntry entry) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != entry.getSize()) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(file));
        return crc.getValue() == entry.getCrc();
    }

    /** The jar this class was loaded from, or empty (a classes folder in tests or an IDE). */
    private static Optional<Path> runningJar() {
        CodeSource source = JavaFxNatives.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar")
                    ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
