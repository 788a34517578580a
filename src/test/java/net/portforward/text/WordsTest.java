package net.portforward.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.Properties;
import java.util.TreeSet;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import net.portforward.config.ValueType;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.InputMistake;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.Phrase;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.mapping.MappingFact;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.progress.Step;
import net.portforward.engine.watch.WatchFact;
import net.portforward.ledger.LedgerFact;
import net.portforward.ledger.MappingResult;
import net.portforward.reach.ReachFact;
import net.portforward.engine.error.UpnpErrorCode;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.pinhole.AddressChoice;
import net.portforward.engine.pinhole.PinholeErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared words: every reason the engine can give has words in every language the bundle holds. */
class WordsTest {
    private static final Words ENGLISH = Words.in(Locale.ENGLISH);
    private static final Words GERMAN = Words.in(Locale.GERMAN);

    private static Properties file(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = WordsTest.class.getResourceAsStream("/net/portforward/text/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Words_de.properties"})
    void everyLanguageHasEveryKeyAndNoOther(String name) throws Exception {
        Properties base = file("Words.properties");
        Properties other = file(name);
        assertEquals(new TreeSet<>(base.stringPropertyNames()), new TreeSet<>(other.stringPropertyNames()));
        for (String key : other.stringPropertyNames()) {
            // Each is a MessageFormat pattern; a stray single quote would swallow the rest.
            new MessageFormat(other.getProperty(key), Locale.ROOT);
            assertFalse(other.getProperty(key).matches(".*[^']'[^'].*"), name + " " + key + ": write a quote as ''");
        }
    }

    @Test
    void everyEngineReasonHasWordsInEnglishAndGerman() {
        for (Words w : new Words[] {ENGLISH, GERMAN}) {
            for (Refusal r : Refusal.values()) {
                assertTrue(w.has("refusal." + r.name()), r.name());
            }
            for (UpnpErrorCode c : UpnpErrorCode.values()) {
                assertTrue(w.has("upnp.error." + c.code()), c.name());
            }
            for (PinholeErrorCode c : PinholeErrorCode.values()) {
                assertTrue(w.has("pinhole.error." + c.code()), c.name());
            }
            for (NatVerdict v : NatVerdict.values()) {
                assertFalse(w.nat(v).isBlank(), v.name());
            }
            for (ConnectionStatus s : ConnectionStatus.values()) {
                assertTrue(w.has("connection." + s.name()), s.name());
            }
            for (AddressChoice.Outcome o : AddressChoice.Outcome.values()) {
                assertTrue(w.has("ipv6.address." + o.name()), o.name());
            }
        }
        assertNotEquals(ENGLISH.nat(NatVerdict.DOUBLE_NAT), GERMAN.nat(NatVerdict.DOUBLE_NAT));
    }

    /**
     * Every enum the engine, the ledger, the reachability test, the settings and the command line
     * tell people with (each implements {@link Phrase}), found in the built classes so a new one
     * cannot be missed.
     */
    static List<Class<?>> phraseEnums() {
        JavaClasses all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("net.portforward");
        List<Class<?>> enums = all.stream().filter(c -> c.isEnum() && c.isAssignableTo(Phrase.class))
                .map(JavaClass::reflect).sorted(java.util.Comparator.comparing(Class::getName)).collect(Collectors.toList());
        return enums;
    }

    @Test
    void everyPhraseOfEveryKindHasWordsInEveryLanguage() throws Exception {
        List<Class<?>> enums = phraseEnums();
        // The kinds this test must see, so finding them cannot silently find none.
        assertTrue(enums.containsAll(List.of(Step.class, InputMistake.class, RouterTrouble.class, MappingFact.class,
                WatchFact.class, ReachFact.class, net.portforward.reach.Reason.class, ValueType.Mistake.class,
                MappingResult.Kind.class)), enums.toString());
        Properties base = file("Words.properties");
        List<String> missing = new ArrayList<>();
        for (Class<?> type : enums) {
            for (Object constant : type.getEnumConstants()) {
                String key = ((Phrase) constant).key();
                if (!base.containsKey(key)) {
                    missing.add(type.getSimpleName() + "." + constant + " -> " + key);
                }
            }
        }
        assertEquals(List.of(), missing, "phrases without English words");
        for (Words w : new Words[] {ENGLISH, GERMAN}) {
            for (Class<?> type : enums) {
                for (Object constant : type.getEnumConstants()) {
                    assertTrue(w.has(((Phrase) constant).key()), w.locale() + " " + constant);
                }
            }
        }
    }

    @Test
    void factsAreWordedWithTheirValuesInTheLanguageAndInEnglishForLogs() {
        Fact f = MappingFact.ONE_PER_INTERNAL_PORT.with("PCP", new PortMapping(Protocol.TCP, 8080,
                InetAddress.getLoopbackAddress(), 80, true, "", null, Duration.ZERO), 80);
        assertEquals("With PCP the router keeps one forward per port of this computer, and TCP 8080 \u2192 127.0.0.1:80"
                + " already leads to port 80. Change or delete that forward first.", ENGLISH.say(f));
        assertEquals(ENGLISH.say(f), f.english());
        assertTrue(GERMAN.say(f).contains("TCP 8080 \u2192 127.0.0.1:80"), GERMAN.say(f));
        assertNotEquals(ENGLISH.say(f), GERMAN.say(f));
        // Spans in the language's units, alternatives joined with its "or", a failure in its words.
        assertEquals("1 Tag 2 Std.", GERMAN.span(Duration.ofHours(26), 2));
        assertEquals("1 day 2 h", ENGLISH.span(Duration.ofHours(26), 2));
        assertEquals("UPnP, PCP oder NAT-PMP", GERMAN.either(List.of("UPnP", "PCP", "NAT-PMP")));
        Fact failed = LedgerFact.FAILED_AT.with("TCP 80", new InvalidInputException(InputMistake.DESCRIPTION_CONTROL.with()));
        assertEquals("TCP 80: " + GERMAN.say(InputMistake.DESCRIPTION_CONTROL), GERMAN.say(failed));
    }

    @Test
    void durationsAndPortsFollowTheLanguageButPortsAreNeverGrouped() {
        Duration uptime = Duration.ofDays(3).plusHours(4);
        assertEquals("3 days 4 h", ENGLISH.duration(uptime));
        assertEquals("2 h 5 min", ENGLISH.duration(Duration.ofMinutes(125).plusSeconds(59)));
        assertEquals("0 min", ENGLISH.duration(Duration.ofSeconds(59)));
        assertEquals("3 Tage 4 Std.", GERMAN.duration(uptime));
        assertEquals("Der externe Port 65535 ist frei.", GERMAN.format("conflict.free", 65535));
        assertEquals("1,234 (5 to this computer)", ENGLISH.format("cli.info.forwards.count", 1234, 5));
        assertEquals("1.234 (5 zu diesem Computer)", GERMAN.format("cli.info.forwards.count", 1234, 5));
    }

    @Test
    void aLanguageWithoutWordsIsEnglishEvenOnAGermanSystem() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertEquals(ENGLISH.nat(NatVerdict.PUBLIC), Words.in(Locale.forLanguageTag("tlh")).nat(NatVerdict.PUBLIC));
            assertEquals(ENGLISH.nat(NatVerdict.PUBLIC), Words.in(Locale.ENGLISH).nat(NatVerdict.PUBLIC));
            assertEquals(GERMAN.nat(NatVerdict.PUBLIC), Words.forDefaultLocale().nat(NatVerdict.PUBLIC));
        } finally {
            Locale.setDefault(before);
        }
    }
}
