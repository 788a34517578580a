package net.portforward.ui.common;

import net.portforward.engine.error.RouterRefusedException;

/**
 * A failure as the window shows it: one sentence, and the technical details one click away
 * (the UPnP code, the action, what the router said). Never a stack trace.
 */
public record ErrorReport(String title, String sentence, String details) {

    public static ErrorReport of(String title, Throwable error) {
        String sentence = UiText.sentence(error);
        if (error instanceof RouterRefusedException refused) {
            return new ErrorReport(title, sentence, refused.technical());
        }
        return new ErrorReport(title, sentence, chain(error));
    }

    /** The exception types and messages down the cause chain, for the details view. */
    private static String chain(Throwable error) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = error; t != null && sb.length() < 2000; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append("\ncaused by ");
            }
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return sb.toString();
    }
}
