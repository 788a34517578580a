package net.portforward.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaFxNativesTest {
    @TempDir
    Path dir;

    @Test
    void eachDesktopGetsOpenJfxsBuildForIt() {
        Map<String, String> expected = Map.of(
                "Windows 11/amd64", "win",
                "Mac OS X/x86_64", "mac",
                "Mac OS X/aarch64", "mac-aarch64",
                "Linux/amd64", "linux",
                "Linux/aarch64", "linux-aarch64");
        expected.forEach((system, classifier) -> {
            String[] osArch = system.split("/");
            assertEquals(Optional.of(classifier), JavaFxNatives.platform(osArch[0], osArch[1]), system);
        });
        assertEquals(Optional.empty(), JavaFxNatives.platform("Windows 10", "x86"), "no 32-bit build");
        assertEquals(Optional.empty(), JavaFxNatives.platform("FreeBSD", "amd64"));
    }

    @Test
    void copiesOnlyThisPlatformsLibrariesIntoAFolderPerVersion() throws IOException {
        Path jar = jar(Map.of(
                "javafx-natives/21.0.12/linux/libglass.so", "linux x64 glass",
                "javafx-natives/21.0.12/linux/libprism_sw.so", "linux x64 prism",
                "javafx-natives/21.0.12/linux-aarch64/libglass.so", "linux arm64 glass",
                "javafx-natives/21.0.12/win/glass.dll", "windows glass",
                "libglass.so", "not in a platform folder",
                "net/portforward/app/Main.class", "code"));
        Path cache = dir.resolve("cache");

        Path folder = JavaFxNatives.extract(jar, "linux-aarch64", cache).orElseThrow();

        assertEquals(cache.resolve("21.0.12").resolve("linux-aarch64"), folder);
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count(), "the other platforms' libraries stay in the jar");
        }
        assertEquals("linux arm64 glass", Files.readString(folder.resolve("libglass.so")));
    }

    @Test
    void aLaterStartKeepsTheCopiesAndRepairsADamagedOne() throws IOException {
        Path jar = jar(Map.of(
                "javafx-natives/21.0.12/linux/libglass.so", "glass",
                "javafx-natives/21.0.12/linux/libprism_sw.so", "prism"));
        Path cache = dir.resolve("cache");
        Path folder = JavaFxNatives.extract(jar, "linux", cache).orElseThrow();
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(folder.resolve("libglass.so"), old);
        Files.writeString(folder.resolve("libprism_sw.so"), "prisn"); // same size, other bytes

        JavaFxNatives.extract(jar, "linux", cache);

        assertEquals(old, Files.getLastModifiedTime(folder.resolve("libglass.so")), "an intact copy is not written again");
        assertArrayEquals("prism".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(folder.resolve("libprism_sw.so")));
        try (var files = Files.list(folder)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".part")), "no half-written files left");
        }
    }

    @Test
    void aJarWithoutLibrariesForThisPlatformChangesNothing() throws IOException {
        // The installed app's jar: JavaFX's libraries are in its runtime image instead.
        Path jar = jar(Map.of("net/portforward/app/Main.class", "code",
                "javafx-natives/21.0.12/win/glass.dll", "windows glass"));
        Path cache = dir.resolve("cache");
        assertEquals(Optional.empty(), JavaFxNatives.extract(jar, "linux", cache));
        assertFalse(Files.exists(cache));
    }

    private Path jar(Map<String, String> entries) throws IOException {
        Path jar = Files.createTempFile(dir, "app", ".jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
