package net.portforward.testing;

import java.util.List;
import java.util.Map;
import net.portforward.json.JsonReader;

/**
 * JSON output read back for assertions, through the program's own reader (numbers are
 * BigDecimal): an object or an array of objects, or a ClassCastException when it is not one.
 */
public final class JsonText {
    private JsonText() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        return (Map<String, Object>) JsonReader.parse(text);
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> array(String text) {
        return (List<Map<String, Object>>) JsonReader.parse(text);
    }
}
