package net.portforward.testing;

import java.util.List;

/**
 * Mapping-table rows with the junk real routers report (FIELD.md: "Mapping entries can hold
 * anything"), each on its own external port so they can all be preloaded at once. The client
 * must list them without crashing, and show them repaired or flagged.
 */
public final class JunkMappings {

    private static final String CLIENT = "192.168.1.23";

    private JunkMappings() {}

    /** A 10 KB description (miniupnpd 2.3.1 cut a 300-character one to 64 plus junk bytes). */
    public static FakeMapping hugeDescription() {
        return FakeMapping.tcp(61001, CLIENT, 61001, "x".repeat(10 * 1024));
    }

    /** Control characters, a NUL included, in the description. */
    public static FakeMapping controlCharacters() {
        return FakeMapping.tcp(61002, CLIENT, 61002, "bell\u0007nul\u0000esc\u001b[31mred\r\nnext");
    }

    /** Markup in the description; with escapeValues(false) it breaks the XML. */
    public static FakeMapping markup() {
        return FakeMapping.tcp(61003, CLIENT, 61003, "a & b <script>alert(1)</script> \"q\" 'q'");
    }

    /** External port 70000 (miniupnpd 2.3.1 silently turned it into 4464). */
    public static FakeMapping port70000() {
        return FakeMapping.tcp(61004, CLIENT, 61004, "port 70000").withReported("NewExternalPort", "70000");
    }

    /** Internal port -1. */
    public static FakeMapping negativePort() {
        return FakeMapping.tcp(61005, CLIENT, -1, "internal port -1");
    }

    /** External port "abc". */
    public static FakeMapping nonNumericPort() {
        return FakeMapping.tcp(61006, CLIENT, 61006, "port abc").withReported("NewExternalPort", "abc");
    }

    /** A host name where an address belongs. */
    public static FakeMapping hostNameClient() {
        return FakeMapping.tcp(61007, "nas.local", 61007, "host name as client");
    }

    /** "tcp" in lower case. */
    public static FakeMapping lowerCaseProtocol() {
        return FakeMapping.of("tcp", 61008, CLIENT, 61008, "lower-case protocol");
    }

    /** A protocol that is neither TCP nor UDP. */
    public static FakeMapping junkProtocol() {
        return FakeMapping.of("XYZ", 61009, CLIENT, 61009, "junk protocol");
    }

    /** Enabled reported as "maybe", the lease as "forever". */
    public static FakeMapping junkFlags() {
        return FakeMapping.udp(61010, CLIENT, 61010, "junk flags")
                .withReported("NewEnabled", "maybe").withReported("NewLeaseDuration", "forever");
    }

    /** All of the above, in that order. */
    public static List<FakeMapping> all() {
        return List.of(hugeDescription(), controlCharacters(), markup(), port70000(), negativePort(),
                nonNumericPort(), hostNameClient(), lowerCaseProtocol(), junkProtocol(), junkFlags());
    }
}
