package net.portforward.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every language PortForward speaks has every bundle of the window and the command line, complete:
 * each key of the English bundle and no other, the same {0}, {1}… in each text, every text that
 * goes through MessageFormat still a valid pattern, and few texts left in English. The bundles are
 * read where the build put them (target/classes), so a file the build would not ship is not counted.
 * One test per language, each failing with the whole list of what that language lacks.
 */
class BundlesTest {
    /** The languages PortForward ships, as bundle file suffixes. */
    static final List<String> LANGUAGES = List.of("de", "fr", "es", "pt_BR", "it", "nl", "pl", "ru", "zh_CN", "ja");

    /** More texts left as the English ones in one bundle than this, and the file was forgotten. */
    private static final int SAME_AS_ENGLISH_LIMIT = 3;

    /**
     * Texts that read the same in every language: protocol and product names, the units the lease
     * field reads in every language (GLOSSARY.md), addresses, placeholders and punctuation, and words
     * several languages share with English. What is left after removing these must be empty.
     */
    private static final Pattern SAME_EVERYWHERE = Pattern.compile(
            "\\{[^}]*}|PortForward|TCP|UDP|UPnP|IGD|PCP|NAT-PMP|NAT|IPv4|IPv6|URL|UDN|UPC|HTTPS?|OK|https?://"
            + "|\\b(ms|s|min|h|d)\\b|[\\d\\s\\p{P}]"
            // Words these languages share with English (the checker named them one by one: the
            // translators kept each on purpose, e.g. Dutch "Model", French "Services", Spanish "no").
            + "|\\b(Internet|Router|Port|Download|Upload|KB|Name|Model|Protocol|Services|Verdict|Double|Id"
            + "|Computer|Type|Permanent|Later|no|checker)\\b");
    /** Proper names: the About dialog's libraries and their licences. */
    private static final Pattern NAME_KEYS = Pattern.compile("(library|licence)\\..*");
    private static final Pattern ARGUMENT = Pattern.compile("\\{\\s*(\\d+)");
    /** A single ASCII apostrophe: in a MessageFormat pattern it starts a quote and swallows what follows. */
    private static final Pattern SINGLE_QUOTE = Pattern.compile("(?<!')'(?!')");
    private static final Pattern LANGUAGE_SUFFIX = Pattern.compile(".*_[a-z]{2}(_[A-Z]{2})?\\.properties");

    static Stream<String> languages() {
        return LANGUAGES.stream();
    }

    /** Every English bundle: the window's (ui/**) and the shared words (text/), by their path under net/portforward. */
    static List<Path> englishBundles() throws IOException {
        Path root = resourceRoot();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".properties"))
                    .filter(p -> !LANGUAGE_SUFFIX.matcher(p.getFileName().toString()).matches())
                    .filter(p -> !p.getFileName().toString().equals("build.properties"))
                    .map(root::relativize)
                    .filter(p -> p.startsWith("ui") || p.startsWith("text"))
                    .sorted().toList();
        }
    }

    static Path resourceRoot() {
        try {
            return Path.of(BundlesTest.class.getResource("/net/portforward/ui/UiText.properties").toURI())
                    .getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file of {@code english} in {@code language}, such as ui/UiText_pt_BR.properties. */
    static Path translation(Path english, String language) {
        String name = english.getFileName().toString();
        return english.resolveSibling(name.replace(".properties", "_" + language + ".properties"));
    }

    @Test
    void theBundlesAreFoundWhereTheBuildPutsThem() throws IOException {
        List<String> names = englishBundles().stream().map(Path::toString).toList();
        assertTrue(names.contains(Path.of("ui", "UiText.properties").toString()), names.toString());
        assertTrue(names.contains(Path.of("text", "Words.properties").toString()), names.toString());
        assertTrue(names.contains(Path.of("ui", "settings", "SettingsText.properties").toString()), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.endsWith("build.properties")), names.toString());
    }

    @Test
    void theChecksSeeWhatTheyLookFor() {
        assertEquals(Set.of("0", "1"), arguments("{1,number,integer} of {0}"));
        assertEquals(Set.of(), arguments("https://…/{port}"));
        assertTrue(leftInEnglish("k", "Reading the list", "Reading the list"));
        assertFalse(leftInEnglish("k", "PortForward {0}", "PortForward {0}"));
        assertFalse(leftInEnglish("k", "TCP/UDP", "TCP/UDP"));
        assertFalse(leftInEnglish("k", "{0,number,integer} min", "{0,number,integer} min"));
        assertFalse(leftInEnglish("k", "Double NAT", "Double NAT")); // French writes it so
        assertTrue(leftInEnglish("k", "Router restarted", "Router restarted"));
        assertFalse(leftInEnglish("library.jupnp", "jUPnP", "jUPnP"));
        assertTrue(SINGLE_QUOTE.matcher("l'adresse {0}").find());
        assertFalse(SINGLE_QUOTE.matcher("l''adresse {0}").find());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void everyBundleIsCompleteIn(String language) throws IOException {
        Path root = resourceRoot();
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> leftInEnglish = new TreeMap<>();
        for (Path english : englishBundles()) {
            Path file = translation(english, language);
            if (!Files.exists(root.resolve(file))) {
                problems.add("missing file " + file);
                continue;
            }
            Map<String, String> en = load(root.resolve(english), problems, english);
            Map<String, String> tr = load(root.resolve(file), problems, file);
            boolean wordsBundle = english.startsWith("text");
            for (Map.Entry<String, String> e : en.entrySet()) {
                String key = e.getKey();
                String value = tr.get(key);
                if (value == null) {
                    problems.add(file + ": missing key " + key);
                    continue;
                }
                problems.addAll(compare(file + ": " + key, e.getValue(), value, wordsBundle, language));
                if (leftInEnglish(key, e.getValue(), value)) {
                    leftInEnglish.computeIfAbsent(file.toString(), f -> new ArrayList<>()).add(key + "=" + value);
                }
            }
            for (String key : new TreeSet<>(tr.keySet())) {
                if (!en.containsKey(key)) {
                    problems.add(file + ": extra key " + key + " (not in the English bundle)");
                }
            }
        }
        leftInEnglish.forEach((file, values) -> {
            // Reported for a translator to look at; only many of them fail.
            System.out.println(language + ": left in English in " + file + ": " + values);
            if (values.size() > SAME_AS_ENGLISH_LIMIT) {
                problems.add(file + ": " + values.size() + " texts left in English (more than " + SAME_AS_ENGLISH_LIMIT
                        + "): " + values);
            }
        });
        assertTrue(problems.isEmpty(), () -> language + ": " + problems.size() + " problem(s) in the bundles:\n  "
                + String.join("\n  ", problems));
    }

    /** What is wrong with one translated text, compared with the English one. */
    static List<String> compare(String where, String english, String translated, boolean wordsBundle, String language) {
        List<String> problems = new ArrayList<>();
        Set<String> want = arguments(english);
        Set<String> got = arguments(translated);
        if (!want.equals(got)) {
            problems.add(where + ": has arguments " + got + " but the English has " + want);
        }
        // The shared words always go through MessageFormat; the window's texts when they have {0} or ''.
        boolean pattern = wordsBundle || !want.isEmpty() || english.contains("''");
        if (pattern) {
            if (SINGLE_QUOTE.matcher(translated).find()) {
                problems.add(where + ": a single ' in a MessageFormat pattern hides what follows: write ''");
            }
            try {
                MessageFormat format = new MessageFormat(translated, Locale.forLanguageTag(language.replace('_', '-')));
                // An argument inside a quoted part is text, not an argument: it would show as "{0}".
                // (Arguments inside a choice are read by the choice: only the outer ones are counted.)
                int used = format.getFormatsByArgumentIndex().length;
                int needed = new MessageFormat(english, Locale.ROOT).getFormatsByArgumentIndex().length;
                if (used < needed) {
                    problems.add(where + ": only arguments up to {" + (used - 1) + "} are read (a quote hides the rest)");
                }
            } catch (IllegalArgumentException broken) {
                problems.add(where + ": not a valid MessageFormat pattern: " + broken.getMessage());
            }
        } else if (translated.contains("''")) {
            problems.add(where + ": '' shows as two quotes here (this text is not a MessageFormat pattern)");
        }
        return problems;
    }

    /** The argument indexes a text uses: {0}, {1,number} → 0, 1. */
    static Set<String> arguments(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Whether a translated text was left as the English one, beyond names, units and placeholders. */
    static boolean leftInEnglish(String key, String english, String translated) {
        return translated.equals(english) && !NAME_KEYS.matcher(key).matches()
                && !SAME_EVERYWHERE.matcher(english).replaceAll("").isEmpty();
    }

    /** A bundle's texts by key; a key written twice is a problem (the second silently wins). */
    private static Map<String, String> load(Path file, List<String> problems, Path shown) throws IOException {
        Map<String, String> texts = new TreeMap<>();
        Properties p = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (texts.put((String) key, (String) value) != null) {
                    problems.add(shown + ": key " + key + " is written twice");
                }
                return super.put(key, value);
            }
        };
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return texts;
    }
}
