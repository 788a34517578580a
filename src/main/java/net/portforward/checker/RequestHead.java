package net.portforward.checker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The request line and headers of one HTTP/1.x request, as the checker reads them: no body is
 * ever read (only GET is served). Header names are kept lower-case.
 */
record RequestHead(String method, String target, Map<String, List<String>> headers) {

    RequestHead {
        headers = Map.copyOf(headers);
    }

    /** The last value sent for {@code name}, if any. */
    Optional<String> last(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /**
     * Parses the bytes up to the blank line; empty when they are not an HTTP/1.x request head
     * (a line without a colon, a folded line, a request line without three parts).
     */
    static Optional<RequestHead> parse(byte[] head) {
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
        String[] request = lines[0].split(" ", -1);
        if (request.length != 3 || request[0].isEmpty() || !request[1].startsWith("/")
                || !request[2].startsWith("HTTP/1.")) {
            return Optional.empty();
        }
        Map<String, List<String>> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                return Optional.empty();
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        return Optional.of(new RequestHead(request[0], request[1], headers));
    }
}
