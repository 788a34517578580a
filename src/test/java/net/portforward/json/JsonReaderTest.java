package net.portforward.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
    @Test
    void whatTheWriterWritesReadsBackTheSame() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("text", "quote \" backslash \\ line\nbreak \u2028 tab\t control \u0001 é 日本");
        o.put("port", 8080);
        o.put("ok", true);
        o.put("none", null);
        o.put("list", List.of("a", 1));
        Object back = JsonReader.parse(Json.write(o));
        Map<String, Object> expected = new LinkedHashMap<>(o);
        expected.put("port", new BigDecimal("8080"));
        expected.put("list", List.of("a", new BigDecimal("1")));
        assertEquals(expected, back);
    }

    @Test
    void arrayElementsKnowTheirLines() {
        List<JsonReader.Located> items = JsonReader.array("[\n  {\"a\": 1},\n\n  {\"b\": 2}\n]\n");
        assertEquals(List.of(2, 4), items.stream().map(JsonReader.Located::line).toList());
    }

    @Test
    void brokenTextSaysWhereAndWhat() {
        JsonReader.SyntaxException e = assertThrows(JsonReader.SyntaxException.class,
                () -> JsonReader.parse("{\n\"a\": 1\n\"b\": 2}"));
        assertEquals(3, e.line());
        assertEquals("expected a comma or } on line 3", e.getMessage());
        assertThrows(JsonReader.SyntaxException.class, () -> JsonReader.parse("{\"a\": 1} trailing"));
        assertThrows(JsonReader.SyntaxException.class, () -> JsonReader.parse("\"bad escape \\x\""));
        assertThrows(JsonReader.SyntaxException.class, () -> JsonReader.parse("01"));
        assertThrows(JsonReader.SyntaxException.class, () -> JsonReader.parse("[1,"));
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        char[] open = new char[100_000];
        Arrays.fill(open, '[');
        JsonReader.SyntaxException e = assertThrows(JsonReader.SyntaxException.class,
                () -> JsonReader.parse(new String(open)));
        assertEquals("expected less nesting (at most 32 levels) on line 1", e.getMessage());
    }
}
