package net.portforward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** --help names the jar when run with java -jar, and the installed command when run from a package. */
class HelpTest {
    @AfterEach
    void clear() {
        System.clearProperty("jpackage.app-path");
    }

    @Test
    void fromTheJarItNamesTheJar() {
        assertTrue(Help.text().contains("Usage: java -jar portforward.jar "), Help.text());
    }

    @Test
    void fromTheInstalledLauncherItNamesTheCommand() {
        System.setProperty("jpackage.app-path", "/opt/portforward/bin/portforward");
        List<String> usage = Help.text().lines().filter(l -> l.contains("portforward") && !l.contains("portforward.ini")).toList();
        assertEquals(List.of("Usage: portforward                    open the window",
                "       portforward COMMAND [options]  run a command"), usage);
        assertFalse(Help.text().contains("java -jar"), Help.text());
        assertEquals(Help.TEXT.lines().count(), Help.text().lines().count(), "only the usage lines change");
    }
}
