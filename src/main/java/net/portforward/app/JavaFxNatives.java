package net.portforward.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
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
 * are copied once into a folder per JavaFX version (the jar names it in {@code javafx-natives/version}) and put first on {@code java.library.path}:
 * JavaFX's NativeLibLoader reads that property when it loads each library (after looking beside
 * its own jar and at the jar's root, where there is nothing). The installed app (jlink runtime)
 * and tests start JavaFX from elsewhere, find no such folder in their jar, and are left alone.
 */
public final class JavaFxNatives {
    /** The folder in the jar that holds a folder per JavaFX version, each with one per platform. */
    static final String IN_JAR = "javafx-natives/";
    /** In the cache folder: the libraries copied there and their sizes, written after them. */
    static final String COPIED = "copied.txt";

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
    public static void prepare() throws IOException {
        Optional<String> version = versionInJar();
        Optional<Path> jar = runningJar();
        Optional<String> platform = platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        if (version.isEmpty() || jar.isEmpty() || platform.isEmpty()) {
            return;
        }
        Path home = Path.of(System.getProperty("user.home"));
        Optional<Path> folder;
        try {
            folder = extract(jar.get(), version.get(), platform.get(), home.resolve(".openjfx").resolve("cache"));
        } catch (IOException homeNotWritable) {
            folder = extract(jar.get(), version.get(), platform.get(),
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
     * (JavaFX keeps its own copies in {@code ~/.openjfx/cache/VERSION}). The list of what was
     * copied is written last; while it is there and every file has its size, later starts do not
     * open the jar at all (reading its few thousand entries cost about 40 ms of each start).
     * Another PortForward starting at the same moment writes the same bytes, and each file
     * appears whole by renaming.
     *
     * @return the folder, or empty when the jar has no libraries for {@code platform}
     */
    static Optional<Path> extract(Path jar, String version, String platform, Path cache) throws IOException {
        Path folder = cache.resolve(version).resolve(platform);
        if (complete(folder)) {
            return Optional.of(folder);
        }
        String prefix = IN_JAR + version + "/" + platform + "/";
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<ZipEntry> libraries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements();) {
                ZipEntry e = all.nextElement();
                if (!e.isDirectory() && e.getName().startsWith(prefix) && e.getName().indexOf('/', prefix.length()) < 0) {
                    libraries.add(e);
                }
            }
            if (libraries.isEmpty()) {
                return Optional.empty();
            }
            Files.createDirectories(folder);
            StringBuilder list = new StringBuilder();
            for (ZipEntry e : libraries) {
                String name = e.getName().substring(prefix.length());
                Path target = folder.resolve(name);
                if (!sameContent(target, e)) {
                    try (InputStream in = zip.getInputStream(e)) {
                        writeWhole(folder, target, in);
                    }
                }
                list.append(e.getSize()).append(' ').append(name).append('\n');
            }
            writeWhole(folder, folder.resolve(COPIED), new ByteArrayInputStream(list.toString().getBytes(UTF_8)));
            return Optional.of(folder);
        }
    }

    /** Whether the list of copied libraries is there and each file has the size it lists. */
    private static boolean complete(Path folder) throws IOException {
        Path list = folder.resolve(COPIED);
        if (!Files.isRegularFile(list)) {
            return false;
        }
        for (String line : Files.readAllLines(list, UTF_8)) {
            int space = line.indexOf(' ');
            Path lib = space < 0 ? null : folder.resolve(line.substring(space + 1));
            if (lib == null || !Files.isRegularFile(lib) || Files.size(lib) != Long.parseLong(line.substring(0, space))) {
                return false;
            }
        }
        return true;
    }

    private static void writeWhole(Path folder, Path target, InputStream in) throws IOException {
        Path part = Files.createTempFile(folder, target.getFileName().toString(), ".part");
        try {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** The JavaFX version whose libraries the jar carries, or empty in a jar without them. */
    private static Optional<String> versionInJar() throws IOException {
        try (InputStream in = JavaFxNatives.class.getResourceAsStream("/" + IN_JAR + "version")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), UTF_8).strip());
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
