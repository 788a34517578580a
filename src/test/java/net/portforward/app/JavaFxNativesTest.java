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
import java.util.List;
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

        Path folder = JavaFxNatives.extract(jar, "21.0.12", "linux-aarch64", cache).orElseThrow();

        assertEquals(cache.resolve("21.0.12").resolve("linux-aarch64"), folder);
        try (var files = Files.list(folder)) {
            assertEquals(List.of("copied.txt", "libglass.so"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "the other platforms' libraries stay in the jar");
        }
        assertEquals("linux arm64 glass", Files.readString(folder.resolve("libglass.so")));
    }

    @Test
    void aLaterStartKeepsTheCopiesAndReplacesAMissingOrCutOne() throws IOException {
        Path jar = jar(Map.of(
                "javafx-natives/21.0.12/linux/libglass.so", "glass",
                "javafx-natives/21.0.12/linux/libprism_sw.so", "prism",
                "javafx-natives/21.0.12/linux/libprism_es2.so", "es2"));
        Path cache = dir.resolve("cache");
        Path folder = JavaFxNatives.extract(jar, "21.0.12", "linux", cache).orElseThrow();
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(folder.resolve("libglass.so"), old);

        JavaFxNatives.extract(jar, "21.0.12", "linux", cache);
        assertEquals(old, Files.getLastModifiedTime(folder.resolve("libglass.so")), "nothing is written again");

        Files.writeString(folder.resolve("libprism_sw.so"), "pri");
        Files.delete(folder.resolve("libprism_es2.so"));
        JavaFxNatives.extract(jar, "21.0.12", "linux", cache);

        assertEquals(old, Files.getLastModifiedTime(folder.resolve("libglass.so")), "an intact copy stays");
        assertArrayEquals("prism".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(folder.resolve("libprism_sw.so")));
        assertEquals("es2", Files.readString(folder.resolve("libprism_es2.so")));
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
        assertEquals(Optional.empty(), JavaFxNatives.extract(jar, "21.0.12", "linux", cache));
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
