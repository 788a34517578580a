package net.portforward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import net.portforward.text.Words;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * --help names the jar when run with java -jar, and the installed command when run from a package;
 * its commands stay as they are typed in every language, their descriptions do not.
 */
class HelpTest {
    private static final Words ENGLISH = Words.in(Locale.ENGLISH);
    private static final Words GERMAN = Words.in(Locale.GERMAN);

    @AfterEach
    void clear() {
        System.clearProperty("jpackage.app-path");
    }

    @Test
    void fromTheJarItNamesTheJar() {
        assertTrue(Help.text(ENGLISH).contains("Usage: java -jar portforward.jar "), Help.text(ENGLISH));
    }

    @Test
    void fromTheInstalledLauncherItNamesTheCommand() {
        String fromJar = Help.text(ENGLISH);
        System.setProperty("jpackage.app-path", "/opt/portforward/bin/portforward");
        String installed = Help.text(ENGLISH);
        List<String> usage = installed.lines().filter(l -> l.contains("portforward") && !l.contains("portforward.ini"))
                .toList();
        assertEquals(List.of("Usage: portforward                    open the window",
                "       portforward COMMAND [options]  run a command"), usage);
        assertFalse(installed.contains("java -jar"), installed);
        assertEquals(fromJar.lines().count(), installed.lines().count(), "only the usage lines change");
    }

    @Test
    void everyLineFitsATerminalAndEveryCommandIsThere() {
        for (String language : List.of("en", "de", "fr", "es", "pt-BR", "it", "nl", "pl", "ru", "zh-CN", "ja")) {
            Words w = Words.in(java.util.Locale.forLanguageTag(language));
            String help = Help.text(w);
            // Terminal columns: a Chinese or Japanese character takes two. Only a command's own
            // syntax may be longer (then its words start on the next line).
            help.lines().forEach(l -> assertTrue(TerminalText.width(l) <= 100 || l.startsWith("  ")
                    && !l.strip().contains("  "), w.locale() + ": " + l));
            for (String command : List.of("discover [--json]", "add any PROTOCOL INTERNAL_PORT [options]",
                    "pinhole delete PORT PROTOCOL", "checker --listen ADDRESS:PORT", "--timeout SECONDS")) {
                assertTrue(help.contains(command), w.locale() + " lacks " + command);
            }
        }
    }

    @Test
    void inGermanTheCommandsStayAndTheirWordsAreGerman() {
        String help = Help.text(GERMAN);
        assertTrue(help.startsWith(GERMAN.format("cli.help.intro")), help);
        assertTrue(help.contains("list [--json|--csv]          " + GERMAN.format("cli.help.list")), help);
        assertFalse(help.contains(ENGLISH.format("cli.help.list")), help);
        for (String key : Help.keys()) {
            assertTrue(GERMAN.has(key), key);
        }
    }
}
