package net.portforward.engine.net;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import net.portforward.engine.error.RouterProtocolException;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses XML that came from the network. Any LAN host can answer an M-SEARCH and serve a
 * description, and the JDK's parsers fetch external entities by default (FIELD.md): here a
 * DOCTYPE is refused outright, which rules out external entities (XXE) and entity expansion
 * ("billion laughs"). None of the 24 captured routers' documents has a DOCTYPE
 * (src/test/resources/routers, checked by SafeXmlTest).
 *
 * <p>A refusal is a {@link RouterXmlException} with a {@link RouterXmlException.Reason}: the
 * parser's own messages ("DOCTYPE is disallowed when the feature
 * http://apache.org/xml/features/disallow-doctype-decl set to true") never reach the user.
 */
public final class SafeXml {
    private static final DocumentBuilderFactory FACTORY = hardenedFactory();

    private SafeXml() {
    }

    /**
     * Parses a router's bytes. They are decoded as UTF-8 with bad bytes replaced, and characters
     * XML forbids are dropped first: miniupnpd 2.3.1 cuts long descriptions mid-character and
     * appends junk bytes (FIELD.md), which would otherwise fail the whole listing.
     */
    public static Document parse(byte[] body) throws RouterProtocolException {
        String text = withoutIllegalChars(decodeLeniently(body));
        if (hasDoctype(text)) {
            // Told apart here, not from the parser's message; the parser refuses it too.
            throw RouterXmlException.doctype();
        }
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            builder.setErrorHandler(new DefaultHandler());
            Document doc = builder.parse(new InputSource(new StringReader(text)));
            checkDepth(doc);
            return doc;
        } catch (SAXParseException e) {
            throw RouterXmlException.notWellFormed(e.getLineNumber());
        } catch (SAXException | IOException e) {
            throw RouterXmlException.notWellFormed(0);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Real documents nest about 8 deep; 10,000 levels overflowed the stack of DOM look-ups. */
    public static final int MAX_DEPTH = 64;

    private static void checkDepth(Document doc) throws RouterProtocolException {
        Node node = doc.getDocumentElement();
        int depth = 1;
        while (node != null) {
            if (node.getFirstChild() != null) {
                node = node.getFirstChild();
                if (++depth > MAX_DEPTH) {
                    throw RouterXmlException.tooDeep();
                }
                continue;
            }
            while (node != null && node.getNextSibling() == null) {
                node = node.getParentNode();
                depth--;
                if (node == doc) {
                    return;
                }
            }
            if (node != null) {
                node = node.getNextSibling();
            }
        }
    }

    static String decodeLeniently(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not throw", e);
        }
    }

    static String withoutIllegalChars(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(SafeXml::isXmlChar).forEach(out::appendCodePoint);
        // A stray BOM or blank before the declaration makes it illegal; routers send both.
        int start = 0;
        while (start < out.length() && (Character.isWhitespace(out.charAt(start)) || out.charAt(start) == '\uFEFF')) {
            start++;
        }
        return out.substring(start);
    }

    private static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /**
     * True when the prolog (what comes before the root element: the XML declaration, comments,
     * processing instructions, blanks) holds a DOCTYPE, the only place XML allows one.
     */
    static boolean hasDoctype(String text) {
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else if (text.startsWith("<?", i)) {
                int end = text.indexOf("?>", i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                if (end < 0) {
                    return false;
                }
                i = end + 3;
            } else {
                return text.regionMatches(true, i, "<!DOCTYPE", 0, 9);
            }
        }
        return false;
    }

    private static DocumentBuilderFactory hardenedFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a hardening feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(true);
        return f;
    }
}
