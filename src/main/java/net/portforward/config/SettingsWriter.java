package net.portforward.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.portforward.engine.error.Fact;
import net.portforward.files.AtomicFile;
import net.portforward.files.OwnFiles;

/**
 * Writes {@link Settings} back into a portforward.ini the user may have edited by hand. Only the
 * values change: comments, blank lines, order, unknown keys and sections stay as they were, so the
 * explanations in the file survive a save from the settings dialog.
 *
 * <p>A line whose value already means the new setting (say {@code 3000ms} for 3 s, or
 * {@code ~/data} for the same folder) is left exactly as written. Whether it does is decided by
 * {@link SettingsParser} itself, so the writer never disagrees with the reader.
 */
public final class SettingsWriter {

    /** A save failed: {@link #fact()} names the file and the reason; the message is its English, for logs. */
    public static final class SaveException extends IOException {
        private final transient Fact fact;

        public SaveException(Fact fact, Throwable cause) {
            super(fact.english(), cause);
            this.fact = fact;
        }

        public Fact fact() {
            return fact;
        }
    }

    // Same rules as IniFile: a comment starts at ; or # after white space.
    private static final Pattern INLINE_COMMENT = Pattern.compile("\\s[;#]");
    // Lines split where IniFile splits them (at \R), so its line numbers index this list.
    private static final Pattern LINE = Pattern.compile("([^\\n\\x0B\\f\\r\\x85\\u2028\\u2029]*)(\\r\\n|[\\n\\x0B\\f\\r\\x85\\u2028\\u2029])?");
    private static final Pattern BREAK = Pattern.compile("\\R");

    private SettingsWriter() {}

    /**
     * Rewrites the values of the known keys in {@code iniText}, adding missing keys and sections.
     * The checkers in [proxies] are written as {@code checker.1 … checker.n} in the order of
     * {@link Settings#proxies()}, replacing the old checker lines (unless they already say exactly
     * that). {@link Settings#problems()} is not written.
     *
     * @param home the user's home folder, for reading {@code data-dir = ~/…}
     * @param defaultDataDir written as an empty {@code data-dir}, which means "the usual place"
     * @throws IllegalArgumentException when a value cannot be written so that it reads back the
     *     same (a line break in a folder name, a space followed by ; or #, a zero timeout, …)
     */
    public static String update(String iniText, Settings settings, Path home, Path defaultDataDir) {
        return new Edit(iniText, settings, new UserFolders(home, defaultDataDir)).run();
    }

    /**
     * Saves {@code settings} into {@code file}, keeping its comments; starts from the shipped
     * portforward.ini when the file does not exist yet. The file is replaced atomically, so a
     * crash or a full disk never leaves half a settings file behind.
     *
     * @param folders the home and usual data folders the file's values are read against
     * @throws SaveException with a sentence naming the file and what went wrong
     * @throws IllegalArgumentException when a value cannot be written (see {@link #update(String, Settings, Path, Path)})
     */
    public static void save(Path file, Settings settings, UserFolders folders) throws SaveException {
        Path target = file;
        boolean link = Files.isSymbolicLink(file);
        if (link && !OwnFiles.ownedByThisUser(file)) {
            throw new SaveException(SettingsFact.FOREIGN_LINK.with(file), null);
        }
        try {
            // Replace the file a symbolic link points to, not the link (dotfile managers use links),
            // but only a link the user made (above): one planted by another user is never followed.
            if (link) {
                target = file.toRealPath();
            }
            String text = Files.exists(target)
                    ? new String(Files.readAllBytes(target), StandardCharsets.UTF_8)
                    : SettingsLoader.shippedDefaults();
            AtomicFile.writeDocument(target, update(text, settings, folders.home(), folders.defaultDataDir()));
        } catch (IOException | SecurityException e) {
            throw new SaveException(SettingsFact.CANNOT_SAVE.with(file, SettingsLoader.reason(e)), e);
        }
    }

    /** One update: the file as lines (text and line ending apart), edited in place; the count never changes. */
    private static final class Edit {
        private final List<String> bodies = new ArrayList<>();
        private final List<String> endings = new ArrayList<>();
        private final IniFile ini;
        private final Settings settings;
        private final UserFolders folders;
        private final String newline;
        // Lines to add after a given line (0-based index), in order.
        private final Map<Integer, List<String>> inserts = new LinkedHashMap<>();

        Edit(String text, Settings settings, UserFolders folders) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.folders = folders;
            this.ini = IniFile.parse("", text);
            Matcher m = LINE.matcher(text);
            while (m.find() && m.end() > m.start()) {
                bodies.add(m.group(1));
                endings.add(m.group(2) == null ? "" : m.group(2));
            }
            newline = text.contains("\r\n") ? "\r\n" : "\n";
        }

        String run() {
            List<String> missingSections = new ArrayList<>();
            for (String section : SettingsTable.SECTIONS) {
                List<String> missing = new ArrayList<>();
                for (SettingKey<?> key : SettingsTable.keys(section)) {
                    if (!rewrite(key)) {
                        String value = written(key);
                        missing.add(key.name() + (value.isEmpty() ? " =" : " = " + value));
                    }
                }
                if (section.equals(SettingsTable.PROXIES)) {
                    missing.addAll(rewriteCheckers());
                }
                if (ini.headers().stream().noneMatch(h -> h.name().equals(section))) {
                    missingSections.add("[" + section + "]");
                    missingSections.addAll(missing);
                } else if (!missing.isEmpty()) {
                    inserts.computeIfAbsent(insertionLine(section), i -> new ArrayList<>()).addAll(missing);
                }
            }
            return assemble(missingSections);
        }

        /** Rewrites every line of {@code key} (a repeated key gets the value on each); false when there is none. */
        private boolean rewrite(SettingKey<?> key) {
            boolean found = false;
            for (IniFile.Entry e : ini.entries()) {
                if (e.section().equals(key.section()) && e.key().equals(key.name())) {
                    found = true;
                    if (!means(key, e.text())) {
                        replaceValue(e.line() - 1, written(key));
                    }
                }
            }
            return found;
        }

        /**
         * Replaces the checker lines with the settings' list, or returns the lines to add when the
         * section has none. Old lines that already say the same, in the same order, are kept.
         */
        private List<String> rewriteCheckers() {
            List<IniFile.Entry> old = ini.entries().stream()
                    .filter(e -> e.section().equals("proxies") && e.key().startsWith("checker."))
                    .toList();
            List<String> fresh = new ArrayList<>();
            for (int i = 0; i < settings.proxies().size(); i++) {
                Proxy proxy = settings.proxies().get(i);
                String line = "checker." + (i + 1) + " = " + proxy.toIni();
                check(parse("proxies", line).proxies().equals(List.of(proxy)), "the checker \"" + proxy.toIni() + "\"");
                fresh.add(line);
            }
            if (old.isEmpty()) {
                return fresh;
            }
            if (!sameCheckers(old)) {
                // The new list goes where the first old checker was; the other old lines go away
                // (broken ones too: the dialog showed the list without them).
                for (int i = 0; i < old.size(); i++) {
                    int index = old.get(i).line() - 1;
                    if (i == 0 && !fresh.isEmpty()) {
                        bodies.set(index, String.join(newline, fresh));
                    } else {
                        bodies.set(index, null);
                    }
                }
            }
            return List.of();
        }

        private boolean sameCheckers(List<IniFile.Entry> old) {
            StringBuilder text = new StringBuilder("[proxies]\n");
            old.forEach(e -> text.append(e.text()).append('\n'));
            Settings parsed = SettingsParser.parse(IniFile.parse("", text.toString()), folders);
            List<Integer> numbers = old.stream().map(e -> checkerNumber(e.key())).toList();
            boolean increasing = numbers.stream().allMatch(n -> n > 0)
                    && numbers.equals(numbers.stream().sorted().distinct().toList());
            return parsed.problems().isEmpty() && increasing && parsed.proxies().equals(settings.proxies());
        }

        private static int checkerNumber(String key) {
            try {
                return Integer.parseInt(key.substring("checker.".length()));
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        /** Whether {@code line} ("key = value") already means the new setting. */
        private boolean means(SettingKey<?> key, String line) {
            Settings parsed = parse(key.section(), line);
            return parsed.problems().isEmpty() && Objects.equals(key.field().apply(parsed), key.field().apply(settings));
        }

        private Settings parse(String section, String line) {
            return SettingsParser.parse(IniFile.parse("", "[" + section + "]\n" + line + "\n"), folders);
        }

        /**
         * The new value as it goes into the file, quoted when the reader would otherwise change it
         * (a leading ; or #, surrounding quotes or spaces), and checked to read back the same.
         */
        private String written(SettingKey<?> key) {
            // An empty data-dir means "the usual place", which keeps following the OS if the user moves machines.
            String value = key.write(settings, folders);
            boolean needsQuotes = !value.isEmpty() && (value.startsWith(";") || value.startsWith("#")
                    || !value.strip().equals(value) || value.startsWith("\"") && value.endsWith("\""));
            String written = needsQuotes ? "\"" + value + "\"" : value;
            check(!BREAK.matcher(written).find() && means(key, key.name() + " = " + written),
                    key.section() + " " + key.name() + " \"" + value + "\"");
            return written;
        }

        private static void check(boolean readsBack, String what) {
            if (!readsBack) {
                throw new IllegalArgumentException("Cannot write " + what + " to " + SettingsLoader.FILE_NAME
                        + ": it would not read back the same (line breaks, a space followed by ; or #,"
                        + " and values PortForward does not accept cannot be written)");
            }
        }

        /** Replaces the value part of a line, keeping its key, spacing and any trailing comment. */
        private void replaceValue(int index, String value) {
            String body = bodies.get(index);
            int eq = body.indexOf('=');
            String rest = body.substring(eq + 1);
            Matcher comment = INLINE_COMMENT.matcher(rest);
            String tail = comment.find() ? rest.substring(comment.start()) : "";
            String gap = rest.isEmpty() ? " " : Character.isWhitespace(rest.charAt(0)) ? rest.substring(0, 1) : "";
            bodies.set(index, body.substring(0, eq + 1) + (value.isEmpty() ? "" : gap + value) + tail);
        }

        /** After the section's last key line, or else after the last non-blank line of its last block. */
        private int insertionLine(String section) {
            int last = -1;
            for (IniFile.Entry e : ini.entries()) {
                if (e.section().equals(section)) {
                    last = e.line() - 1;
                }
            }
            if (last >= 0) {
                return last;
            }
            List<IniFile.Header> headers = ini.headers();
            int start = -1;
            int end = bodies.size();
            for (int i = 0; i < headers.size(); i++) {
                if (headers.get(i).name().equals(section)) {
                    start = headers.get(i).line() - 1;
                    end = i + 1 < headers.size() ? headers.get(i + 1).line() - 1 : bodies.size();
                }
            }
            int at = start;
            for (int i = start + 1; i < end; i++) {
                if (bodies.get(i) != null && !bodies.get(i).isBlank()) {
                    at = i;
                }
            }
            return at;
        }

        private String assemble(List<String> missingSections) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < bodies.size(); i++) {
                if (bodies.get(i) == null) {
                    continue; // a removed line, ending and all
                }
                out.append(bodies.get(i));
                List<String> added = inserts.getOrDefault(i, List.of());
                // The last line may have no line ending; added lines then follow a new one and end without.
                for (String line : added) {
                    out.append(newline).append(line);
                }
                out.append(endings.get(i));
            }
            if (!missingSections.isEmpty()) {
                String sofar = out.toString();
                if (!sofar.isEmpty() && !sofar.endsWith("\n") && !sofar.endsWith("\r")) {
                    out.append(newline);
                }
                if (!sofar.isBlank() && !sofar.endsWith(newline + newline)) {
                    out.append(newline);
                }
                for (String line : missingSections) {
                    // A blank line before each new section, for the eye.
                    if (line.startsWith("[") && !line.equals(missingSections.get(0))) {
                        out.append(newline);
                    }
                    out.append(line).append(newline);
                }
            }
            return out.toString();
        }
    }
}
