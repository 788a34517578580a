package net.portforward.ledger.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.json.Json;
import net.portforward.json.JsonReader;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.net.Ipv4;

/**
 * A router's table as a file: JSON (an array of objects with the keys {@code list --json} prints,
 * one object per line) or CSV (the columns of {@code list --csv}, with a header row). Reading
 * keeps each mapping's line number, so an import can say which line was wrong.
 */
public final class TableFile {
    /** The columns, in order: the same names in JSON and CSV. */
    public static final List<String> COLUMNS = List.of("protocol", "externalPort", "internalClient", "internalPort",
            "enabled", "description", "remoteHost", "leaseSeconds");

    /** Bigger than any home router's table written out; a bigger file is surely not one. */
    public static final long MAX_FILE_BYTES = 4 * 1024 * 1024;

    public enum Format {
        JSON, CSV;

        /** By the file name's ending; JSON unless it ends in .csv. */
        public static Format forFileName(String name) {
            return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : JSON;
        }
    }

    /** One mapping read from a file, or why its line could not be read. */
    public record Line(int number, PortMapping mapping, Fact problem) {
        public boolean valid() {
            return mapping != null;
        }
    }

    private TableFile() {
    }

    // ---- writing ----

    public static String write(List<PortMapping> mappings, Format format) {
        return format == Format.CSV ? csv(mappings) : json(mappings);
    }

    static String json(List<PortMapping> mappings) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < mappings.size(); i++) {
            sb.append("  ").append(Json.write(fields(mappings.get(i)))).append(i + 1 < mappings.size() ? ",\n" : "\n");
        }
        return sb.append("]\n").toString();
    }

    static String csv(List<PortMapping> mappings) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (PortMapping m : mappings) {
            List<String> cells = new ArrayList<>();
            fields(m).forEach((k, v) -> cells.add(Csv.field(String.valueOf(v), k.equals("description"))));
            sb.append(String.join(",", cells)).append("\r\n");
        }
        return sb.toString();
    }

    private static Map<String, Object> fields(PortMapping m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("protocol", m.protocol().name());
        o.put("externalPort", m.externalPort());
        o.put("internalClient", m.internalClient() == null ? "" : m.internalClient().getHostAddress());
        o.put("internalPort", m.internalPort());
        o.put("enabled", m.enabled());
        o.put("description", m.description());
        o.put("remoteHost", m.remoteHost() == null ? "" : m.remoteHost().getHostAddress());
        o.put("leaseSeconds", m.lease().toSeconds());
        return o;
    }

    // ---- reading ----

    /**
     * The text of a file to import, for the command line and the window alike: at most
     * {@link #MAX_FILE_BYTES} (read no further, so a huge or endless file cannot fill memory), and
     * only a regular file (a pipe or a device would never end).
     */
    public static String readFile(Path file) throws InvalidInputException {
        try {
            if (!Files.exists(file)) {
                throw new InvalidInputException(TableFact.NO_SUCH_FILE.with(file));
            }
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(TableFact.NOT_A_FILE.with(file));
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw new InvalidInputException(TableFact.TOO_BIG.with(file, MAX_FILE_BYTES / (1024 * 1024)));
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(TableFact.UNREADABLE.with(file, e.getMessage()));
        }
    }

    /** Reads a JSON or CSV table (told apart by its first character), every line accounted for. */
    public static List<Line> read(String text) throws InvalidInputException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return body.stripLeading().startsWith("[") ? readJson(body) : readCsv(body);
    }

    static List<Line> readJson(String text) throws InvalidInputException {
        List<JsonReader.Located> items;
        try {
            items = JsonReader.array(text);
        } catch (JsonReader.SyntaxException e) {
            throw new InvalidInputException(TableFact.JSON_BROKEN.with(e.getMessage()));
        }
        List<Line> out = new ArrayList<>();
        for (JsonReader.Located item : items) {
            if (!(item.value() instanceof Map<?, ?> fields)) {
                throw new InvalidInputException(TableFact.JSON_NOT_OBJECT.with(item.line(), "{ \u2026 }"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> f = (Map<String, Object>) fields;
            out.add(mapping(item.line(), f));
        }
        return out;
    }

    static List<Line> readCsv(String text) throws InvalidInputException {
        List<Csv.Record> records = Csv.read(text);
        List<Line> out = new ArrayList<>();
        if (records.isEmpty()) {
            return out;
        }
        List<String> header = records.get(0).cells().stream().map(String::trim).toList();
        if (!header.containsAll(List.of("protocol", "externalPort", "internalClient", "internalPort"))) {
            throw new InvalidInputException(TableFact.CSV_HEADER.with(String.join(",", COLUMNS)));
        }
        for (Csv.Record r : records.subList(1, records.size())) {
            if (r.cells().size() == 1 && r.cells().get(0).isBlank()) {
                continue; // an empty line
            }
            if (r.cells().size() != header.size()) {
                out.add(new Line(r.line(), null, TableFact.FIELD_COUNT.with(r.cells().size(), header.size())));
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                fields.put(header.get(i), r.cells().get(i));
            }
            out.add(mapping(r.line(), fields));
        }
        return out;
    }

    /** One object or row as a checked mapping, or the reason it is not one. */
    private static Line mapping(int line, Map<String, Object> f) {
        try {
            String protocolText = text(f, "protocol", true);
            Protocol protocol = Protocol.parse(protocolText).orElseThrow(() -> new InvalidInputException(
                    TableFact.BAD_PROTOCOL.with(protocolText)));
            int external = port(f, "externalPort");
            String clientText = text(f, "internalClient", true);
            InetAddress client = Ipv4.parse(clientText).orElseThrow(() -> new InvalidInputException(
                    TableFact.BAD_CLIENT.with(clientText)));
            int internal = port(f, "internalPort");
            String enabledText = text(f, "enabled", false);
            boolean enabled = enabledText.isEmpty() || enabledText.equalsIgnoreCase("true");
            if (!enabled && !enabledText.equalsIgnoreCase("false")) {
                throw new InvalidInputException(TableFact.BAD_ENABLED.with(enabledText));
            }
            String remoteText = text(f, "remoteHost", false);
            InetAddress remote = remoteText.isEmpty() ? null : Ipv4.parse(remoteText).orElseThrow(
                    () -> new InvalidInputException(TableFact.BAD_REMOTE.with(remoteText)));
            String leaseText = text(f, "leaseSeconds", false);
            long lease;
            try {
                lease = leaseText.isEmpty() ? 0 : Long.parseLong(leaseText);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(TableFact.BAD_LEASE_TEXT.with(leaseText));
            }
            if (lease < 0 || lease > MappingRules.MAX_LEASE.toSeconds()) {
                throw new InvalidInputException(TableFact.BAD_LEASE.with(lease));
            }
            PortMapping m = new PortMapping(protocol, external, client, internal, enabled,
                    text(f, "description", false), remote, Duration.ofSeconds(lease));
            MappingRules.check(m);
            return new Line(line, m, null);
        } catch (InvalidInputException e) {
            return new Line(line, null, e.reasonForUser().filter(Fact.class::isInstance).map(Fact.class::cast)
                    .orElse(TableFact.NOT_A_MAPPING.with()));
        }
    }

    private static String text(Map<String, Object> f, String key, boolean required) throws InvalidInputException {
        Object v = f.get(key);
        if (v == null) {
            if (required) {
                throw new InvalidInputException(TableFact.MISSING.with(key));
            }
            return "";
        }
        return v instanceof String s ? s : String.valueOf(v);
    }

    private static int port(Map<String, Object> f, String key) throws InvalidInputException {
        String t = text(f, key, true).trim();
        if (t.matches("\\d{1,5}") && Integer.parseInt(t) >= 1 && Integer.parseInt(t) <= 65535) {
            return Integer.parseInt(t);
        }
        throw new InvalidInputException(TableFact.BAD_PORT.with(key, t));
    }
}
