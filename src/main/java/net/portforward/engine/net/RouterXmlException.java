package net.portforward.engine.net;

import net.portforward.engine.error.RouterProtocolException;

/**
 * XML from a router that {@link SafeXml} did not read, with why as a value the command line and
 * the window can put into their own words. The message is already a sentence for people; it never
 * holds the XML parser's own text (which names parser features and internals).
 */
public final class RouterXmlException extends RouterProtocolException {
    /** Why the XML was not read. */
    public enum Reason {
        /** A DOCTYPE: refused outright because it can hide external entities and entity expansion. */
        DOCTYPE("The router's answer holds a DOCTYPE, which PortForward refuses because it can hide attacks"
                + " (reading files on this computer, or filling its memory); the answer was not read."),
        /** Not well-formed XML: cut off, HTML, or junk. */
        NOT_WELL_FORMED("The router sent XML that cannot be read: it is not well-formed."),
        /** Nested deeper than {@link SafeXml#MAX_DEPTH}; real answers nest about 8 deep. */
        TOO_DEEP("The router sent XML nested more than " + SafeXml.MAX_DEPTH + " levels deep; it was not read.");

        private final String sentence;

        Reason(String sentence) {
            this.sentence = sentence;
        }

        /** The reason in plain words. */
        public String sentence() {
            return sentence;
        }
    }

    private final Reason reason;

    RouterXmlException(Reason reason, String sentence) {
        super(sentence);
        this.reason = reason;
    }

    RouterXmlException(Reason reason) {
        this(reason, reason.sentence());
    }

    public Reason reason() {
        return reason;
    }
}
