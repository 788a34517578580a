package net.portforward.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.portforward.engine.error.Fact;

/**
 * The syntax of an INI file and nothing more: sections, {@code key = value} lines and comments.
 * What the keys mean is {@link SettingsParser}'s business; this class only reports lines it
 * cannot split, so that one typo never costs the user the rest of the file.
 *
 * <p>Section and key names are lower-cased (users type {@code Port} as often as {@code port}).
 * Values keep their case. {@code ;} or {@code #} start a comment at the start of a line, or after
 * a space later on: a URL such as {@code http://host/#frag} keeps its {@code #}.
 */
public final class IniFile {

    /** A {@code key = value} line. {@code section} is "" before the first header. */
    public record Entry(int line, String section, String key, String value, String text) {}

    /** A {@code [name]} line. */
    public record Header(int line, String name) {}

    /** A complaint about one line; {@link #fact()} says it with the file's name and the line's number. */
    public record Problem(String source, int line, Fact what) {
        /** "portforward.ini line 12: …", for the front ends to word. */
        public Fact fact() {
            return SettingsFact.AT_LINE.with(source, line, what);
        }

        /** The same in English, for logs. */
        public String message() {
            return fact().english();
        }
    }

    // Letters, digits, '-', '_' and '.': enough for every name we use, strict enough to catch "[web server".
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern INLINE_COMMENT = Pattern.compile("\\s[;#].*$");

    private final String source;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Header> headers = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private IniFile(String source) {
        this.source = source;
    }

    /**
     * @param source how the file is named in problem messages, usually its path
     * @param text the whole file
     */
    public static IniFile parse(String source, String text) {
        IniFile ini = new IniFile(source);
        // Notepad on Windows may save a byte order mark; it is not part of the first line.
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String section = "";
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            line = INLINE_COMMENT.matcher(line).replaceFirst("").strip();
            if (line.startsWith("[")) {
                String name = line.endsWith("]") ? line.substring(1, line.length() - 1).strip() : "";
                if (NAME.matcher(name).matches()) {
                    section = name.toLowerCase(Locale.ROOT);
                    ini.headers.add(new Header(number, section));
                } else {
                    // Keys below a broken header would land in the wrong section; drop them quietly
                    // (one message for the header is enough) until the next good header.
                    section = null;
                    ini.problems.add(ini.problem(number, SettingsFact.NOT_A_HEADER.with(line)));
                }
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            if (eq < 0 || key.isEmpty()) {
                ini.problems.add(ini.problem(number, SettingsFact.NOT_A_SETTING.with(line)));
                continue;
            }
            if (section != null) {
                String value = unquote(line.substring(eq + 1).strip());
                ini.entries.add(new Entry(number, section, key.toLowerCase(Locale.ROOT), value, line));
            }
        }
        return ini;
    }

    // Windows users quote paths with spaces out of habit: "C:\My Data" means C:\My Data.
    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** "portforward.ini line 12: {what}": every problem has this shape. */
    public Problem problem(int line, Fact what) {
        return new Problem(source, line, what);
    }

    public String source() {
        return source;
    }

    /** In file order. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** In file order; a section may appear more than once. */
    public List<Header> headers() {
        return List.copyOf(headers);
    }

    /** Syntax problems, in file order. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }
}
