package net.portforward.engine.pcp;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 96-bit mapping nonce of a PCP MAP (RFC 6887 section 11.1). The gateway ties a mapping to
 * the nonce it was created with: miniupnpd stores it in the mapping's description and answers
 * NOT_AUTHORIZED to a delete with another nonce (pcpserver.c, DeletePCPMap; seen in the lab), so
 * keep the nonce of every mapping for as long as the mapping lives, across restarts of
 * PortForward too ({@link #toHex()}, {@link #fromHex(String)}). miniupnpd writes the description
 * as "PCP MAP" and the nonce's three 32-bit words each in the router's own byte order: on the
 * lab's x86 nonce 0102030405060708090a0b0c became "PCP MAP 04030201080706050c0b0a09", which is
 * also what a UPnP listing of the router shows.
 */
public final class MappingNonce {
    public static final int LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private MappingNonce(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A new nonce from a cryptographic random source, so no other host on the LAN can guess it. */
    public static MappingNonce random() {
        byte[] b = new byte[LENGTH];
        RANDOM.nextBytes(b);
        return new MappingNonce(b);
    }

    public static MappingNonce of(byte[] twelveBytes) {
        if (twelveBytes.length != LENGTH) {
            throw new IllegalArgumentException("a mapping nonce has " + LENGTH + " bytes, not " + twelveBytes.length);
        }
        return new MappingNonce(twelveBytes.clone());
    }

    /** Reads the 24 hex digits {@link #toHex()} wrote. */
    public static MappingNonce fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a mapping nonce is " + 2 * LENGTH + " hex digits");
        }
        return new MappingNonce(HEX.parseHex(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** 24 lower-case hex digits of the bytes in wire order. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MappingNonce n && Arrays.equals(bytes, n.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
