package net.portforward.engine.pinhole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.portforward.engine.net.Ipv6;
import net.portforward.engine.pinhole.AddressChoice.Outcome;
import net.portforward.engine.pinhole.InterfaceAddress6.Flag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Which address a pinhole opens, from tables of interface addresses as /proc/net/if_inet6 gives them. */
class AddressChoiceTest {
    private static final String ETH = "eth0";

    /** A row on eth0 with Linux's flags word (hex, as /proc/net/if_inet6 prints it). */
    private static InterfaceAddress6 row(String address, int flags) {
        return row(ETH, address, flags);
    }

    private static InterfaceAddress6 row(String nif, String address, int flags) {
        return new InterfaceAddress6(nif, Ipv6.parse(address).orElseThrow(), 64, Flag.of(flags), true);
    }

    private static InterfaceAddress6 unflagged(String address) {
        return new InterfaceAddress6(ETH, Ipv6.parse(address).orElseThrow(), 64, Set.of(), false);
    }

    static Stream<Arguments> tables() {
        InterfaceAddress6 linkLocal = row("fe80::1c2d:3eff:fe4f:5061", 0x80);
        InterfaceAddress6 ula = row("fd12:3456:789a::10", 0x00);
        InterfaceAddress6 stableSlaac = row("2a01:4f8:1:2:1c2d:3eff:fe4f:5061", 0x100); // mngtmpaddr
        InterfaceAddress6 temporary = row("2a01:4f8:1:2:9d3b:11e0:aa42:7c01", 0x01);
        InterfaceAddress6 deprecated = row("2a01:4f8:1:2::99", 0x20);
        InterfaceAddress6 tentative = row("2a01:4f8:1:2::98", 0x40);
        InterfaceAddress6 dadFailed = row("2a01:4f8:1:2::97", 0x08);
        InterfaceAddress6 manual = row("2a01:4f8:1:2::80", 0x80);
        InterfaceAddress6 stablePrivacy = row("2a01:4f8:1:2:7e3a:91b2:c0d4:e5f6", 0x800);
        InterfaceAddress6 teredo = row("2001:0:53aa:64c:2c3b:3fff:a3a4:c2d1", 0x00);
        InterfaceAddress6 otherInterface = row("wlan0", "2a01:4f8:9:9::5", 0x80);
        InterfaceAddress6 lab = row("2001:db8:77::10", 0x82); // the lab's, nodad and permanent (LAB.md)
        return Stream.of(
                Arguments.of("nothing at all", List.of(), Outcome.NO_IPV6, null),
                Arguments.of("link-local only", List.of(linkLocal), Outcome.ONLY_LOCAL, null),
                Arguments.of("link-local and ULA", List.of(linkLocal, ula), Outcome.ONLY_LOCAL, null),
                Arguments.of("Teredo is not through the router", List.of(linkLocal, teredo), Outcome.ONLY_LOCAL, null),
                Arguments.of("only a temporary one", List.of(linkLocal, temporary), Outcome.ONLY_TEMPORARY, null),
                Arguments.of("deprecated, tentative, duplicate", List.of(deprecated, tentative, dadFailed),
                        Outcome.ONLY_UNUSABLE, null),
                Arguments.of("privacy extensions: the stable one, not the temporary",
                        List.of(temporary, linkLocal, stableSlaac, ula), Outcome.CHOSEN, stableSlaac),
                Arguments.of("not a deprecated one", List.of(deprecated, stablePrivacy), Outcome.CHOSEN, stablePrivacy),
                Arguments.of("one set by hand first", List.of(stableSlaac, manual, stablePrivacy), Outcome.CHOSEN, manual),
                Arguments.of("only the interface to the router", List.of(otherInterface, linkLocal),
                        Outcome.ONLY_LOCAL, null),
                Arguments.of("the lab's documentation prefix counts as global", List.of(lab), Outcome.CHOSEN, lab),
                Arguments.of("without flags: EUI-64 first, never temporary",
                        List.of(unflagged("2a01:4f8:1:2:9d3b:11e0:aa42:7c01"), unflagged("2a01:4f8:1:2:1c2d:3eff:fe4f:5061")),
                        Outcome.GUESSED, unflagged("2a01:4f8:1:2:1c2d:3eff:fe4f:5061")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void choosesAGlobalStableAddressOnTheInterfaceToTheRouter(String name, List<InterfaceAddress6> table,
            Outcome outcome, InterfaceAddress6 expected) {
        AddressChoice c = AddressChoice.choose(table, ETH);
        assertEquals(outcome, c.outcome(), name);
        assertEquals(expected == null ? null : expected.address(), c.address().orElse(null), name);
        if (expected == null) {
            assertTrue(c.fact().english().startsWith("This computer has no public IPv6 address: there is nothing to open."),
                    c.fact().english());
        } else {
            assertTrue(c.fact().english().contains(Ipv6.text(expected.address())), c.fact().english());
        }
    }

    @Test
    void theChoiceDoesNotDependOnTheTableOrder() {
        List<InterfaceAddress6> rows = new ArrayList<>(List.of(row("2a01:4f8:1:2::30", 0), row("2a01:4f8:1:2::10", 0),
                row("2a01:4f8:1:2::20", 0)));
        Inet6Address first = AddressChoice.choose(rows, ETH).address().orElseThrow();
        java.util.Collections.reverse(rows);
        assertEquals(first, AddressChoice.choose(rows, ETH).address().orElseThrow());
        assertEquals("2a01:4f8:1:2::10", Ipv6.text(first));
    }

    @Test
    void readsLinuxAddressTableLinesFlagsInHexOfAnyWidth() {
        List<InterfaceAddress6> rows = IfInet6.parse(List.of(
                "20010db8007700000000000000000010 02 40 00 82     lan0",
                "fe80000000000000106ea9fffeaba098 02 40 20 80     lan0",
                "2a0104f8000100020000000000000099 03 40 00 120    eth0",
                "00000000000000000000000000000001 01 80 10 80       lo",
                "00000000000000000000ffffc0a80101 04 60 00 80     eth0",
                "garbage line",
                "2a0104f80001000200000000000000zz 03 40 00 00     eth0"));
        assertEquals(4, rows.size(), rows.toString());
        assertEquals("2001:db8:77::10", Ipv6.text(rows.get(0).address()));
        assertEquals("lan0", rows.get(0).interfaceName());
        assertEquals(Set.of(Flag.NODAD, Flag.PERMANENT), rows.get(0).flags());
        assertEquals(Set.of(Flag.DEPRECATED, Flag.MANAGE_TEMPORARY), rows.get(2).flags());
        assertTrue(rows.get(0).flagsKnown());
        assertFalse(rows.stream().anyMatch(r -> r.address().getAddress()[10] == (byte) 0xff), "no IPv4-mapped rows");
    }
}
