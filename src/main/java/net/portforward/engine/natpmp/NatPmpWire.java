package net.portforward.engine.natpmp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.portcontrol.UnusableAnswerException;

/**
 * NAT-PMP messages byte by byte (RFC 6886 section 3). Every field is big-endian.
 * <pre>
 * external address request   version 0 | opcode 0
 * external address answer    version 0 | opcode 128 | result (16) | epoch (32) | address (32)
 * mapping request            version 0 | opcode 1 UDP, 2 TCP | reserved (16) | internal port (16)
 *                            | suggested external port (16) | requested lifetime s (32)
 * mapping answer             version 0 | opcode 128+1, 128+2 | result (16) | epoch (32)
 *                            | internal port (16) | mapped external port (16) | lifetime s (32)
 * </pre>
 */
public final class NatPmpWire {
    public static final int VERSION = 0;
    public static final int OPCODE_EXTERNAL_ADDRESS = 0;
    public static final int OPCODE_MAP_UDP = 1;
    public static final int OPCODE_MAP_TCP = 2;
    /** Set in the opcode of every answer. */
    public static final int RESPONSE_BIT = 0x80;
    static final int HEADER_LENGTH = 8;
    static final int ADDRESS_ANSWER_LENGTH = 12;
    static final int MAP_REQUEST_LENGTH = 12;
    static final int MAP_ANSWER_LENGTH = 16;
    public static final long MAX_LIFETIME_SECONDS = 0xFFFF_FFFFL;

    private NatPmpWire() {
    }

    /** What a datagram from a NAT-PMP server said, once it passed the checks every answer must pass. */
    public sealed interface Answer permits AddressAnswer, MapAnswer, OtherAnswer {
        int resultCode();

        /** Seconds since the gateway started its mapping table (RFC 6886 section 3.6). */
        long epoch();
    }

    /** An answer to opcode 0; the address is empty when the result code is not success. */
    public record AddressAnswer(int resultCode, long epoch, Optional<InetAddress> address) implements Answer {
    }

    /**
     * An answer to opcode 1 or 2. An error answer may stop after the 8-byte header (RFC 6886
     * section 3.5: an unsupported version is answered so), then {@code body} is empty.
     */
    public record MapAnswer(Protocol protocol, int resultCode, long epoch, Optional<MapBody> body) implements Answer {
    }

    public record MapBody(int internalPort, int externalPort, long lifetimeSeconds) {
    }

    /** An answer to an opcode this client never sends (the gateway echoing an unknown one, say). */
    public record OtherAnswer(int opcode, int resultCode, long epoch) implements Answer {
    }

    public static byte[] externalAddressRequest() {
        return new byte[] {VERSION, OPCODE_EXTERNAL_ADDRESS};
    }

    /**
     * A mapping request; lifetime 0 with suggested port 0 deletes the mapping of {@code internalPort}
     * (RFC 6886 section 3.4).
     */
    public static byte[] mapRequest(Protocol protocol, int internalPort, int suggestedExternalPort, long lifetimeSeconds) {
        checkPort("internal port", internalPort, 1);
        checkPort("suggested external port", suggestedExternalPort, 0);
        if (lifetimeSeconds < 0 || lifetimeSeconds > MAX_LIFETIME_SECONDS) {
            throw new IllegalArgumentException("lifetime " + lifetimeSeconds + " s");
        }
        return ByteBuffer.allocate(MAP_REQUEST_LENGTH)
                .put((byte) VERSION)
                .put((byte) opcode(protocol))
                .putShort((short) 0)
                .putShort((short) internalPort)
                .putShort((short) suggestedExternalPort)
                .putInt((int) lifetimeSeconds)
                .array();
    }

    public static int opcode(Protocol protocol) {
        return protocol == Protocol.UDP ? OPCODE_MAP_UDP : OPCODE_MAP_TCP;
    }

    /**
     * Reads an answer.
     *
     * @throws UnusableAnswerException (malformed) when it is too short, of another version, has no
     *                                 response bit, or a success answer misses its fields
     */
    public static Answer decode(byte[] data, int length) throws UnusableAnswerException {
        if (length < HEADER_LENGTH) {
            throw UnusableAnswerException.malformed(length + " bytes, fewer than a NAT-PMP header");
        }
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        int version = b.get() & 0xFF;
        int op = b.get() & 0xFF;
        int result = b.getShort() & 0xFFFF;
        long epoch = b.getInt() & 0xFFFF_FFFFL;
        if (version != VERSION) {
            throw UnusableAnswerException.malformed("version " + version);
        }
        if ((op & RESPONSE_BIT) == 0) {
            throw UnusableAnswerException.malformed("opcode " + op + " without the response bit");
        }
        int opcode = op & ~RESPONSE_BIT;
        return switch (opcode) {
            case OPCODE_EXTERNAL_ADDRESS -> addressAnswer(b, length, result, epoch);
            case OPCODE_MAP_UDP, OPCODE_MAP_TCP -> mapAnswer(b, length, opcode == OPCODE_MAP_UDP ? Protocol.UDP
                    : Protocol.TCP, result, epoch);
            default -> new OtherAnswer(opcode, result, epoch);
        };
    }

    private static AddressAnswer addressAnswer(ByteBuffer b, int length, int result, long epoch)
            throws UnusableAnswerException {
        if (result != NatPmpResultCode.SUCCESS.code()) {
            // RFC 6886 section 3.2: the address of an error answer MUST be ignored.
            return new AddressAnswer(result, epoch, Optional.empty());
        }
        if (length < ADDRESS_ANSWER_LENGTH) {
            throw UnusableAnswerException.malformed("external address answer of " + length + " bytes");
        }
        byte[] address = new byte[4];
        b.get(address);
        return new AddressAnswer(result, epoch, Optional.of(ipv4(address)));
    }

    private static MapAnswer mapAnswer(ByteBuffer b, int length, Protocol protocol, int result, long epoch)
            throws UnusableAnswerException {
        if (length < MAP_ANSWER_LENGTH) {
            if (result == NatPmpResultCode.SUCCESS.code()) {
                throw UnusableAnswerException.malformed("mapping answer of " + length + " bytes");
            }
            return new MapAnswer(protocol, result, epoch, Optional.empty());
        }
        int internalPort = b.getShort() & 0xFFFF;
        int externalPort = b.getShort() & 0xFFFF;
        long lifetime = b.getInt() & 0xFFFF_FFFFL;
        return new MapAnswer(protocol, result, epoch, Optional.of(new MapBody(internalPort, externalPort, lifetime)));
    }

    static Inet4Address ipv4(byte[] four) {
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }

    private static void checkPort(String what, int port, int min) {
        if (port < min || port > 65535) {
            throw new IllegalArgumentException(what + " " + port);
        }
    }
}
