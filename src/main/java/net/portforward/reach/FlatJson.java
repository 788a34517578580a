package net.portforward.reach;

import java.math.BigDecimal;
import java.util.Map;
import net.portforward.json.Json;
import net.portforward.json.JsonReader;

/**
 * The one JSON shape a checker answers: a flat object of strings, numbers, booleans and nulls.
 * Anything else (nesting, trailing text, broken escapes) is refused: an answer from the internet
 * is hostile input, and a checker never needs more.
 */
public final class FlatJson {
    private FlatJson() {
    }

    /**
     * The object's members; numbers come back as Long or Double.
     *
     * @throws IllegalArgumentException when it is not one flat object
     */
    public static Map<String, Object> parse(String text) {
        if (!(JsonReader.parse(text) instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("not an object");
        }
        Map<String, Object> members = new java.util.LinkedHashMap<>();
        object.forEach((k, v) -> {
            if (v instanceof Map || v instanceof java.util.List) {
                throw new IllegalArgumentException("nested value for " + k);
            }
            members.put((String) k, v instanceof BigDecimal n ? number(n) : v);
        });
        return members;
    }

    private static Object number(BigDecimal n) {
        try {
            return n.longValueExact();
        } catch (ArithmeticException notWhole) {
            return n.doubleValue();
        }
    }

    public static String write(Map<String, ?> members) {
        return Json.write(members);
    }
}
