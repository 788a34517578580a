package net.portforward.engine.pcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.pcp.PcpWire.Answer;
import net.portforward.engine.pcp.PcpWire.MapData;
import net.portforward.engine.portcontrol.DropReason;
import net.portforward.engine.portcontrol.UnusableAnswerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PCP messages against RFC 6887 sections 7 and 11.1's layouts, byte by byte. */
class PcpWireTest {
    static final HexFormat HEX = HexFormat.of();
    static final MappingNonce NONCE = MappingNonce.fromHex("0102030405060708090a0b0c");

    @Test
    void announceRequestIsTheHeaderAlone() throws Exception {
        byte[] r = PcpWire.announceRequest(InetAddress.getByName("192.168.77.10"));
        assertEquals("02" + "00" + "0000" + "00000000" + "00000000000000000000ffffc0a84d0a", HEX.formatHex(r));
    }

    @Test
    void mapRequestFieldByFieldForAnIpv4Client() throws Exception {
        byte[] r = PcpWire.mapRequest(InetAddress.getByName("192.168.77.10"), 3600, NONCE, PcpWire.PROTOCOL_TCP,
                31050, 31051, Optional.empty());
        assertEquals(60, r.length);
        assertEquals(2, r[0], "version");
        assertEquals(1, r[1], "R=0, opcode MAP");
        assertEquals("0000", hex(r, 2, 4), "reserved");
        assertEquals("00000e10", hex(r, 4, 8), "requested lifetime 3600");
        // Section 5: an IPv4 address travels as ::ffff:a.b.c.d.
        assertEquals("00000000000000000000ffffc0a84d0a", hex(r, 8, 24), "client address");
        assertEquals("0102030405060708090a0b0c", hex(r, 24, 36), "mapping nonce");
        assertEquals(6, r[36], "protocol TCP");
        assertEquals("000000", hex(r, 37, 40), "reserved");
        assertEquals("794a", hex(r, 40, 42), "internal port 31050");
        assertEquals("794b", hex(r, 42, 44), "suggested external port 31051");
        // No preference: the all-zeros address of the client's family, ::ffff:0.0.0.0.
        assertEquals("00000000000000000000ffff00000000", hex(r, 44, 60), "suggested external address");
    }

    @Test
    void mapRequestForAnIpv6ClientAndASuggestedAddress() throws Exception {
        byte[] r = PcpWire.mapRequest(InetAddress.getByName("2001:db8:77::10"), 60, NONCE, PcpWire.PROTOCOL_UDP, 443, 0,
                Optional.empty());
        assertEquals("20010db8007700000000000000000010", hex(r, 8, 24));
        assertEquals(17, r[36]);
        assertEquals("00000000000000000000000000000000", hex(r, 44, 60), "::, IPv6's all-zeros address");

        byte[] s = PcpWire.mapRequest(InetAddress.getByName("192.168.77.10"), 60, NONCE, 6, 443, 443,
                Optional.of(InetAddress.getByName("25.77.0.2")));
        assertEquals("00000000000000000000ffff194d0002", hex(s, 44, 60));
    }

    @Test
    void deleteIsLifetimeZeroWithPortAndAddressZero() throws Exception {
        // Section 15 and erratum 3621: the family's all-zeros address and port 0.
        byte[] r = PcpWire.mapRequest(InetAddress.getByName("192.168.77.10"), 0, NONCE, 6, 31050, 0, Optional.empty());
        assertEquals("00000000", hex(r, 4, 8));
        assertEquals("0000", hex(r, 42, 44));
        assertEquals("00000000000000000000ffff00000000", hex(r, 44, 60));
    }

    @Test
    void protocolNumbersAreIanas() {
        assertEquals(6, PcpWire.protocolNumber(Protocol.TCP));
        assertEquals(17, PcpWire.protocolNumber(Protocol.UDP));
    }

    @Test
    void outOfRangeValuesAreRefused() throws Exception {
        InetAddress c = InetAddress.getByName("192.168.77.10");
        assertThrows(IllegalArgumentException.class, () -> PcpWire.mapRequest(c, -1, NONCE, 6, 1, 1, Optional.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> PcpWire.mapRequest(c, 0x1_0000_0000L, NONCE, 6, 1, 1, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> PcpWire.mapRequest(c, 60, NONCE, 6, 65536, 1, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> PcpWire.mapRequest(c, 60, NONCE, 256, 1, 1, Optional.empty()));
    }

    @Test
    void mapAnswerFieldByField() throws Exception {
        byte[] a = mapAnswer(0, 7200, 2102, "00000000000000000000ffff194d0002", 31050, 50000);
        Answer answer = PcpWire.decode(a, a.length);
        assertEquals(2, answer.version());
        assertEquals(PcpWire.OPCODE_MAP, answer.opcode());
        assertEquals(0, answer.resultCode());
        assertEquals(7200, answer.lifetimeSeconds());
        assertEquals(2102, answer.epoch());
        MapData m = answer.map().orElseThrow();
        assertEquals(NONCE, m.nonce());
        assertEquals(6, m.protocolNumber());
        assertEquals(31050, m.internalPort());
        assertEquals(50000, m.externalPort());
        assertInstanceOf(Inet4Address.class, m.externalAddress());
        assertEquals(InetAddress.getByName("25.77.0.2"), m.externalAddress());
    }

    @Test
    void anIpv6ExternalAddressStaysIpv6() throws Exception {
        byte[] a = mapAnswer(0, 60, 1, "20010db8002500000000000000000002", 443, 443);
        InetAddress x = PcpWire.decode(a, a.length).map().orElseThrow().externalAddress();
        assertInstanceOf(Inet6Address.class, x);
        assertEquals(InetAddress.getByName("2001:db8:25::2"), x);
    }

    @ParameterizedTest
    @EnumSource(PcpResultCode.class)
    void everyResultCode(PcpResultCode code) throws Exception {
        byte[] a = mapAnswer(code.code(), code.shortLived() ? 30 : 0, 77, "00000000000000000000ffff194d0002", 80, 80);
        Answer answer = PcpWire.decode(a, a.length);
        assertEquals(code.code(), answer.resultCode());
        assertEquals(Optional.of(code), PcpResultCode.of(answer.resultCode()));
        assertEquals(77, answer.epoch());
        assertEquals(code.shortLived() ? 30 : 0, answer.lifetimeSeconds(), "an error's lifetime");
    }

    @Test
    void theEnumHoldsRfc6887sCodesAndItsShortLifetimeErrors() {
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13),
                Arrays.stream(PcpResultCode.values()).map(PcpResultCode::code).toList());
        // Section 7.4: NETWORK_FAILURE, NO_RESOURCES and USER_EX_QUOTA are the short lifetime errors.
        assertEquals(List.of(PcpResultCode.NETWORK_FAILURE, PcpResultCode.NO_RESOURCES, PcpResultCode.USER_EX_QUOTA),
                Arrays.stream(PcpResultCode.values()).filter(PcpResultCode::shortLived).toList());
        assertEquals(Optional.empty(), PcpResultCode.of(14));
    }

    @Test
    void announceAnswer() throws Exception {
        byte[] a = HEX.parseHex("02800000" + "00000000" + "00012345" + "000000000000000000000000");
        assertEquals(new Answer(2, PcpWire.OPCODE_ANNOUNCE, 0, 0, 0x12345, Optional.empty()), PcpWire.decode(a, a.length));
    }

    @Test
    void aNatPmpOnlyGatewaysUnsupportedVersionAnswer() throws Exception {
        // RFC 6886 section 3.5: version 0, opcode 128 + 1, 16-bit result 1, epoch; 8 bytes.
        byte[] a = HEX.parseHex("00810001" + "00000100");
        assertEquals(new Answer(0, PcpWire.OPCODE_MAP, 1, 0, 256, Optional.empty()), PcpWire.decode(a, a.length));
    }

    @Test
    void optionsAfterTheMapDataAreIgnoredAndAShortMapAnswerHasNoData() throws Exception {
        byte[] a = Arrays.copyOf(mapAnswer(0, 60, 1, "00000000000000000000ffff194d0002", 80, 80), 64);
        a[60] = (byte) 0x80; // an optional option's code
        assertTrue(PcpWire.decode(a, a.length).map().isPresent());
        byte[] header = Arrays.copyOf(a, 24);
        header[3] = 1;
        assertEquals(Optional.empty(), PcpWire.decode(header, header.length).map());
    }

    @ParameterizedTest
    @ValueSource(strings = {"7 bytes", "23 bytes", "not a multiple of 4", "over 1100 bytes", "no R bit"})
    void malformedAnswers(String what) {
        byte[] good = mapAnswer(0, 60, 1, "00000000000000000000ffff194d0002", 80, 80);
        byte[] a = switch (what) {
            case "7 bytes" -> Arrays.copyOf(good, 7);
            case "23 bytes" -> Arrays.copyOf(good, 23);
            case "not a multiple of 4" -> Arrays.copyOf(good, 62);
            case "over 1100 bytes" -> Arrays.copyOf(good, 1104);
            default -> {
                good[1] = 1;
                yield good;
            }
        };
        UnusableAnswerException e = assertThrows(UnusableAnswerException.class, () -> PcpWire.decode(a, a.length));
        assertEquals(DropReason.MALFORMED, e.reason(), e::getMessage);
    }

    @Test
    void addressesRoundTrip() throws Exception {
        for (String s : List.of("192.168.77.10", "0.0.0.0", "2001:db8:77::10", "::", "::1")) {
            InetAddress x = InetAddress.getByName(s);
            assertEquals(x, PcpWire.address(PcpWire.address16(x)), s);
        }
        assertEquals(InetAddress.getByName("0.0.0.0"), PcpWire.allZeros(InetAddress.getByName("10.0.0.1")));
        assertEquals(InetAddress.getByName("::"), PcpWire.allZeros(InetAddress.getByName("2001:db8::1")));
    }

    /** A MAP answer built by hand from section 11.1's figure, nonce {@link #NONCE}, protocol TCP. */
    static byte[] mapAnswer(int result, long lifetime, long epoch, String externalAddressHex, int internalPort,
                            int externalPort) {
        return ByteBuffer.allocate(60)
                .put((byte) 2).put((byte) 0x81).put((byte) 0).put((byte) result)
                .putInt((int) lifetime).putInt((int) epoch).put(new byte[12])
                .put(NONCE.bytes()).put((byte) 6).put(new byte[3])
                .putShort((short) internalPort).putShort((short) externalPort)
                .put(HEX.parseHex(externalAddressHex))
                .array();
    }

    private static String hex(byte[] b, int from, int to) {
        return HEX.formatHex(b, from, to);
    }
}
