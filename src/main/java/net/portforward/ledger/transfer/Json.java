package net.portforward.ledger.transfer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.portforward.engine.error.InvalidInputException;

/**
 * Just enough JSON for table files: writing flat objects, and reading an array of flat objects
 * (strings, numbers, booleans, null; nested values are read and ignored) with the line each
 * object starts on. Bounded: a file is read whole, at most {@link #MAX_DEPTH} deep.
 */
final class Json {
    static final int MAX_DEPTH = 32;

    /** One object of the array and the line it starts on. */
    record Located(int line, Map<String, Object> fields) {
    }

    private Json() {
    }

    static String write(Map<String, Object> o) {
        StringBuilder sb = new StringBuilder("{");
        Iterator<Map.Entry<String, Object>> it = o.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Object> e = it.next();
            string(sb, e.getKey());
            sb.append(':');
            Object v = e.getValue();
            if (v == null) {
                sb.append("null");
            } else if (v instanceof Number || v instanceof Boolean) {
                sb.append(v);
            } else {
                string(sb, v.toString());
            }
            if (it.hasNext()) {
                sb.append(',');
            }
        }
        return sb.append('}').toString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** The objects of a top-level array; anything else in the array, or broken JSON, is refused with its line. */
    static List<Located> readArrayOfObjects(String text) throws InvalidInputException {
        Reader r = new Reader(text);
        List<Located> out = new ArrayList<>();
        r.space();
        r.expect('[');
        r.space();
        if (r.peek() == ']') {
            r.pos++;
        } else {
            while (true) {
                r.space();
                int line = r.line;
                if (r.peek() != '{') {
                    throw r.error("an object { … } for each mapping");
                }
                Object value = r.value(0);
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) value;
                out.add(new Located(line, fields));
                r.space();
                char c = r.next();
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    r.pos--;
                    throw r.error("a comma or ]");
                }
            }
        }
        r.space();
        if (r.pos != text.length()) {
            throw r.error("the end of the file");
        }
        return out;
    }

    private static final class Reader {
        final String s;
        int pos;
        int line = 1;

        Reader(String s) {
            this.s = s;
        }

        InvalidInputException error(String wanted) {
            return new InvalidInputException("The JSON file is broken on line " + line + ": PortForward expected "
                    + wanted + " there.");
        }

        void space() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                if (s.charAt(pos) == '\n') {
                    line++;
                }
                pos++;
            }
        }

        char peek() throws InvalidInputException {
            if (pos >= s.length()) {
                throw new InvalidInputException("The JSON file ends too early (line " + line + ").");
            }
            return s.charAt(pos);
        }

        char next() throws InvalidInputException {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char c) throws InvalidInputException {
            if (peek() != c) {
                throw error("'" + c + "'");
            }
            pos++;
        }

        Object value(int depth) throws InvalidInputException {
            if (depth > MAX_DEPTH) {
                throw error("less nesting");
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
                while (true) {
                    space();
                    if (peek() != '"') {
                        throw error("a \"name\"");
                    }
                    String key = string();
                    space();
                    expect(':');
                    o.put(key, value(depth + 1));
                    space();
                    char d = next();
                    if (d == '}') {
                        return o;
                    }
                    if (d != ',') {
                        pos--;
                        throw error("a comma or }");
                    }
                }
            }
            if (c == '[') {
                pos++;
                List<Object> list = new ArrayList<>();
                space();
                if (peek() == ']') {
                    pos++;
                    return list;
                }
                while (true) {
                    list.add(value(depth + 1));
                    space();
                    char d = next();
                    if (d == ']') {
                        return list;
                    }
                    if (d != ',') {
                        pos--;
                        throw error("a comma or ]");
                    }
                }
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
            String num = s.substring(start, pos);
            if (!num.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
                pos = start;
                throw error("a value");
            }
            return num; // numbers stay text: the mapping reader checks them as ports and seconds
        }

        String string() throws InvalidInputException {
            expect('"');
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
                    case '/' -> sb.append('/');
                    case '\\' -> sb.append('\\');
                    case '"' -> sb.append('"');
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
}
