package net.portforward.ledger.transfer;

import static net.portforward.engine.EngineTestSupport.CLIENT;
import static net.portforward.engine.EngineTestSupport.ip;
import static net.portforward.engine.EngineTestSupport.tcp;
import static net.portforward.engine.EngineTestSupport.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.model.PortMapping;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** JSON and CSV table files: round trips with hostile text, and every bad line named by number. */
class TableFileTest {
    /** Descriptions a router or a user can hand us: separators, quotes, formulas, escapes, accents. */
    private static final List<String> HOSTILE = List.of("a, b", "say \"hi\"", "\"", "=HYPERLINK(\"http://x\")", "+1",
            "-2", "@SUM(A1)", "'quoted", "back\\slash", "{\"json\":[1]}", "Zürich ☃", "", " spaces ", "line\nbreak",
            "cr\r\nlf", "tab\there", ",,,");

    private static List<PortMapping> hostileTable() {
        List<PortMapping> out = new java.util.ArrayList<>();
        int port = 20000;
        for (String d : HOSTILE) {
            out.add(new PortMapping(port % 2 == 0 ? net.portforward.engine.model.Protocol.TCP
                    : net.portforward.engine.model.Protocol.UDP, port, ip(CLIENT), port + 1, port % 3 != 0, d,
                    port % 5 == 0 ? ip("203.0.113.9") : null, Duration.ofSeconds(port % 4 == 0 ? 0 : 3600)));
            port++;
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(TableFile.Format.class)
    void roundTripKeepsEveryFieldOfHostileDescriptions(TableFile.Format format) throws Exception {
        List<PortMapping> table = hostileTable();
        String text = TableFile.write(table, format);
        List<TableFile.Line> lines = TableFile.read(text);
        assertEquals(table.size(), lines.size(), text);
        for (int i = 0; i < table.size(); i++) {
            TableFile.Line l = lines.get(i);
            String d = table.get(i).description();
            boolean control = d.chars().anyMatch(Character::isISOControl);
            if (control) {
                // Read back exactly, then refused as a router description (MappingRules), by line number.
                assertFalse(l.valid(), l.toString());
                assertTrue(l.problem().english().contains("control characters"), l.problem().english());
            } else {
                assertEquals(table.get(i), l.mapping(), "line " + l.number());
            }
        }
    }

    @Test
    void csvDefusesFormulasAndKeepsLineNumbersAcrossQuotedLineBreaks() throws Exception {
        String csv = TableFile.write(List.of(tcp(8080, CLIENT, 80, "=cmd"), tcp(8081, CLIENT, 81, "two\nlines"),
                tcp(8082, CLIENT, 82, "ok")), TableFile.Format.CSV);
        assertTrue(csv.contains("\"'=cmd\""), csv);
        List<TableFile.Line> lines = TableFile.read(csv);
        assertEquals(List.of(2, 3, 5), lines.stream().map(TableFile.Line::number).toList(),
                "the record after a quoted line break starts on line 5");
    }

    @Test
    void invalidLinesAreReportedWithTheirNumbersAndTheOthersStillRead() throws Exception {
        String csv = String.join("\n",
                "protocol,externalPort,internalClient,internalPort,enabled,description,remoteHost,leaseSeconds",
                "TCP,8080,192.168.1.23,80,true,\"ok\",,0",
                "SCTP,8081,192.168.1.23,81,true,\"x\",,0",
                "TCP,70000,192.168.1.23,81,true,\"x\",,0",
                "TCP,8083,nas.local,83,true,\"x\",,0",
                "TCP,8084,192.168.1.23,84,maybe,\"x\",,0",
                "TCP,8085,192.168.1.23,85,true,\"x\",,99999999",
                "TCP,8086,192.168.1.23",
                "UDP,8087,192.168.1.23,87,false,\"Tom & Jerry\",,0",
                "UDP,8088,192.168.1.23,88,false,\"off\",,60");
        List<TableFile.Line> lines = TableFile.read(csv);
        assertEquals(9, lines.size());
        assertTrue(lines.get(0).valid());
        assertTrue(lines.get(8).valid());
        assertFalse(lines.get(8).mapping().enabled());
        for (TableFile.Line l : lines.subList(1, 8)) {
            assertFalse(l.valid(), l.toString());
            EngineTestSupport.assertSentence("Line " + l.number() + ": " + l.problem());
        }
        assertEquals(3, lines.get(1).number());
        assertTrue(lines.get(1).problem().english().contains("SCTP"), lines.get(1).problem().english());
        assertTrue(lines.get(3).problem().english().contains("nas.local"));
    }

    @Test
    void listJsonOutputIsImportableAndBrokenJsonNamesItsLine() throws Exception {
        String json = "[\n {\"protocol\":\"TCP\",\"externalPort\":8080,\"internalClient\":\"192.168.1.23\","
                + "\"internalPort\":80,\"enabled\":true,\"description\":\"web\",\"remoteHost\":\"\",\"leaseSeconds\":0,"
                + "\"heldByPortForward\":true,\"warnings\":[\"x\"]},\n {\"protocol\":\"UDP\"}\n]";
        List<TableFile.Line> lines = TableFile.read(json);
        assertEquals(tcp(8080, CLIENT, 80, "web"), lines.get(0).mapping());
        assertEquals(3, lines.get(1).number());
        assertFalse(lines.get(1).valid());
        InvalidInputException broken = assertThrows(InvalidInputException.class,
                () -> TableFile.read("[\n{\"protocol\":\"TCP\",\n\"externalPort\" 8080}]"));
        assertTrue(broken.getMessage().contains("line 3"), broken.getMessage());
        assertThrows(InvalidInputException.class, () -> TableFile.read("protocol,externalPort\n\"TCP,8080\n"));
        assertEquals(List.of(), TableFile.read("[]"));
        assertEquals(udp(1, CLIENT, 1, ""), TableFile.read("protocol,externalPort,internalClient,internalPort\n"
                + "udp,1,192.168.1.23,1\n").get(0).mapping(), "missing optional columns take their defaults");
    }
}
