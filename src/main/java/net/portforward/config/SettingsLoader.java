package net.portforward.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.portforward.engine.error.Fact;
import net.portforward.files.AtomicFile;

/**
 * Finds the user's portforward.ini, creates it from the shipped defaults on first start, and
 * reads it. The machine (OS name, home folder, environment) comes in through the constructor so
 * tests can point everything at a temporary folder.
 *
 * <p>Only a broken {@code --config} file stops loading; trouble with the user's own settings folder
 * (read-only, full disk, a file in the way) is reported in {@link Settings#problems()} and the
 * shipped defaults are used, because a port-forward tool that refuses to start over its settings
 * folder helps nobody.
 */
public final class SettingsLoader {

    public static final String FILE_NAME = "portforward.ini";
    /** Where the build puts the top-level portforward.ini inside the jar. */
    public static final String RESOURCE = "/" + FILE_NAME;
    private static final String SHIPPED_SOURCE = "built-in " + FILE_NAME;

    private enum Os { LINUX, WINDOWS, MAC }

    private final Os os;
    private final Path home;
    private final Map<String, String> env;
    private final String shippedDefaults;

    /**
     * @param osName the {@code os.name} system property; anything not Windows or macOS is treated
     *     as a Unix following the XDG conventions
     * @param env environment variables (XDG_CONFIG_HOME, XDG_DATA_HOME, APPDATA)
     * @param shippedDefaults the text of the shipped portforward.ini
     */
    public SettingsLoader(String osName, Path home, Map<String, String> env, String shippedDefaults) {
        this.os = osOf(osName);
        this.home = Objects.requireNonNull(home, "home");
        this.env = Map.copyOf(env);
        this.shippedDefaults = Objects.requireNonNull(shippedDefaults, "shippedDefaults");
    }

    /** The real machine, with the shipped defaults from the classpath. */
    public static SettingsLoader forThisMachine() {
        return new SettingsLoader(System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")),
                System.getenv(), shippedDefaults());
    }

    /**
     * The text of the shipped portforward.ini from the classpath.
     *
     * @throws IllegalStateException when the build left it out, which is a packaging bug
     */
    public static String shippedDefaults() {
        try (InputStream in = SettingsLoader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(FILE_NAME + " is missing from the classpath; the build must copy it in as " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + RESOURCE + " from the classpath", e);
        }
    }

    /** The folder holding the user's portforward.ini. */
    public Path configDir() {
        return switch (os) {
            case LINUX -> envDir("XDG_CONFIG_HOME", env).orElse(home.resolve(".config")).resolve("portforward");
            case WINDOWS -> appData(home, env).resolve("PortForward");
            case MAC -> home.resolve("Library").resolve("Application Support").resolve("PortForward");
        };
    }

    /** The user's portforward.ini, whether or not it exists yet. */
    public Path userConfigFile() {
        return configDir().resolve(FILE_NAME);
    }

    /** Where data goes when {@code data-dir} is empty. */
    public Path defaultDataDir() {
        return defaultDataDir(os, home, env);
    }

    /** The home and usual data folders the settings' values are read against. */
    public UserFolders folders() {
        return new UserFolders(home, defaultDataDir());
    }

    /** The shipped defaults on this machine (its usual data folder). */
    public Settings defaults() {
        return Settings.defaults(defaultDataDir());
    }

    /**
     * Saves {@code settings} into {@code file}, keeping its comments (see
     * {@link SettingsWriter#save(Path, Settings, UserFolders)}).
     */
    public void save(Path file, Settings settings) throws SettingsWriter.SaveException {
        SettingsWriter.save(file, settings, folders());
    }

    /** The usual data folder of a machine: the one place that decides it. */
    public static Path defaultDataDir(String osName, Path home, Map<String, String> env) {
        return defaultDataDir(osOf(osName), home, env);
    }

    private static Path defaultDataDir(Os os, Path home, Map<String, String> env) {
        return switch (os) {
            case LINUX -> envDir("XDG_DATA_HOME", env).orElse(home.resolve(".local").resolve("share")).resolve("portforward");
            case WINDOWS -> appData(home, env).resolve("PortForward");
            case MAC -> home.resolve("Library").resolve("Application Support").resolve("PortForward");
        };
    }

    /**
     * Reads the settings.
     *
     * @param overrideFile the file given with {@code --config}; it must exist and is never created
     * @throws SettingsException only when {@code overrideFile} is missing or unreadable
     */
    public Settings load(Optional<Path> overrideFile) throws SettingsException {
        if (overrideFile.isPresent()) {
            return loadOverride(overrideFile.get());
        }
        Path file = userConfigFile();
        if (!Files.exists(file)) {
            try {
                seed(file);
            } catch (IOException | SecurityException e) {
                return fallback(SettingsFact.CANNOT_CREATE.with(file, reason(e)));
            }
            return parse(file, shippedDefaults);
        }
        try {
            return parse(file, read(file));
        } catch (IOException | SecurityException e) {
            return fallback(SettingsFact.CANNOT_READ.with(file, reason(e)));
        }
    }

    private Settings loadOverride(Path file) throws SettingsException {
        if (!Files.exists(file)) {
            // Creating it would hide a typo in the path; the user asked for that exact file.
            throw new SettingsException(file.isAbsolute() ? SettingsFact.CONFIG_MISSING.with(file)
                    : SettingsFact.CONFIG_MISSING_AT.with(file, file.toAbsolutePath()), null);
        }
        try {
            return parse(file, read(file));
        } catch (IOException | SecurityException e) {
            throw new SettingsException(SettingsFact.CONFIG_UNREADABLE.with(file, reason(e)), e);
        }
    }

    /**
     * First start: copy the shipped file, atomically, so a crash never leaves half a file behind;
     * 0600 in a 0700 folder on POSIX.
     */
    private void seed(Path file) throws IOException {
        AtomicFile.writeDocument(file, shippedDefaults);
    }

    private static String read(Path file) throws IOException {
        // Lenient decoding: a stray Latin-1 byte in a comment must not make the whole file unreadable.
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private Settings parse(Path file, String text) {
        return SettingsParser.parse(IniFile.parse(file.toString(), text), folders());
    }

    private Settings fallback(Fact problem) {
        return SettingsParser.parse(IniFile.parse(SHIPPED_SOURCE, shippedDefaults), folders()).withProblems(List.of(problem));
    }

    // NIO exception messages are often just a path; say what actually went wrong.
    static Fact reason(Exception e) {
        if (e instanceof AccessDeniedException a) {
            return SettingsFact.PERMISSION_DENIED.with(a.getFile());
        }
        if (e instanceof FileAlreadyExistsException f) {
            return SettingsFact.IN_THE_WAY.with(f.getFile());
        }
        if (e instanceof NoSuchFileException n) {
            return SettingsFact.DOES_NOT_EXIST.with(n.getFile());
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return SettingsFact.SYSTEM_SAID.with(f.getFile() == null ? f.getReason() : f.getReason() + ": " + f.getFile());
        }
        return SettingsFact.SYSTEM_SAID.with(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }

    private static Os osOf(String osName) {
        String n = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        return n.startsWith("windows") ? Os.WINDOWS : n.startsWith("mac") || n.startsWith("darwin") ? Os.MAC : Os.LINUX;
    }

    // The XDG spec says relative paths in these variables are invalid and must be ignored.
    private static Optional<Path> envDir(String name, Map<String, String> env) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(value);
            return p.isAbsolute() ? Optional.of(p) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Path appData(Path home, Map<String, String> env) {
        return envDir("APPDATA", env).orElse(home.resolve("AppData").resolve("Roaming"));
    }
}
