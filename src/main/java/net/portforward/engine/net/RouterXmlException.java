package net.portforward.engine.net;

import net.portforward.engine.error.Fact;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterTrouble;

/**
 * XML from a router that {@link SafeXml} did not read, with why as a value the command line and
 * the window can put into their own words. It never holds the XML parser's own text (which names
 * parser features and internals).
 */
public final class RouterXmlException extends RouterProtocolException {
    /** Why the XML was not read. */
    public enum Reason {
        /** A DOCTYPE: refused outright because it can hide external entities and entity expansion. */
        DOCTYPE,
        /** Not well-formed XML: cut off, HTML, or junk. */
        NOT_WELL_FORMED,
        /** Nested deeper than {@link SafeXml#MAX_DEPTH}; real answers nest about 8 deep. */
        TOO_DEEP
    }

    private final Reason reason;

    private RouterXmlException(Reason reason, Fact said) {
        super(said);
        this.reason = reason;
    }

    static RouterXmlException doctype() {
        return new RouterXmlException(Reason.DOCTYPE, RouterTrouble.XML_DOCTYPE.with());
    }

    /** @param line where the parser stopped, or 0 when it does not say */
    static RouterXmlException notWellFormed(int line) {
        return new RouterXmlException(Reason.NOT_WELL_FORMED, line > 0 ? RouterTrouble.XML_NOT_WELL_FORMED_AT.with(line)
                : RouterTrouble.XML_NOT_WELL_FORMED.with());
    }

    static RouterXmlException tooDeep() {
        return new RouterXmlException(Reason.TOO_DEEP, RouterTrouble.XML_TOO_DEEP.with(SafeXml.MAX_DEPTH));
    }

    public Reason reason() {
        return reason;
    }
}
