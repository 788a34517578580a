package net.portforward.engine.pinhole;

import net.portforward.engine.pcp.MappingNonce;

/**
 * What the router knows a pinhole by: UPnP's UniqueID (0-65535, chosen by the router), or the
 * PCP mapping nonce it was made with. Written to and read from the ledger as {@link #text()}.
 */
public sealed interface PinholeId permits PinholeId.UniqueId, PinholeId.PcpNonce {

    /** "42" for UPnP, "pcp:0102...0c" for PCP. */
    String text();

    /** WANIPv6FirewallControl's UniqueID. */
    record UniqueId(int value) implements PinholeId {
        public UniqueId {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("a pinhole UniqueID is 0-65535, not " + value);
            }
        }

        @Override
        public String text() {
            return String.valueOf(value);
        }
    }

    /** A PCP MAP's nonce: renewals and the delete must carry it. */
    record PcpNonce(MappingNonce nonce) implements PinholeId {
        @Override
        public String text() {
            return "pcp:" + nonce.toHex();
        }
    }

    /** Reads {@link #text()}; throws IllegalArgumentException on anything else. */
    static PinholeId parse(String text) {
        if (text.startsWith("pcp:")) {
            return new PcpNonce(MappingNonce.fromHex(text.substring(4)));
        }
        if (!text.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("not a pinhole id: " + text);
        }
        return new UniqueId(Integer.parseInt(text));
    }
}
