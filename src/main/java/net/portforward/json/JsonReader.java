package net.portforward.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON that came from outside (a checker's answer from the internet, a file a user
 * imports): objects as ordered maps, arrays as lists, numbers as {@link BigDecimal}, and the
 * line of every error. Bounded: at most {@link #MAX_DEPTH} levels, so deep nesting cannot
 * overflow the stack; the caller bounds the text's size.
 */
public final class JsonReader {
    public static final int MAX_DEPTH = 32;

    /** Broken JSON: where, and what was expected there. */
    public static final class SyntaxException extends IllegalArgumentException {
        private final int line;

        SyntaxException(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** An element of a top-level array and the line it starts on. */
    public record Located(int line, Object value) {
    }

    private final String s;
    private int pos;
    private int line = 1;

    private JsonReader(String s) {
        this.s = s;
    }

    /** One value filling the whole text (white space around it allowed). */
    public static Object parse(String text) {
        JsonReader r = new JsonReader(text);
        Object v = r.value(0);
        r.end();
        return v;
    }

    /** The elements of a top-level array, each with the line it starts on (for messages per line). */
    public static List<Located> array(String text) {
        JsonReader r = new JsonReader(text);
        r.space();
        r.expect('[', "an array [ … ]");
        List<Located> out = new ArrayList<>();
        r.space();
        if (r.peek() == ']') {
            r.pos++;
        } else {
            while (true) {
                r.space();
                int at = r.line;
                out.add(new Located(at, r.value(1)));
                if (r.commaOr(']')) {
                    break;
                }
            }
        }
        r.end();
        return out;
    }

    private SyntaxException error(String wanted) {
        return new SyntaxException(line, "expected " + wanted + " on line " + line);
    }

    private void end() {
        space();
        if (pos != s.length()) {
            throw error("the end of the text");
        }
    }

    private void space() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            if (s.charAt(pos) == '\n') {
                line++;
            }
            pos++;
        }
    }

    private char peek() {
        if (pos >= s.length()) {
            throw new SyntaxException(line, "the text ends too early, on line " + line);
        }
        return s.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c, String wanted) {
        if (peek() != c) {
            throw error(wanted);
        }
        pos++;
    }

    /** After an element: true at the closing bracket, false at a comma. */
    private boolean commaOr(char close) {
        space();
        char c = next();
        if (c == close) {
            return true;
        }
        if (c != ',') {
            pos--;
            throw error("a comma or " + close);
        }
        return false;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("less nesting (at most " + MAX_DEPTH + " levels)");
        }
        space();
        char c = peek();
        if (c == '{') {
            pos++;
            Map<String, Object> o = new LinkedHashMap<>();
            space();
            if (peek() == '}') {
                pos++;
                return o;
            }
            do {
                space();
                if (peek() != '"') {
                    throw error("a \"name\"");
                }
                String key = string();
                space();
                expect(':', "':'");
                o.put(key, value(depth + 1));
            } while (!commaOr('}'));
            return o;
        }
        if (c == '[') {
            pos++;
            List<Object> list = new ArrayList<>();
            space();
            if (peek() == ']') {
                pos++;
                return list;
            }
            do {
                list.add(value(depth + 1));
            } while (!commaOr(']'));
            return list;
        }
        if (c == '"') {
            return string();
        }
        for (String word : List.of("true", "false", "null")) {
            if (s.startsWith(word, pos)) {
                pos += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        int start = pos;
        while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        String number = s.substring(start, pos);
        if (!number.matches("-?(0|[1-9]\\d{0,30})(\\.\\d{1,30})?([eE][+-]?\\d{1,4})?")) {
            pos = start;
            throw error("a value");
        }
        return new BigDecimal(number);
    }

    private String string() {
        expect('"', "'\"'");
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\n') {
                throw error("the string to end before the line does");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case '/', '\\', '"' -> sb.append(e);
                case 'u' -> {
                    if (pos + 4 > s.length() || !s.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
                        throw error("four hex digits after \\u");
                    }
                    sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> throw error("a known escape after \\");
            }
        }
    }
}
