package net.portforward.ledger.transfer;

import java.util.ArrayList;
import java.util.List;
import net.portforward.engine.error.InvalidInputException;

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
final class Csv {
    /** One record and the line it starts on (a quoted line break makes a record span lines). */
    record Record(int line, List<String> cells) {
    }

    private Csv() {
    }

    /**
     * A field, quoted. A text field that a spreadsheet would run as a formula (= + - @) gets a
     * leading ' ; so does one that starts with ' itself, so reading removes exactly one again.
     */
    static String field(String value, boolean text) {
        String safe = text && !value.isEmpty() && "=+-@'".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return text ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    static List<Record> read(String text) throws InvalidInputException {
        List<Record> out = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int recordLine = 1;
        int quoteLine = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && cell.length() == 0) {
                quoted = true;
                wasQuoted = true;
                quoteLine = line;
            } else if (c == ',') {
                cells.add(unquote(cell.toString(), wasQuoted));
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(unquote(cell.toString(), wasQuoted));
                out.add(new Record(recordLine, List.copyOf(cells)));
                cells.clear();
                cell.setLength(0);
                wasQuoted = false;
                line++;
                recordLine = line;
            } else {
                cell.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new InvalidInputException(TableFact.CSV_QUOTE.with(quoteLine));
        }
        if (cell.length() > 0 || !cells.isEmpty() || wasQuoted) {
            cells.add(unquote(cell.toString(), wasQuoted));
            out.add(new Record(recordLine, List.copyOf(cells)));
        }
        return out;
    }

    /** Undoes the formula guard of {@link #field}: one leading ' of a quoted field. */
    private static String unquote(String value, boolean wasQuoted) {
        return wasQuoted && value.startsWith("'") ? value.substring(1) : value;
    }
}
