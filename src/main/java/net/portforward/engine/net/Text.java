package net.portforward.engine.net;

/** Makes text that came from a router safe to show and to print on one line. */
public final class Text {
    /** Long enough for any real field; a 10 KB description from a hostile router is cut. */
    public static final int MAX_FIELD = 256;

    private Text() {
    }

    /**
     * Removes control and formatting characters (including bidirectional overrides, which can make
     * a description read backwards), folds white space, trims, and cuts at {@code max} characters.
     */
    public static String clean(String raw, int max) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < raw.length() && out.length() <= max; ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (Character.isWhitespace(c) || c == 0xA0) {
                space = out.length() > 0;
                continue;
            }
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE || type == Character.SURROGATE) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(c);
        }
        if (out.length() > max) {
            out.setLength(max - 1);
            out.append('\u2026');
        }
        return out.toString();
    }

    public static String clean(String raw) {
        return clean(raw, MAX_FIELD);
    }
}
