package net.portforward.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AddressKindTest {
    static Stream<Arguments> addresses() {
        return Stream.of(
                Arguments.of("25.77.0.2", AddressKind.PUBLIC),
                Arguments.of("8.8.8.8", AddressKind.PUBLIC),
                Arguments.of("100.63.255.255", AddressKind.PUBLIC),
                Arguments.of("100.128.0.0", AddressKind.PUBLIC),
                Arguments.of("172.15.0.1", AddressKind.PUBLIC),
                Arguments.of("172.32.0.1", AddressKind.PUBLIC),
                Arguments.of("127.0.0.1", AddressKind.LOOPBACK),
                Arguments.of("127.255.0.9", AddressKind.LOOPBACK),
                Arguments.of("10.0.0.1", AddressKind.PRIVATE),
                Arguments.of("172.16.0.1", AddressKind.PRIVATE),
                Arguments.of("172.31.255.255", AddressKind.PRIVATE),
                Arguments.of("192.168.77.10", AddressKind.PRIVATE),
                Arguments.of("100.64.0.1", AddressKind.CARRIER_GRADE_NAT),
                Arguments.of("100.127.255.254", AddressKind.CARRIER_GRADE_NAT),
                Arguments.of("169.254.169.254", AddressKind.LINK_LOCAL),
                Arguments.of("0.0.0.0", AddressKind.UNSPECIFIED),
                Arguments.of("0.1.2.3", AddressKind.UNSPECIFIED),
                Arguments.of("192.0.2.1", AddressKind.DOCUMENTATION),
                Arguments.of("198.51.100.7", AddressKind.DOCUMENTATION),
                Arguments.of("203.0.113.5", AddressKind.DOCUMENTATION),
                Arguments.of("224.0.0.1", AddressKind.MULTICAST),
                Arguments.of("239.255.255.250", AddressKind.MULTICAST),
                Arguments.of("255.255.255.255", AddressKind.RESERVED),
                Arguments.of("240.0.0.1", AddressKind.RESERVED),
                Arguments.of("2a00:1450:4001:80b::200e", AddressKind.PUBLIC),
                Arguments.of("::", AddressKind.UNSPECIFIED),
                Arguments.of("::1", AddressKind.LOOPBACK),
                Arguments.of("fc00::1", AddressKind.PRIVATE),
                Arguments.of("fd12:3456::1", AddressKind.PRIVATE),
                Arguments.of("fec0::1", AddressKind.PRIVATE),
                Arguments.of("fe80::1", AddressKind.LINK_LOCAL),
                Arguments.of("febf::1", AddressKind.LINK_LOCAL),
                Arguments.of("ff02::1", AddressKind.MULTICAST),
                Arguments.of("2001:db8::1", AddressKind.DOCUMENTATION),
                Arguments.of("3fff::1", AddressKind.DOCUMENTATION),
                Arguments.of("3ff0::1", AddressKind.PUBLIC),
                Arguments.of("::ffff:10.0.0.1", AddressKind.PRIVATE),
                Arguments.of("::ffff:8.8.8.8", AddressKind.PUBLIC),
                Arguments.of("::10.0.0.1", AddressKind.RESERVED),
                Arguments.of("64:ff9b::7f00:1", AddressKind.LOOPBACK),
                Arguments.of("64:ff9b::808:808", AddressKind.PUBLIC),
                Arguments.of("2002:a9fe:a9fe::1", AddressKind.LINK_LOCAL),
                Arguments.of("2002:808:808::1", AddressKind.PUBLIC),
                Arguments.of("100::1", AddressKind.RESERVED),
                Arguments.of("4000::1", AddressKind.RESERVED));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("addresses")
    void eachAddressHasItsKind(String literal, AddressKind kind) throws Exception {
        assertEquals(kind, AddressKind.of(InetAddress.getByName(literal)));
    }

    @Test
    void theStrictPolicyAllowsPublicAddressesOnly() throws Exception {
        assertTrue(ConnectBackPolicy.PUBLIC_ONLY.allows(InetAddress.getByName("25.77.0.2")));
        for (String hidden : new String[] {"127.0.0.1", "10.0.0.1", "100.64.0.1", "169.254.169.254", "::1", "fd00::1"}) {
            assertFalse(ConnectBackPolicy.PUBLIC_ONLY.allows(InetAddress.getByName(hidden)), hidden);
        }
    }
}
