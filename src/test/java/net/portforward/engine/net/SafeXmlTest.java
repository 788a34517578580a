package net.portforward.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.testing.RouterData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

class SafeXmlTest {
    static java.util.List<String> capturedXml() {
        return RouterData.names(".xml");
    }

    @ParameterizedTest
    @MethodSource("capturedXml")
    void everyCapturedRouterDocumentStillParses(String name) throws Exception {
        Document doc = SafeXml.parse(RouterData.bytes(name));
        assertFalse(Dom.localName(doc.getDocumentElement()).isEmpty(), name);
    }

    @Test
    void capturedSetIsComplete() {
        assertEquals(28, capturedXml().size(), "the routers folder holds 28 XML captures");
    }

    @Test
    void externalEntityIsRefusedAndTheFileIsNotRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<root><friendlyName>&x;</friendlyName></root>";
        RouterProtocolException e = assertThrows(RouterProtocolException.class,
                () -> SafeXml.parse(xxe.getBytes(StandardCharsets.UTF_8)));
        assertFalse(e.getMessage().contains("TOPSECRET"));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void entityExpansionIsRefused() {
        StringBuilder lol = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            lol.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                lol.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            lol.append("\">");
        }
        lol.append("]><root>&lol9;</root>");
        assertThrows(RouterProtocolException.class, () -> SafeXml.parse(lol.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void parameterEntityToTheNetworkIsRefused() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\"> %p;]><root/>";
        assertThrows(RouterProtocolException.class, () -> SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void junkBytesAndControlCharactersDoNotFailTheDocument() throws Exception {
        byte[] head = "<r><d>abc".getBytes(StandardCharsets.UTF_8);
        byte[] junk = {(byte) 0xC3, (byte) 0x28, 0x01, 0x02, (byte) 0xFF};
        byte[] tail = "</d></r>".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + junk.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(junk, 0, all, head.length, junk.length);
        System.arraycopy(tail, 0, all, head.length + junk.length, tail.length);
        Document doc = SafeXml.parse(all);
        assertTrue(doc.getDocumentElement().getTextContent().startsWith("abc"));
    }

    @Test
    void doctypeIsRefusedInWordsWithItsReasonWhereverThePrologPutsIt() {
        for (String xml : List.of("<!DOCTYPE root><root/>",
                "\uFEFF <?xml version=\"1.0\"?>\n<!-- a comment --><?pi data?>\n<!doctype root [<!ENTITY a \"b\">]><root>&a;</root>")) {
            RouterXmlException e = assertThrows(RouterXmlException.class,
                    () -> SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8)));
            assertEquals(RouterXmlException.Reason.DOCTYPE, e.reason(), xml);
            assertFalse(e.getMessage().contains("apache.org") || e.getMessage().contains("feature"), e.getMessage());
        }
    }

    @Test
    void notWellFormedSaysTheLineNotTheParsersText() {
        RouterXmlException e = assertThrows(RouterXmlException.class,
                () -> SafeXml.parse("<?xml version=\"1.0\"?>\n<root>\n<a></b>\n</root>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(RouterXmlException.Reason.NOT_WELL_FORMED, e.reason());
        assertEquals("The router sent XML that cannot be read: it is not well-formed (line 3).", e.getMessage());
        assertEquals(null, e.getCause(), "the parser's exception, and its text, stay behind");
    }

    @Test
    void notXmlIsAReadableError() {
        RouterProtocolException e = assertThrows(RouterProtocolException.class,
                () -> SafeXml.parse("<html><body>Login".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("The router sent XML that cannot be read"));
    }
}
