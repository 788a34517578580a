package net.portforward.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Text laid out for a terminal, where a Chinese, Japanese or Korean character takes two columns
 * and a combining accent none: the help wraps and the tables line up in every language (counting
 * characters, the Japanese help ran to 150 columns and its table headings slipped out of line).
 */
final class TerminalText {
    private TerminalText() {
    }

    /** How many terminal columns {@code s} takes. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            w += width(c);
            i += Character.charCount(c);
        }
        return w;
    }

    /** Columns of one character: East Asian wide and fullwidth ones take two (Unicode UAX #11). */
    static int width(int c) {
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        return wide(c) ? 2 : 1;
    }

    private static boolean wide(int c) {
        return c >= 0x1100 && c <= 0x115F
                || c >= 0x2E80 && c <= 0xA4CF && c != 0x303F
                || c >= 0xAC00 && c <= 0xD7A3
                || c >= 0xF900 && c <= 0xFAFF
                || c >= 0xFE30 && c <= 0xFE4F
                || c >= 0xFF00 && c <= 0xFF60
                || c >= 0xFFE0 && c <= 0xFFE6
                || c >= 0x1F300 && c <= 0x1F64F
                || c >= 0x1F900 && c <= 0x1F9FF
                || c >= 0x20000 && c <= 0x3FFFD;
    }

    /** {@code s} and spaces after it to {@code columns}. */
    static String left(String s, int columns) {
        return s + " ".repeat(Math.max(0, columns - width(s)));
    }

    /** Spaces, then {@code s}, to {@code columns}. */
    static String right(String s, int columns) {
        return " ".repeat(Math.max(0, columns - width(s))) + s;
    }

    /**
     * The pieces a line may break between: words at spaces, and each wide character on its own
     * (Chinese and Japanese put no spaces between words and break between any two characters).
     * A piece's {@code spaced} says whether a space stands before it when it does not start a line.
     */
    record Piece(String text, boolean spaced) {
    }

    static List<Piece> pieces(String text) {
        List<Piece> out = new ArrayList<>();
        for (String word : text.split(" ")) {
            boolean spaced = true;
            StringBuilder narrow = new StringBuilder();
            for (int i = 0; i < word.length(); ) {
                int c = word.codePointAt(i);
                i += Character.charCount(c);
                if (wide(c)) {
                    if (narrow.length() > 0) {
                        out.add(new Piece(narrow.toString(), spaced));
                        narrow.setLength(0);
                        spaced = false;
                    }
                    out.add(new Piece(new String(Character.toChars(c)), spaced));
                    spaced = false;
                } else {
                    narrow.appendCodePoint(c);
                }
            }
            if (narrow.length() > 0 || spaced) {
                out.add(new Piece(narrow.toString(), spaced));
            }
        }
        return out;
    }
}
