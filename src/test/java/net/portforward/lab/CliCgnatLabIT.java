package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The app's command line against a router behind carrier-grade NAT: miniupnpd with a 100.64/10 WAN
 * address reports no external address and answers every AddPortMapping with 501 (LAB.md).
 */
class CliCgnatLabIT extends LabCliTest {

    @Override
    LabVariant variant() {
        return LabVariant.CGNAT;
    }

    @Test
    void discoverAndInfoReportDoubleNat() {
        List<?> gateways = (List<?>) AppCli.parseJson(app.ok("discover", "--json").out());
        assertEquals(1, gateways.size(), gateways::toString);
        assertEquals(true, ((Map<?, ?>) gateways.get(0)).get("doubleNat"));

        Map<?, ?> info = (Map<?, ?>) AppCli.parseJson(app.ok("info", "--json").out());
        assertEquals(true, info.get("doubleNat"));
        assertEquals("DOUBLE_NAT", info.get("natVerdict"));
        assertEquals("", info.get("externalIp"));
        assertEquals("Connected", info.get("connectionStatus"));

        String text = app.ok("info").out();
        assertTrue(text.contains("double NAT"), text);
        assertTrue(text.contains((String) info.get("natExplanation")), text);
    }

    @Test
    void addFailsWithAReadableMessage() {
        AppCli.Run r = app.fails(1, "add", "8080", "TCP", "80");
        // The router's 501 explained, not just a code.
        assertTrue(r.err().contains("NAT"), r::toString);
        assertTrue(r.err().contains("501"), r::toString);
        assertEquals(List.of(), lab.listMappings());
        assertEquals(List.of(), app.listJson());
    }

    @Test
    void infoAndARefusedAddReadInGermanForAGermanUser() {
        AppCli.Run info = app.runInGerman("info");
        assertEquals(0, info.exit(), info::toString);
        assertTrue(info.out().contains("Internetadresse:   keine gemeldet"), info::toString);
        assertTrue(info.out().contains("Doppeltes NAT:     ja"), info::toString);
        assertTrue(info.out().contains("doppeltes NAT") && info.out().contains("Carrier-Grade-NAT Ihres Anbieters"),
                info::toString);
        assertTrue(info.out().contains("Verbindung:        Verbunden"), info::toString);

        AppCli.Run add = app.runInGerman("add", "8080", "TCP", "80");
        assertEquals(1, add.exit(), add::toString);
        // miniupnpd behind carrier-grade NAT answers 501: explained in German, its code kept for a bug report.
        assertTrue(add.err().startsWith("Der Router konnte die Anfrage nicht ausführen."), add::toString);
        assertTrue(add.err().contains("UPnP-Fehler 501") && add.err().contains("auf AddPortMapping"), add::toString);
        assertEquals(List.of(), lab.listMappings());
    }
}
