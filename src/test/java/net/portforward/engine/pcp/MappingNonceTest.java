package net.portforward.engine.pcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MappingNonceTest {

    @Test
    void randomNoncesAreTwelveBytesAndDiffer() {
        Set<MappingNonce> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            MappingNonce n = MappingNonce.random();
            assertEquals(12, n.bytes().length);
            seen.add(n);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void hexRoundTrips() {
        MappingNonce n = MappingNonce.fromHex("2a77fe0cf463d6db2adb3170");
        assertEquals("2a77fe0cf463d6db2adb3170", n.toHex());
        assertEquals(n, MappingNonce.of(n.bytes()));
        assertEquals(n.hashCode(), MappingNonce.of(n.bytes()).hashCode());
        assertNotEquals(n, MappingNonce.fromHex("2a77fe0cf463d6db2adb3171"));
    }

    @Test
    void itCannotBeChangedFromOutside() {
        byte[] b = new byte[12];
        MappingNonce n = MappingNonce.of(b);
        b[0] = 1;
        n.bytes()[1] = 1;
        assertEquals("000000000000000000000000", n.toHex());
    }

    @Test
    void wrongLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MappingNonce.of(new byte[11]));
        assertThrows(IllegalArgumentException.class, () -> MappingNonce.fromHex("00"));
        assertThrows(IllegalArgumentException.class, () -> MappingNonce.fromHex("zz0000000000000000000000"));
        assertThrows(IllegalArgumentException.class, () -> MappingNonce.fromHex(null));
    }
}
