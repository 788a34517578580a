package net.portforward.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.Phrase;
import net.portforward.engine.model.MappingProtocol;

/**
 * One kind of value in portforward.ini: how its text reads (or what is wrong with it) and how a
 * value is written so that it reads back the same. The settings parser, writer and dialog all go
 * through these, so the file and the dialog never disagree about what a value means.
 */
public final class ValueType<T> {

    /** What a control shows for the value: the settings dialog picks its control by this. */
    public enum Kind { DURATION, PORT, SWITCH, NAME, ROUTER, FOLDER, CHOICE, LANGUAGE }

    /**
     * What is wrong with a value as typed. Its words continue a quoted value ("\"3 parsecs\" is not
     * a duration…"): the file's messages and the command line's say them so; the settings dialog
     * has its own.
     */
    public enum Mistake implements Phrase {
        NOT_A_DURATION,
        ZERO,
        NOT_A_PORT,
        NOT_TRUE_OR_FALSE,
        NOT_A_ROUTER_URL,
        RELATIVE_FOLDER,
        INVALID_FOLDER,
        NOT_A_PROTOCOL,
        NOT_A_THEME,
        NOT_A_LANGUAGE;

        @Override
        public String key() {
            return "settings.mistake." + name();
        }
    }

    /** A value read from text: the value, or the mistake (then the value is null). */
    public record Reading<T>(T value, Mistake mistake) {
        static <T> Reading<T> of(T value) {
            return new Reading<>(value, null);
        }

        static <T> Reading<T> wrong(Mistake mistake) {
            return new Reading<>(null, mistake);
        }

        public boolean ok() {
            return mistake == null;
        }
    }

    /** A time longer than zero. */
    public static final ValueType<Duration> DURATION = duration(false);
    /** A time that may be zero (the discovery grace). */
    public static final ValueType<Duration> DURATION_OR_ZERO = duration(true);
    public static final ValueType<Integer> PORT = new ValueType<>(Kind.PORT, (text, f) -> {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 1 && port <= 65535) {
                return Reading.of(port);
            }
        } catch (NumberFormatException notANumber) {
            // same answer as out of range
        }
        return Reading.wrong(Mistake.NOT_A_PORT);
    }, (port, f) -> Integer.toString(port), List.of());
    public static final ValueType<Boolean> SWITCH = new ValueType<>(Kind.SWITCH, (text, f) ->
            switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> Reading.of(true);
                case "false", "no", "off", "0" -> Reading.of(false);
                default -> Reading.wrong(Mistake.NOT_TRUE_OR_FALSE);
            }, (on, f) -> Boolean.toString(on), List.of());
    /** Free text, such as an interface name; empty is null ("automatic"). Whether it exists is only known at run time. */
    public static final ValueType<String> NAME = new ValueType<>(Kind.NAME,
            (text, f) -> Reading.of(text.isBlank() ? null : text.strip()), (name, f) -> name == null ? "" : name, List.of());
    /** A router's description URL (http or https, with a host); empty is null (search). */
    public static final ValueType<URI> ROUTER = new ValueType<>(Kind.ROUTER, ValueType::routerUrl,
            (uri, f) -> uri == null ? "" : uri.toString(), List.of());
    /** A full folder path, or ~ for the home folder; empty is the usual data folder. */
    public static final ValueType<Path> FOLDER = new ValueType<>(Kind.FOLDER, ValueType::folder,
            (dir, f) -> dir.equals(f.defaultDataDir()) ? "" : dir.toString(), List.of());
    /** The port-mapping protocol: auto (null: the best the router offers), upnp, pcp or natpmp. */
    public static final ValueType<MappingProtocol> PROTOCOL = new ValueType<>(Kind.CHOICE, (text, f) -> {
        String v = text.strip();
        if (v.isEmpty() || v.equalsIgnoreCase("auto")) {
            return Reading.of(null);
        }
        Optional<MappingProtocol> p = MappingProtocol.parse(v);
        return p.isPresent() ? Reading.of(p.get()) : Reading.wrong(Mistake.NOT_A_PROTOCOL);
    }, (p, f) -> p == null ? "auto" : p.key(), List.of("auto", "upnp", "pcp", "natpmp"));

    /** The window's theme: system (follow the desktop), light or dark. */
    public static final ValueType<Theme> THEME = new ValueType<>(Kind.CHOICE, (text, f) ->
            Theme.parse(text).map(Reading::of).orElseGet(() -> Reading.wrong(Mistake.NOT_A_THEME)),
            (t, f) -> t.key(), List.of("system", "light", "dark"));

    /**
     * A language as a code such as de, en, pt-BR or de_DE (the system's way); empty is null
     * (follow the system). A code PortForward has no words for reads fine and shows English.
     */
    public static final ValueType<Locale> LANGUAGE = new ValueType<>(Kind.LANGUAGE, (text, f) -> {
        String v = text.strip().replace('_', '-');
        if (v.isEmpty()) {
            return Reading.of(null);
        }
        if (!v.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
            return Reading.wrong(Mistake.NOT_A_LANGUAGE);
        }
        return Reading.of(Locale.forLanguageTag(v));
    }, (l, f) -> l == null ? "" : l.toLanguageTag(), List.of());

    private final Kind kind;
    private final BiFunction<String, UserFolders, Reading<T>> read;
    private final BiFunction<T, UserFolders, String> write;
    private final List<String> choices;

    private ValueType(Kind kind, BiFunction<String, UserFolders, Reading<T>> read, BiFunction<T, UserFolders, String> write,
                      List<String> choices) {
        this.kind = kind;
        this.read = read;
        this.write = write;
        this.choices = choices;
    }

    public Kind kind() {
        return kind;
    }

    /** For a {@link Kind#CHOICE}: every value's text, in the order to offer them. */
    public List<String> choices() {
        return choices;
    }

    /** What {@code text} (a value as written in the file or typed in the dialog) means. */
    public Reading<T> read(String text, UserFolders folders) {
        return read.apply(text == null ? "" : text, folders);
    }

    /** The text for {@code value}; empty for what an empty value means. */
    public String write(T value, UserFolders folders) {
        return write.apply(value, folders);
    }

    /** The value used instead of a wrong one, for a message: "using 3s", "searching for routers instead". */
    public Fact instead(T fallback, UserFolders folders) {
        if (kind == Kind.ROUTER && fallback == null) {
            return SettingsFact.SEARCHING_INSTEAD.with();
        }
        return SettingsFact.USING.with(kind == Kind.FOLDER ? fallback.toString() : write(fallback, folders));
    }

    private static ValueType<Duration> duration(boolean zeroAllowed) {
        return new ValueType<>(Kind.DURATION, (text, f) -> {
            Optional<Duration> d = Durations.parse(text);
            if (d.isEmpty()) {
                return Reading.wrong(Mistake.NOT_A_DURATION);
            }
            return !zeroAllowed && d.get().isZero() ? Reading.wrong(Mistake.ZERO) : Reading.of(d.get());
        }, (d, f) -> Durations.format(d), List.of());
    }

    private static Reading<URI> routerUrl(String text, UserFolders folders) {
        String v = text.strip();
        if (v.isEmpty()) {
            return Reading.of(null);
        }
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Reading.of(uri);
            }
        } catch (URISyntaxException broken) {
            // same answer as a wrong scheme
        }
        return Reading.wrong(Mistake.NOT_A_ROUTER_URL);
    }

    private static Reading<Path> folder(String text, UserFolders f) {
        String v = text.strip();
        if (v.isEmpty()) {
            return Reading.of(f.defaultDataDir());
        }
        try {
            // "~" is how people write their home folder; Java does not expand it by itself.
            Path p = v.equals("~") ? f.home()
                    : v.startsWith("~/") || v.startsWith("~\\") ? f.home().resolve(v.substring(2))
                    : Path.of(v);
            return p.isAbsolute() ? Reading.of(p.normalize()) : Reading.wrong(Mistake.RELATIVE_FOLDER);
        } catch (InvalidPathException broken) {
            return Reading.wrong(Mistake.INVALID_FOLDER);
        }
    }
}
