package net.portforward.ui.common;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages PortForward speaks, each by its own name (a Japanese user looks for 日本語, not
 * for "Japanese" in the language the window happens to speak), as the settings dialog offers them.
 */
public final class Languages {

    /** A language the bundles hold: its code as portforward.ini writes it, and its name in itself. */
    public record Language(String tag, String ownName) {
        public Locale locale() {
            return Locale.forLanguageTag(tag);
        }
    }

    /** In the order of their own names, Latin script first. */
    public static final List<Language> SHIPPED = List.of(
            new Language("de", "Deutsch"),
            new Language("en", "English"),
            new Language("es", "Español"),
            new Language("fr", "Français"),
            new Language("it", "Italiano"),
            new Language("nl", "Nederlands"),
            new Language("pl", "Polski"),
            new Language("pt-BR", "Português (Brasil)"),
            new Language("ru", "Русский"),
            new Language("zh-CN", "简体中文"),
            new Language("ja", "日本語"));

    private Languages() {
    }

    /**
     * The computer's language as Java found it at start ({@code user.language}, {@code user.country}),
     * whatever language was chosen since: the one "System" stands for.
     */
    public static Locale system() {
        String language = System.getProperty("user.language", "");
        String country = System.getProperty("user.country", "");
        Locale l = Locale.forLanguageTag(country.isEmpty() ? language : language + "-" + country);
        return l.getLanguage().isEmpty() ? Locale.ENGLISH : l;
    }

    /**
     * The shipped language that speaks for {@code locale}: the same code, else the same language
     * where the shipped one names no country (de-AT is Deutsch; pt-PT is not Português (Brasil)).
     */
    public static Optional<Language> shipped(Locale locale) {
        String tag = locale.toLanguageTag();
        return SHIPPED.stream().filter(l -> l.tag().equalsIgnoreCase(tag)).findFirst()
                .or(() -> SHIPPED.stream().filter(l -> !l.tag().contains("-")
                        && l.tag().equals(locale.getLanguage())).findFirst());
    }

    /** {@code locale}'s name in itself: the shipped name, else Java's ("Svenska"), capitalised. */
    public static String ownName(Locale locale) {
        return shipped(locale).map(Language::ownName).orElseGet(() -> {
            String name = locale.getDisplayName(locale);
            return name.isEmpty() ? locale.toLanguageTag()
                    : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
        });
    }
}
