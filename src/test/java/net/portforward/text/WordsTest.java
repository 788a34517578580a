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
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import net.portforward.engine.error.Refusal;
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

    @Test
    void durationsAndPortsFollowTheLanguageButPortsAreNeverGrouped() {
        Duration uptime = Duration.ofDays(3).plusHours(4);
        assertEquals("3 d 4 h", ENGLISH.duration(uptime));
        assertEquals("3 T. 4 Std.", GERMAN.duration(uptime));
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
