package net.portforward.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchCommandTest {
    private static final Path JAVA = Path.of("/usr/lib/jvm/17/bin/java");

    @Test
    void theInstalledLauncherIsUsedWhenThereIsOne() {
        LaunchCommand c = LaunchCommand.of(Optional.of(Path.of("/opt/portforward/bin/portforward")), JAVA,
                Path.of("/opt/portforward/lib/app/portforward.jar"), "x", Optional.empty());
        assertEquals(List.of("/opt/portforward/bin/portforward", "--tray"), c.arguments());
        assertTrue(c.startsFrom(Path.of("/opt/portforward")));
    }

    @Test
    void aJarRunsWithThisJavaAndKeepsItsSettingsFile() {
        LaunchCommand c = LaunchCommand.of(Optional.empty(), JAVA, Path.of("/home/al/pf/portforward.jar"), "x",
                Optional.of(Path.of("/home/al/pf.ini")));
        assertEquals(List.of("/usr/lib/jvm/17/bin/java", "-jar", "/home/al/pf/portforward.jar", "--tray", "--config",
                "/home/al/pf.ini"), c.arguments());
        assertFalse(c.startsFrom(Path.of("/opt/portforward")));
    }

    @Test
    void aBuildFolderRunsTheMainClassFromTheClassPath() {
        LaunchCommand c = LaunchCommand.of(Optional.empty(), JAVA, Path.of("/src/pf/target/classes"), "/a:/b",
                Optional.empty());
        assertEquals(List.of("/usr/lib/jvm/17/bin/java", "-cp", "/a:/b", "net.portforward.app.Main", "--tray"),
                c.arguments());
    }

    @Test
    void thisProcessGetsACommandEndingInTray() {
        LaunchCommand c = LaunchCommand.forThisProcess(Optional.empty());
        assertEquals("--tray", c.arguments().get(c.arguments().size() - 1));
        assertTrue(Path.of(c.program()).isAbsolute(), c.program());
    }
}
