package net.portforward.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IniFileTest {

    @Test
    void readsSectionsKeysAndComments() {
        IniFile ini = IniFile.parse("t.ini", String.join("\n",
                "\uFEFF; comment",
                "# another",
                "",
                "  [Discovery]  ",
                "  Timeout   =   3s  ",
                "router = http://r/desc.xml#frag ; trailing comment",
                "interface = \"Wi-Fi 2\"",
                "empty =",
                "[webserver]",
                "port=9542"));
        assertEquals(List.of(), ini.problems());
        assertEquals(List.of(new IniFile.Header(4, "discovery"), new IniFile.Header(9, "webserver")), ini.headers());
        List<IniFile.Entry> e = ini.entries();
        assertEquals(5, e.size());
        assertEquals(new IniFile.Entry(5, "discovery", "timeout", "3s", "Timeout   =   3s"), e.get(0));
        assertEquals("http://r/desc.xml#frag", e.get(1).value());
        assertEquals("Wi-Fi 2", e.get(2).value());
        assertEquals("", e.get(3).value());
        assertEquals(new IniFile.Entry(10, "webserver", "port", "9542", "port=9542"), e.get(4));
    }

    @Test
    void lineWithoutEqualsIsReportedAndTheRestLoads() {
        IniFile ini = IniFile.parse("portforward.ini", "[webserver]\nport 9542\nstart = true\n");
        assertEquals(1, ini.problems().size());
        assertEquals(2, ini.problems().get(0).line());
        assertEquals("portforward.ini line 2: \"port 9542\" is not a setting (expected name = value); ignored",
                ini.problems().get(0).message());
        assertEquals(List.of(new IniFile.Entry(3, "webserver", "start", "true", "start = true")), ini.entries());
    }

    @Test
    void emptyKeyIsReported() {
        IniFile ini = IniFile.parse("a.ini", "[x]\n= 5\n");
        assertEquals(1, ini.problems().size());
        assertTrue(ini.problems().get(0).message().startsWith("a.ini line 2: \"= 5\" is not a setting"));
        assertEquals(List.of(), ini.entries());
    }

    @Test
    void brokenHeaderDropsItsKeysUntilTheNextGoodHeader() {
        IniFile ini = IniFile.parse("a.ini", "[webserver\nport = 1\n[web server]\nport = 2\n[events]\nlisten = no\n");
        assertEquals(2, ini.problems().size());
        assertEquals("a.ini line 1: \"[webserver\" is not a section header (expected [name]); the settings below it are ignored",
                ini.problems().get(0).message());
        assertEquals(3, ini.problems().get(1).line());
        assertEquals(List.of(new IniFile.Entry(6, "events", "listen", "no", "listen = no")), ini.entries());
    }

    @Test
    void windowsLineEndingsAndKeysBeforeAnySection() {
        IniFile ini = IniFile.parse("a.ini", "top = 1\r\n[s]\r\nk = v\r\n");
        assertEquals(List.of(new IniFile.Entry(1, "", "top", "1", "top = 1"),
                new IniFile.Entry(3, "s", "k", "v", "k = v")), ini.entries());
    }
}
