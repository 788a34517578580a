package net.portforward.desktop;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line that starts PortForward hidden in the system tray ({@code --tray}), as a login
 * entry runs it: the installed launcher when this is the installed app, else this Java with the
 * jar (or, from a build folder, its class path).
 *
 * @param arguments the program first, then its arguments
 */
public record LaunchCommand(List<String> arguments) {
    public static final String TRAY_OPTION = "--tray";
    static final String MAIN_CLASS = "net.portforward.app.Main";

    public LaunchCommand {
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("a launch command needs a program");
        }
    }

    /**
     * This process's way of starting, with {@code --tray} and the settings file it was started
     * with ({@code --config}), if any.
     */
    public static LaunchCommand forThisProcess(Optional<Path> config) {
        // jpackage's launchers tell the JVM where they are; a plain "java -jar" has no such property.
        String launcher = System.getProperty("jpackage.app-path");
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        return of(Optional.ofNullable(launcher).filter(s -> !s.isBlank()).map(Path::of), java, codeSource(),
                System.getProperty("java.class.path", ""), config);
    }

    /**
     * The command for a launcher, else for {@code java} with the jar {@code codeSource} (or a class
     * path when it is a folder of classes).
     */
    static LaunchCommand of(Optional<Path> launcher, Path java, Path codeSource, String classPath, Optional<Path> config) {
        List<String> args = new ArrayList<>();
        if (launcher.isPresent()) {
            args.add(launcher.get().toAbsolutePath().toString());
        } else if (codeSource.getFileName() != null && codeSource.getFileName().toString().endsWith(".jar")) {
            args.addAll(List.of(java.toString(), "-jar", codeSource.toAbsolutePath().toString()));
        } else {
            args.addAll(List.of(java.toString(), "-cp", classPath, MAIN_CLASS));
        }
        args.add(TRAY_OPTION);
        config.ifPresent(c -> args.addAll(List.of("--config", c.toAbsolutePath().toString())));
        return new LaunchCommand(args);
    }

    /** The program: the launcher, or java. */
    public String program() {
        return arguments.get(0);
    }

    /**
     * True when this starts the installed app at {@code installDir}: the uninstaller removes only
     * such entries.
     */
    public boolean startsFrom(Path installDir) {
        return Path.of(program()).startsWith(installDir);
    }

    private static Path codeSource() {
        try {
            var source = LaunchCommand.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path p = Path.of(source.getLocation().toURI());
                if (Files.exists(p)) {
                    return p;
                }
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException unusual) {
            // falls back to the class path below
        }
        return Path.of(".");
    }
}
