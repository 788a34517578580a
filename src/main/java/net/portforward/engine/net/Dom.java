package net.portforward.engine.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * DOM look-ups by local name. Routers use every prefix imaginable ({@code s:}, {@code SOAP:} on
 * the ARRIS NVG578LX, {@code m:} on the Actiontec GT784WN) and some declare none, so names are
 * matched without their prefix.
 */
public final class Dom {
    private Dom() {
    }

    public static String localName(Node node) {
        String name = node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    public static List<Element> children(Element parent, String localName) {
        return children(parent).stream().filter(e -> localName.equals(localName(e))).toList();
    }

    public static Optional<Element> child(Element parent, String localName) {
        return children(parent).stream().filter(e -> localName.equals(localName(e))).findFirst();
    }

    /** The trimmed text of a direct child, or "" when absent. */
    public static String childText(Element parent, String localName) {
        return child(parent, localName).map(e -> e.getTextContent().trim()).orElse("");
    }

    /** The first element with this local name anywhere below {@code root}, depth first. */
    public static Optional<Element> find(Element root, String localName) {
        if (localName.equals(localName(root))) {
            return Optional.of(root);
        }
        for (Element child : children(root)) {
            Optional<Element> found = find(child, localName);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
