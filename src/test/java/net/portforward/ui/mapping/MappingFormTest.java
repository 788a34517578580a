package net.portforward.ui.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The dialog's model on its own: JavaFX properties need no toolkit. */
class MappingFormTest {
    private static final InetAddress ME = ip("192.168.1.23");
    private static final InetAddress NAS = ip("192.168.1.50");

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no look-up
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The engine's own sentence for a value, to show the form passes it on unchanged. */
    private static String engineSays(Executable check) {
        return assertThrows(InvalidInputException.class, check).getMessage();
    }

    private static MappingForm addingPort(String port) {
        MappingForm f = MappingForm.adding(ME);
        f.externalPortProperty().set(port);
        return f;
    }

    @Test
    void addingStartsWithThisComputerTcpSamePortAndPermanent() {
        MappingForm f = MappingForm.adding(ME);
        assertEquals(ProtocolChoice.TCP, f.protocolProperty().get());
        assertEquals("192.168.1.23", f.internalClientProperty().get());
        assertTrue(f.samePortProperty().get());
        assertTrue(f.permanentProperty().get());
        assertTrue(f.keyEditableProperty().get());
        assertTrue(f.original().isEmpty());
        // The external port is still empty: not valid, but no error before the user typed anything.
        assertFalse(f.validProperty().get());
        assertEquals("", f.externalPortErrorProperty().get());
        assertEquals("", f.internalPortErrorProperty().get());
        assertEquals("", f.conflictProperty().get());
        assertThrows(IllegalStateException.class, f::mappings);
    }

    @Test
    void theInternalPortFollowsWhileSamePortIsOn() {
        MappingForm f = addingPort("8080");
        assertEquals("8080", f.internalPortProperty().get());
        assertTrue(f.validProperty().get());
        assertEquals(List.of(new PortMapping(Protocol.TCP, 8080, ME, 8080, true, "", null, Duration.ZERO)), f.mappings());

        f.samePortProperty().set(false);
        f.internalPortProperty().set("80");
        f.externalPortProperty().set("8081");
        assertEquals("80", f.internalPortProperty().get(), "no longer follows");
        assertEquals(80, f.mappings().get(0).internalPort());

        f.samePortProperty().set(true);
        assertEquals("8081", f.internalPortProperty().get(), "turning it on copies the external port");
    }

    @Test
    void anEmptyRequiredFieldComplainsOnlyOnceTyped() {
        MappingForm f = addingPort("8");
        f.externalPortProperty().set("");
        assertEquals("Enter the external port, from 1 to 65535.", f.externalPortErrorProperty().get());
        assertFalse(f.validProperty().get());

        f.externalPortProperty().set("8080");
        f.internalClientProperty().set("");
        assertEquals("Enter the address of the computer, such as 192.168.1.23.", f.internalClientErrorProperty().get());
        assertFalse(f.validProperty().get());

        MappingForm noAddress = MappingForm.adding(null);
        noAddress.externalPortProperty().set("8080");
        assertEquals("", noAddress.internalClientProperty().get());
        assertEquals("", noAddress.internalClientErrorProperty().get(), "not typed in yet");
        assertFalse(noAddress.validProperty().get());
    }

    @Test
    void editingFillsTheFieldsAndKeepsTheKey() {
        PortMapping game = new PortMapping(Protocol.UDP, 27015, ip("192.168.1.24"), 27016, false, "game", null,
                Duration.ofMinutes(90));
        MappingForm f = MappingForm.editing(game, ME);
        assertFalse(f.keyEditableProperty().get());
        assertEquals(ProtocolChoice.UDP, f.protocolProperty().get());
        assertEquals("27015", f.externalPortProperty().get());
        assertEquals("27016", f.internalPortProperty().get());
        assertEquals("192.168.1.24", f.internalClientProperty().get());
        assertEquals("game", f.descriptionProperty().get());
        assertFalse(f.samePortProperty().get());
        assertFalse(f.permanentProperty().get());
        assertEquals("1 h 30 min", f.leaseProperty().get());
        assertTrue(f.validProperty().get());
        assertEquals(List.of(game), f.mappings(), "unchanged fields give the same mapping back");

        f.internalPortProperty().set("27017");
        f.protocolProperty().set(ProtocolChoice.BOTH); // the view prevents this; the key stays anyway
        f.externalPortProperty().set("9999");
        PortMapping edited = f.mappings().get(0);
        assertEquals(1, f.mappings().size());
        assertEquals(new PortMapping(Protocol.UDP, 27015, ip("192.168.1.24"), 27017, false, "game", null,
                Duration.ofMinutes(90)), edited);
    }

    @Test
    void editingAPermanentMappingWithABrokenClientShowsTheProblemAtOnce() {
        PortMapping odd = new PortMapping(Protocol.TCP, 443, null, 443, true, "", null, Duration.ZERO);
        MappingForm f = MappingForm.editing(odd, ME);
        assertTrue(f.permanentProperty().get());
        assertTrue(f.samePortProperty().get());
        assertEquals("Enter the address of the computer, such as 192.168.1.23.", f.internalClientErrorProperty().get());
        assertFalse(f.validProperty().get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "70000", "abc", "-1", "80 80"})
    void externalPortErrorsAreTheEngines(String typed) {
        MappingForm f = addingPort(typed);
        assertEquals(engineSays(() -> MappingRules.parsePort(typed, net.portforward.engine.error.InputMistake.EXTERNAL_PORT)), f.externalPortErrorProperty().get());
        assertTrue(f.externalPortErrorProperty().get().contains("1 to 65535"));
        assertEquals("", f.internalPortErrorProperty().get(), "said once, under the external port");
        assertFalse(f.validProperty().get());
    }

    @Test
    void internalPortErrorsWhenSetSeparately() {
        MappingForm f = addingPort("8080");
        f.samePortProperty().set(false);
        f.internalPortProperty().set("0");
        assertEquals("Internal port 0 is not a port number: use 1 to 65535.", f.internalPortErrorProperty().get());
        assertEquals("", f.externalPortErrorProperty().get());
        assertFalse(f.validProperty().get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "router.lan", "127.0.0.1", "0.0.0.0", "224.0.0.1", "fe80::1"})
    void clientErrorsAreTheEngines(String typed) {
        MappingForm f = addingPort("8080");
        f.internalClientProperty().set(typed);
        assertEquals(engineSays(() -> MappingRules.parseClient(typed)), f.internalClientErrorProperty().get());
        assertFalse(f.validProperty().get());
    }

    @Test
    void clientSentencesSayWhatIsWrong() {
        MappingForm f = addingPort("8080");
        f.internalClientProperty().set("router.lan");
        assertEquals("The internal client \"router.lan\" is not an IPv4 address such as 192.168.1.23.",
                f.internalClientErrorProperty().get());
        f.internalClientProperty().set("127.0.0.1");
        assertTrue(f.internalClientErrorProperty().get().contains("127.0.0.1 cannot receive forwarded traffic"));
        f.internalClientProperty().set("192.168.1.50");
        assertEquals("", f.internalClientErrorProperty().get());
        assertTrue(f.validProperty().get());
    }

    @Test
    void descriptionErrorsAreTheEngines() {
        MappingForm f = addingPort("8080");
        f.descriptionProperty().set("a".repeat(65));
        assertEquals("The description is too long for routers: they keep 64 bytes, and this one takes 65"
                + " (letters with accents take two).", f.descriptionErrorProperty().get());
        assertFalse(f.validProperty().get());

        f.descriptionProperty().set("\u00e9".repeat(33)); // 33 characters, 66 bytes
        assertTrue(f.descriptionErrorProperty().get().contains("takes 66"), f.descriptionErrorProperty().get());
        f.descriptionProperty().set("\u00e9".repeat(32)); // exactly 64 bytes
        assertEquals("", f.descriptionErrorProperty().get());
        assertTrue(f.validProperty().get());

        f.descriptionProperty().set("Tom & Jerry");
        assertEquals(engineSays(() -> MappingRules.checkDescription("Tom & Jerry")), f.descriptionErrorProperty().get());
        assertTrue(f.descriptionErrorProperty().get().contains("&"));
        f.descriptionProperty().set("tab\there");
        assertEquals("The description may not contain control characters.", f.descriptionErrorProperty().get());
        assertFalse(f.validProperty().get());

        f.descriptionProperty().set("  web server ");
        assertTrue(f.validProperty().get());
        assertEquals("web server", f.mappings().get(0).description(), "spaces at the ends dropped");
    }

    @Test
    void bothGivesATcpAndAUdpMapping() {
        MappingForm f = addingPort("27015");
        f.protocolProperty().set(ProtocolChoice.BOTH);
        f.descriptionProperty().set("game");
        assertEquals(List.of(
                new PortMapping(Protocol.TCP, 27015, ME, 27015, true, "game", null, Duration.ZERO),
                new PortMapping(Protocol.UDP, 27015, ME, 27015, true, "game", null, Duration.ZERO)), f.mappings());
    }

    @Test
    void theOfferedLeaseChoicesAreTheirDurations() {
        List<Duration> expected = List.of(Duration.ofHours(1), Duration.ofHours(2), Duration.ofDays(1), Duration.ofDays(7));
        assertEquals(4, MappingForm.leaseChoices().size());
        MappingForm f = addingPort("8080");
        f.permanentProperty().set(false);
        for (int i = 0; i < expected.size(); i++) {
            f.leaseProperty().set(MappingForm.leaseChoices().get(i));
            assertEquals("", f.leaseErrorProperty().get());
            assertEquals(expected.get(i), f.mappings().get(0).lease(), MappingForm.leaseChoices().get(i));
        }
        f.permanentProperty().set(true);
        assertEquals(Duration.ZERO, f.mappings().get(0).lease(), "permanent sends a lease of 0");
        assertTrue(f.mappings().get(0).permanent());
    }

    @ParameterizedTest
    @CsvSource({"2 h, 7200", "90 min, 5400", "1 h 30 min, 5400", "1.5, 5400", "3, 10800", "1 d 12 h, 129600",
        "1 day, 86400", "7 days, 604800", "45m, 2700", "2 hours, 7200", "'1,5 h', 5400"})
    void typedLeasesAreRead(String typed, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), LeaseText.parse(typed).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "1 h 30", "2 months", "h", "-1 h", ""})
    void unreadableLeasesAreRefused(String typed) {
        assertTrue(LeaseText.parse(typed).isEmpty(), typed);
    }

    @Test
    void leaseErrorsSayWhatToDo() {
        MappingForm f = addingPort("8080");
        f.permanentProperty().set(false);
        assertEquals("2 h", f.leaseProperty().get(), "a sensible lease is ready when Permanent is unticked");
        assertTrue(f.validProperty().get());

        f.leaseProperty().set("soon");
        assertEquals("Type a lease such as 2 h, 90 min or 1 day.", f.leaseErrorProperty().get());
        f.leaseProperty().set("0 h");
        assertTrue(f.leaseErrorProperty().get().contains("tick Permanent"), f.leaseErrorProperty().get());
        f.leaseProperty().set("8 days");
        assertEquals("Routers accept leases of at most 7 days. For one that never ends, tick Permanent.",
                f.leaseErrorProperty().get());
        assertFalse(f.validProperty().get());
        f.leaseProperty().set("");
        assertEquals("Enter how long the forward should last, or tick Permanent.", f.leaseErrorProperty().get());

        f.permanentProperty().set(true);
        assertEquals("", f.leaseErrorProperty().get(), "the lease does not count while permanent");
        assertTrue(f.validProperty().get());
    }

    @Test
    void leasesLeftAreShownToTheMinute() {
        assertEquals("1 h", LeaseText.format(Duration.ofSeconds(3587)));
        assertEquals("1 h 30 min", LeaseText.format(Duration.ofMinutes(90)));
        assertEquals("1 day 2 h", LeaseText.format(Duration.ofHours(26)));
        assertEquals("7 days", LeaseText.format(Duration.ofDays(7)));
        assertEquals("1 min", LeaseText.format(Duration.ofSeconds(20)));
        for (Duration d : List.of(Duration.ofMinutes(59), Duration.ofMinutes(1501), Duration.ofDays(3))) {
            assertEquals(d, LeaseText.parse(LeaseText.format(d)).orElseThrow(), "reads back " + d);
        }
    }

    private static PortConflictException conflictOn8080(OptionalInt free) {
        PortMapping nas = new PortMapping(Protocol.TCP, 8080, NAS, 8080, true, "nas", null, Duration.ZERO);
        return new PortConflictException(new net.portforward.engine.model.MappingKey(Protocol.TCP, 8080), ListedMapping.clean(nas), free);
    }

    @Test
    void aConflictNamesTheHolderAndOffersAFreePort() {
        MappingForm f = addingPort("8080");
        PortConflictException e = conflictOn8080(OptionalInt.of(8081));
        f.showConflict(e);
        assertEquals(net.portforward.testing.Said.said(e), f.conflictProperty().get());
        assertTrue(f.conflictProperty().get().contains("192.168.1.50 (\"nas\")"), f.conflictProperty().get());
        assertEquals(8081, f.offeredPortProperty().get());

        f.useOfferedPort();
        assertEquals("8081", f.externalPortProperty().get());
        assertEquals("8081", f.internalPortProperty().get(), "same port is on");
        assertEquals("", f.conflictProperty().get());
        assertNull(f.offeredPortProperty().get());
        assertEquals(8081, f.mappings().get(0).externalPort());
    }

    @Test
    void usingTheOfferedPortKeepsADifferentInternalPort() {
        MappingForm f = addingPort("8080");
        f.samePortProperty().set(false);
        f.internalPortProperty().set("80");
        f.showConflict(conflictOn8080(OptionalInt.of(8082)));
        f.useOfferedPort();
        assertEquals("8082", f.externalPortProperty().get());
        assertEquals("80", f.internalPortProperty().get());
    }

    @Test
    void typingAnotherPortOrProtocolClearsTheConflict() {
        MappingForm f = addingPort("8080");
        f.showConflict(conflictOn8080(OptionalInt.of(8081)));
        f.externalPortProperty().set("8090");
        assertEquals("", f.conflictProperty().get());
        assertNull(f.offeredPortProperty().get());

        f.showConflict(conflictOn8080(OptionalInt.empty()));
        assertTrue(f.conflictProperty().get().endsWith("is already forwarded to 192.168.1.50 (\"nas\")."));
        assertNull(f.offeredPortProperty().get(), "no free port found");
        f.useOfferedPort();
        assertEquals("8090", f.externalPortProperty().get(), "nothing to use");
        f.protocolProperty().set(ProtocolChoice.UDP);
        assertEquals("", f.conflictProperty().get());
    }

    @Test
    void whenEditingNoOtherPortIsOffered() {
        PortMapping web = new PortMapping(Protocol.TCP, 8080, ME, 80, true, "web", null, Duration.ZERO);
        MappingForm f = MappingForm.editing(web, ME);
        f.showConflict(conflictOn8080(OptionalInt.of(8081)));
        assertFalse(f.conflictProperty().get().isEmpty());
        assertNull(f.offeredPortProperty().get(), "the external port is the mapping's key");
    }
}
