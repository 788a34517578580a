package net.portforward.engine.pcp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.portcontrol.UnusableAnswerException;

/**
 * PCP version 2 messages byte by byte (RFC 6887 sections 7 and 11.1). Every field is big-endian;
 * every address is 128 bits, an IPv4 address as ::ffff:a.b.c.d (section 5).
 * <pre>
 * request header   version 2 | R=0, opcode (7) | reserved (16) | requested lifetime (32)
 *                  | client IP address (128)                                     = 24 bytes
 * answer header    version 2 | R=1, opcode (7) | reserved (8) | result code (8) | lifetime (32)
 *                  | epoch time (32) | reserved (96)                             = 24 bytes
 * MAP data         mapping nonce (96) | protocol (8) | reserved (24) | internal port (16)
 *                  | suggested / assigned external port (16)
 *                  | suggested / assigned external address (128)               = 36 bytes
 * </pre>
 * ANNOUNCE has no opcode data. Options, which PortForward does not send, would follow the opcode
 * data; they are ignored in answers.
 */
public final class PcpWire {
    public static final int VERSION = 2;
    public static final int OPCODE_ANNOUNCE = 0;
    public static final int OPCODE_MAP = 1;
    /** The R bit, set in the opcode of every answer. */
    public static final int RESPONSE_BIT = 0x80;
    public static final int HEADER_LENGTH = 24;
    public static final int MAP_DATA_LENGTH = 36;
    public static final int MAX_LENGTH = 1100;
    public static final int PROTOCOL_TCP = 6;
    public static final int PROTOCOL_UDP = 17;
    public static final long MAX_LIFETIME_SECONDS = 0xFFFF_FFFFL;
    /** NAT-PMP's header: what a NAT-PMP-only gateway answers a PCP request with (RFC 6886 section 3.5). */
    static final int NAT_PMP_HEADER_LENGTH = 8;

    private PcpWire() {
    }

    /**
     * What a datagram from a PCP server said, once it passed the checks every answer must pass.
     *
     * @param version 2, or what a server that speaks another version put there (0 for NAT-PMP)
     * @param opcode without the R bit
     * @param lifetimeSeconds the granted lifetime, or for an error how long the error holds
     * @param map the MAP data when the answer is a MAP answer long enough to carry it
     */
    public record Answer(int version, int opcode, int resultCode, long lifetimeSeconds, long epoch,
                         Optional<MapData> map) {
    }

    /** A MAP answer's opcode data; the nonce, protocol and internal port are the request's own. */
    public record MapData(MappingNonce nonce, int protocolNumber, int internalPort, int externalPort,
                          InetAddress externalAddress) {
    }

    /** ANNOUNCE: a probe, and the way to learn the server's epoch (section 14.1). */
    public static byte[] announceRequest(InetAddress client) {
        return header(OPCODE_ANNOUNCE, 0, client, HEADER_LENGTH).array();
    }

    /**
     * MAP (section 11.1). Lifetime 0 deletes the mapping; then the suggested port and address must
     * be zero (section 15, erratum 3621: the all-zeros address of the mapping's family).
     *
     * @param client this computer's address, the mapping's internal address (no THIRD_PARTY option)
     * @param suggestedExternalAddress empty for "no preference", the all-zeros address of the
     *                                 client's family
     */
    public static byte[] mapRequest(InetAddress client, long lifetimeSeconds, MappingNonce nonce, int protocolNumber,
                                    int internalPort, int suggestedExternalPort,
                                    Optional<InetAddress> suggestedExternalAddress) {
        if (lifetimeSeconds < 0 || lifetimeSeconds > MAX_LIFETIME_SECONDS) {
            throw new IllegalArgumentException("lifetime " + lifetimeSeconds + " s");
        }
        if (protocolNumber < 0 || protocolNumber > 255) {
            throw new IllegalArgumentException("protocol " + protocolNumber);
        }
        if (internalPort < 0 || internalPort > 65535 || suggestedExternalPort < 0 || suggestedExternalPort > 65535) {
            throw new IllegalArgumentException("ports " + internalPort + ", " + suggestedExternalPort);
        }
        InetAddress external = suggestedExternalAddress.orElse(allZeros(client));
        return header(OPCODE_MAP, lifetimeSeconds, client, HEADER_LENGTH + MAP_DATA_LENGTH)
                .put(nonce.bytes())
                .put((byte) protocolNumber)
                .put(new byte[3])
                .putShort((short) internalPort)
                .putShort((short) suggestedExternalPort)
                .put(address16(external))
                .array();
    }

    public static int protocolNumber(Protocol protocol) {
        return protocol == Protocol.UDP ? PROTOCOL_UDP : PROTOCOL_TCP;
    }

    /**
     * Reads an answer.
     *
     * @throws UnusableAnswerException (malformed) when it is too short or long, not a multiple of
     *                                 4 bytes (section 7), or has no R bit
     */
    public static Answer decode(byte[] data, int length) throws UnusableAnswerException {
        if (length < NAT_PMP_HEADER_LENGTH) {
            throw UnusableAnswerException.malformed(length + " bytes, too short for any answer");
        }
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        int version = b.get() & 0xFF;
        int op = b.get() & 0xFF;
        if ((op & RESPONSE_BIT) == 0) {
            throw UnusableAnswerException.malformed("opcode " + op + " without the R bit");
        }
        int opcode = op & ~RESPONSE_BIT;
        if (version == 0) {
            // NAT-PMP's layout: 16-bit result code, then the epoch; no lifetime.
            int result = b.getShort() & 0xFFFF;
            return new Answer(0, opcode, result, 0, b.getInt() & 0xFFFF_FFFFL, Optional.empty());
        }
        if (length < HEADER_LENGTH || length > MAX_LENGTH || length % 4 != 0) {
            throw UnusableAnswerException.malformed(length + " bytes is no PCP message length");
        }
        b.get(); // reserved
        int result = b.get() & 0xFF;
        long lifetime = b.getInt() & 0xFFFF_FFFFL;
        long epoch = b.getInt() & 0xFFFF_FFFFL;
        b.position(HEADER_LENGTH);
        Optional<MapData> map = Optional.empty();
        if (opcode == OPCODE_MAP && length >= HEADER_LENGTH + MAP_DATA_LENGTH) {
            byte[] nonce = new byte[MappingNonce.LENGTH];
            b.get(nonce);
            int protocol = b.get() & 0xFF;
            b.position(b.position() + 3);
            int internalPort = b.getShort() & 0xFFFF;
            int externalPort = b.getShort() & 0xFFFF;
            byte[] address = new byte[16];
            b.get(address);
            map = Optional.of(new MapData(MappingNonce.of(nonce), protocol, internalPort, externalPort, address(address)));
        }
        return new Answer(version, opcode, result, lifetime, epoch, map);
    }

    /** The 128-bit form: IPv4 as ::ffff:a.b.c.d (section 5), IPv6 as it is (without scope). */
    public static byte[] address16(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    /** Reads a 128-bit address; an IPv4-mapped one becomes the IPv4 address. */
    public static InetAddress address(byte[] sixteen) {
        try {
            boolean mapped = sixteen[10] == (byte) 0xFF && sixteen[11] == (byte) 0xFF;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = sixteen[i] == 0;
            }
            if (mapped) {
                return InetAddress.getByAddress(new byte[] {sixteen[12], sixteen[13], sixteen[14], sixteen[15]});
            }
            return Inet6Address.getByAddress(null, sixteen, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an address", e);
        }
    }

    /** The all-zeros address of {@code address}'s family: ::ffff:0.0.0.0 or :: (section 5). */
    public static InetAddress allZeros(InetAddress address) {
        try {
            return address instanceof Inet4Address ? InetAddress.getByAddress(new byte[4])
                    : Inet6Address.getByAddress(null, new byte[16], -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ByteBuffer header(int opcode, long lifetimeSeconds, InetAddress client, int length) {
        return ByteBuffer.allocate(length)
                .put((byte) VERSION)
                .put((byte) opcode)
                .putShort((short) 0)
                .putInt((int) lifetimeSeconds)
                .put(address16(client));
    }
}
