package net.portforward.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each desktop's answer, fed as the command would print it. */
class DarkSettingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "'prefer-dark'|true",
            "'default'|false",
            "'prefer-light'|false",
            "No such key “color-scheme”|false"})
    void gnomeColorScheme(String output, boolean dark) {
        assertEquals(dark, DarkSetting.gnomeIsDark(output));
    }

    @Test
    void gtkThemeVariant() {
        assertTrue(DarkSetting.gtkThemeIsDark("Adwaita:dark"));
        assertFalse(DarkSetting.gtkThemeIsDark("Adwaita"));
        assertFalse(DarkSetting.gtkThemeIsDark("Adwaita-dark:light"));
        assertFalse(DarkSetting.gtkThemeIsDark(null));
    }

    @Test
    void windowsAppsUseLightTheme() {
        String dark = "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize\r\n"
                + "    AppsUseLightTheme    REG_DWORD    0x0\r\n\r\n";
        assertEquals(Optional.of(true), DarkSetting.windowsIsDark(dark));
        assertEquals(Optional.of(false), DarkSetting.windowsIsDark(dark.replace("0x0", "0x1")));
        assertEquals(Optional.empty(), DarkSetting.windowsIsDark("ERROR: The system was unable to find the specified"
                + " registry key or value.\r\n"));
    }

    @Test
    void macAppleInterfaceStyle() {
        assertTrue(DarkSetting.macIsDark("Dark\n"));
        assertFalse(DarkSetting.macIsDark("Light\n"));
    }

    @Test
    void eachSystemAsksItsOwnQuestionAndIsLightWhenItCannot() {
        SystemCommand answers = command -> command.equals(DarkSetting.GNOME)
                ? Optional.of(new SystemCommand.Answer(0, "'prefer-dark'\n"))
                : command.equals(DarkSetting.WINDOWS)
                ? Optional.of(new SystemCommand.Answer(0, "    AppsUseLightTheme    REG_DWORD    0x0\n"))
                : command.equals(DarkSetting.MACOS) ? Optional.of(new SystemCommand.Answer(0, "Dark\n"))
                : Optional.empty();
        for (OperatingSystem os : OperatingSystem.values()) {
            assertTrue(new DarkSetting(os, Map.of(), answers).isDark(), os.name());
            assertFalse(new DarkSetting(os, Map.of(), c -> Optional.empty()).isDark(), os + ": no answer in time");
        }
        // A light Mac: defaults says the key does not exist and exits 1.
        assertFalse(new DarkSetting(OperatingSystem.MACOS, Map.of(), c -> Optional.of(new SystemCommand.Answer(1,
                "The domain/default pair of (kCFPreferencesAnyApplication, AppleInterfaceStyle) does not exist\n")))
                .isDark());
        assertTrue(new DarkSetting(OperatingSystem.LINUX, Map.of("GTK_THEME", "Adwaita:dark"), c -> Optional.empty())
                .isDark());
    }

    @Test
    void aHungCommandIsEndedAtTheLimit() {
        long start = System.nanoTime();
        Optional<SystemCommand.Answer> a = SystemCommand.withTimeout(java.time.Duration.ofMillis(300))
                .run(List.of("sleep", "10"));
        assertEquals(Optional.empty(), a);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "waited for the whole sleep");
        assertEquals(Optional.empty(), SystemCommand.withTimeout(java.time.Duration.ofSeconds(1))
                .run(List.of("no-such-command-portforward")));
    }
}
