package net.portforward.engine.error;

/** The router's answer was larger than anything a real router sends; it was not read. */
public class AnswerTooLargeException extends RouterProtocolException {
    public AnswerTooLargeException(Fact what) {
        super(what);
    }
}
