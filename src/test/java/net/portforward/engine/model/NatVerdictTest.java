package net.portforward.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NatVerdictTest {
    @ParameterizedTest
    @CsvSource({
        "25.77.0.2, PUBLIC", "8.8.8.8, PUBLIC", "100.63.255.255, PUBLIC", "100.128.0.1, PUBLIC",
        "172.15.0.1, PUBLIC", "172.32.0.1, PUBLIC",
        "10.1.2.3, DOUBLE_NAT", "100.64.77.2, DOUBLE_NAT", "100.127.255.254, DOUBLE_NAT",
        "172.16.0.1, DOUBLE_NAT", "172.31.255.1, DOUBLE_NAT", "192.168.0.5, DOUBLE_NAT",
        "169.254.1.1, DOUBLE_NAT", "127.0.0.1, DOUBLE_NAT", "0.0.0.0, DOUBLE_NAT",
        "192.0.2.1, DOUBLE_NAT", "198.51.100.7, DOUBLE_NAT", "203.0.113.9, DOUBLE_NAT",
        "198.18.0.1, DOUBLE_NAT", "224.0.0.1, DOUBLE_NAT", "255.255.255.255, DOUBLE_NAT"})
    void classifiesWanAddresses(String ip, NatVerdict expected) throws Exception {
        assertEquals(expected, NatVerdict.of(InetAddress.getByName(ip), true));
    }

    @org.junit.jupiter.api.Test
    void noAddressWhileConnectedIsDoubleNatLikeMiniupnpdBehindCgnat() {
        assertEquals(NatVerdict.DOUBLE_NAT, NatVerdict.of(null, true));
        assertEquals(NatVerdict.UNKNOWN, NatVerdict.of(null, false));
        org.junit.jupiter.api.Assertions.assertTrue(net.portforward.testing.Said.ENGLISH.nat(NatVerdict.DOUBLE_NAT).contains("double NAT"));
    }
}
