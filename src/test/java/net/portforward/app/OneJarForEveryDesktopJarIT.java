package net.portforward.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The built target/portforward.jar against OpenJFX's graphics module for each desktop (copied
 * beside it by the build): every native library in its platform's folder with the same bytes,
 * none at the root, and the classes only the Windows and macOS builds have. Runs after
 * {@code package} (failsafe), since the fast tests run before the jar exists.
 */
@Tag("jar")
class OneJarForEveryDesktopJarIT {
    private static final Path TARGET = Path.of("target");
    private static final String VERSION = System.getProperty("javafx.version", "21.0.12");
    /** OpenJFX's classifier and the name its glass library (the windowing one) has there. */
    private static final List<List<String>> PLATFORMS = List.of(
            List.of("win", "glass.dll"), List.of("mac", "libglass.dylib"), List.of("mac-aarch64", "libglass.dylib"),
            List.of("linux", "libglass.so"), List.of("linux-aarch64", "libglass.so"));

    @Test
    void eachDesktopsNativeLibrariesAreInTheirOwnFolder() throws IOException {
        try (ZipFile jar = new ZipFile(TARGET.resolve("portforward.jar").toFile())) {
            for (List<String> platform : PLATFORMS) {
                String folder = JavaFxNatives.IN_JAR + VERSION + "/" + platform.get(0) + "/";
                assertTrue(jar.getEntry(folder + platform.get(1)) != null, folder + platform.get(1));
                List<ZipEntry> natives = natives(fxJar(platform.get(0)));
                assertTrue(natives.size() >= 7, platform + ": " + natives.size());
                for (ZipEntry lib : natives) {
                    ZipEntry copy = jar.getEntry(folder + lib.getName());
                    assertTrue(copy != null, folder + lib.getName() + " missing");
                    assertEquals(lib.getCrc(), copy.getCrc(), folder + lib.getName());
                }
            }
            List<String> atRoot = jar.stream().map(ZipEntry::getName).filter(OneJarForEveryDesktopJarIT::isNative)
                    .filter(n -> !n.startsWith(JavaFxNatives.IN_JAR)).toList();
            assertEquals(List.of(), atRoot, "a library at the root would be loaded on every platform");
        }
    }

    @Test
    void windowsAndMacOsClassesAreInside() throws IOException {
        try (ZipFile jar = new ZipFile(TARGET.resolve("portforward.jar").toFile())) {
            for (String platform : List.of("win", "mac", "linux")) {
                try (ZipFile fx = new ZipFile(fxJar(platform).toFile())) {
                    List<String> missing = new ArrayList<>();
                    fx.stream().map(ZipEntry::getName)
                            .filter(n -> !isNative(n) && !n.endsWith("/") && !n.startsWith("META-INF/")
                                    && !n.equals("module-info.class"))
                            .filter(n -> jar.getEntry(n) == null).forEach(missing::add);
                    assertEquals(List.of(), missing, platform);
                }
            }
            assertTrue(jar.getEntry("com/sun/glass/ui/win/WinApplication.class") != null);
            assertTrue(jar.getEntry("com/sun/glass/ui/mac/MacApplication.class") != null);
            assertTrue(jar.getEntry("com/sun/glass/ui/gtk/GtkApplication.class") != null);
        }
    }

    private static Path fxJar(String classifier) {
        return TARGET.resolve("javafx-platforms").resolve("javafx-graphics-" + VERSION + "-" + classifier + ".jar");
    }

    private static List<ZipEntry> natives(Path fxJar) throws IOException {
        try (ZipFile fx = new ZipFile(fxJar.toFile())) {
            return fx.stream().filter(e -> isNative(e.getName())).map(ZipEntry::new).toList();
        }
    }

    private static boolean isNative(String name) {
        return name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib");
    }
}
