package net.portforward.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.model.MappingProtocol;
import org.junit.jupiter.api.Test;

/** The one list of portforward.ini's keys, against the shipped file and itself. */
class SettingsTableTest {
    private static final UserFolders FOLDERS = new UserFolders(Path.of("/home/alice"),
            Path.of("/home/alice/.local/share/portforward"));

    @Test
    void everyKeyIsInTheShippedFileWithItsDefaultInTheTablesOrder() throws IOException {
        IniFile shipped = IniFile.parse("portforward.ini", SettingsParserTest.shippedText());
        List<String> inFile = shipped.entries().stream().filter(e -> !e.section().equals(SettingsTable.PROXIES))
                .map(e -> "[" + e.section() + "] " + e.key() + " = " + e.value()).toList();
        List<String> inTable = SettingsTable.KEYS.stream().map(k -> k + " = " + k.defaultText()).toList();
        assertEquals(inTable, inFile);
        assertEquals(SettingsTable.SECTIONS, shipped.headers().stream().map(IniFile.Header::name).toList());
    }

    @Test
    void everyDefaultIsWrittenAsTheShippedFileWritesIt() {
        Settings defaults = Settings.defaults(FOLDERS.defaultDataDir());
        for (SettingKey<?> key : SettingsTable.KEYS) {
            assertEquals(key.defaultText(), key.write(defaults, FOLDERS), key.toString());
        }
    }

    @Test
    void idsAndNamesAreUnique() {
        assertEquals(SettingsTable.KEYS.size(), SettingsTable.KEYS.stream().map(SettingKey::id).distinct().count());
        assertEquals(SettingsTable.KEYS.size(), SettingsTable.KEYS.stream().map(SettingKey::toString).distinct().count());
        assertTrue(SettingsTable.KEYS.stream().allMatch(k -> SettingsTable.SECTIONS.contains(k.section())));
    }

    @Test
    void theProtocolIsAutomaticOrOneOfThree() {
        assertEquals(List.of("auto", "upnp", "pcp", "natpmp"), ValueType.PROTOCOL.choices());
        for (String text : ValueType.PROTOCOL.choices()) {
            ValueType.Reading<MappingProtocol> r = ValueType.PROTOCOL.read(text, FOLDERS);
            assertTrue(r.ok(), text);
            assertEquals(text, ValueType.PROTOCOL.write(r.value(), FOLDERS), "reads back");
        }
        assertEquals(Optional.of(MappingProtocol.NATPMP), Optional.ofNullable(ValueType.PROTOCOL.read("NAT-PMP", FOLDERS).value()));
        assertEquals(ValueType.Mistake.NOT_A_PROTOCOL, ValueType.PROTOCOL.read("igd", FOLDERS).mistake());
    }

    @Test
    void aWrongProtocolInTheFileIsSaidAndAutoIsUsed() {
        Settings s = SettingsParser.parse("portforward.ini", "[network]\nprotocol = igd\n", FOLDERS.home(),
                FOLDERS.defaultDataDir());
        assertEquals(List.of("portforward.ini line 2: \"protocol = igd\" is not one of auto, upnp, pcp, natpmp; using auto"),
                english(s.problems()));
        assertEquals(null, s.protocol());
        assertEquals(MappingProtocol.PCP, SettingsParser.parse("portforward.ini", "[network]\nprotocol = pcp\n",
                FOLDERS.home(), FOLDERS.defaultDataDir()).protocol());
    }

    /** The problems as a log would show them: these tests check what is said, in English. */
    static List<String> english(List<net.portforward.engine.error.Fact> problems) {
        return problems.stream().map(net.portforward.engine.error.Fact::english).toList();
    }
}
