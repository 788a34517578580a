package net.portforward.engine.natpmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.natpmp.NatPmpWire.AddressAnswer;
import net.portforward.engine.natpmp.NatPmpWire.MapAnswer;
import net.portforward.engine.natpmp.NatPmpWire.MapBody;
import net.portforward.engine.natpmp.NatPmpWire.OtherAnswer;
import net.portforward.engine.portcontrol.DropReason;
import net.portforward.engine.portcontrol.UnusableAnswerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** NAT-PMP messages against RFC 6886 section 3's layouts, byte by byte. */
class NatPmpWireTest {

    @Test
    void externalAddressRequestIsVersionAndOpcodeOnly() {
        assertArrayEquals(new byte[] {0, 0}, NatPmpWire.externalAddressRequest());
    }

    @Test
    void mappingRequestFieldByField() {
        byte[] r = NatPmpWire.mapRequest(Protocol.TCP, 31050, 31051, 3600);
        assertEquals(12, r.length);
        assertEquals(0, r[0], "version");
        assertEquals(2, r[1], "opcode 2 = TCP");
        assertEquals(0, r[2], "reserved");
        assertEquals(0, r[3], "reserved");
        assertEquals(31050, u16(r, 4), "internal port");
        assertEquals(31051, u16(r, 6), "suggested external port");
        assertEquals(3600, u32(r, 8), "requested lifetime");
        assertArrayEquals(new byte[] {0, 2, 0, 0, 0x79, 0x4A, 0x79, 0x4B, 0, 0, 0x0E, 0x10}, r);
    }

    @Test
    void udpIsOpcodeOneAndTheLargestLifetimeFits() {
        byte[] r = NatPmpWire.mapRequest(Protocol.UDP, 65535, 0, 0xFFFF_FFFFL);
        assertEquals(1, r[1]);
        assertEquals(65535, u16(r, 4));
        assertEquals(0, u16(r, 6));
        assertEquals(0xFFFF_FFFFL, u32(r, 8));
    }

    @Test
    void removalIsLifetimeAndSuggestedPortZero() {
        // RFC 6886 section 3.4: suggested external port and lifetime zero delete the mapping.
        assertArrayEquals(new byte[] {0, 1, 0, 0, 0x1F, (byte) 0x90, 0, 0, 0, 0, 0, 0},
                NatPmpWire.mapRequest(Protocol.UDP, 8080, 0, 0));
    }

    @Test
    void outOfRangeValuesAreRefusedBeforeAnythingIsSent() {
        assertThrows(IllegalArgumentException.class, () -> NatPmpWire.mapRequest(Protocol.TCP, 0, 0, 60));
        assertThrows(IllegalArgumentException.class, () -> NatPmpWire.mapRequest(Protocol.TCP, 65536, 0, 60));
        assertThrows(IllegalArgumentException.class, () -> NatPmpWire.mapRequest(Protocol.TCP, 80, -1, 60));
        assertThrows(IllegalArgumentException.class, () -> NatPmpWire.mapRequest(Protocol.TCP, 80, 80, -1));
        assertThrows(IllegalArgumentException.class, () -> NatPmpWire.mapRequest(Protocol.TCP, 80, 80, 0x1_0000_0000L));
    }

    @Test
    void externalAddressAnswer() throws Exception {
        // epoch 2102 (what the lab's miniupnpd said right after it started), 25.77.0.2
        byte[] a = {0, (byte) 0x80, 0, 0, 0, 0, 0x08, 0x36, 25, 77, 0, 2};
        AddressAnswer answer = (AddressAnswer) NatPmpWire.decode(a, a.length);
        assertEquals(new AddressAnswer(0, 2102, Optional.of(InetAddress.getByName("25.77.0.2"))), answer);
    }

    @Test
    void mappingAnswer() throws Exception {
        byte[] a = {0, (byte) 0x82, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                0x79, 0x4A, (byte) 0xC3, 0x50, 0, 0, 0x1C, 0x20};
        assertEquals(new MapAnswer(Protocol.TCP, 0, 0xFFFF_FFFFL, Optional.of(new MapBody(31050, 50000, 7200))),
                NatPmpWire.decode(a, a.length));
        a[1] = (byte) 0x81;
        assertEquals(Protocol.UDP, ((MapAnswer) NatPmpWire.decode(a, a.length)).protocol());
    }

    @ParameterizedTest
    @EnumSource(NatPmpResultCode.class)
    void everyResultCodeOfAnAddressAnswer(NatPmpResultCode code) throws Exception {
        byte[] a = {0, (byte) 0x80, 0, (byte) code.code(), 0, 0, 0, 9, 25, 77, 0, 2};
        AddressAnswer answer = (AddressAnswer) NatPmpWire.decode(a, a.length);
        assertEquals(code.code(), answer.resultCode());
        assertEquals(Optional.of(code), NatPmpResultCode.of(answer.resultCode()));
        assertEquals(9, answer.epoch());
        // RFC 6886 section 3.2: the address of an error answer MUST be ignored.
        assertEquals(code == NatPmpResultCode.SUCCESS, answer.address().isPresent());
    }

    @ParameterizedTest
    @EnumSource(value = NatPmpResultCode.class, names = "SUCCESS", mode = EnumSource.Mode.EXCLUDE)
    void everyErrorCodeOfAMappingAnswerWithAndWithoutBody(NatPmpResultCode code) throws Exception {
        byte[] full = {0, (byte) 0x81, 0, (byte) code.code(), 0, 0, 0, 9, 0x1F, (byte) 0x90, 0, 0, 0, 0, 0, 60};
        MapAnswer withBody = (MapAnswer) NatPmpWire.decode(full, full.length);
        assertEquals(code.code(), withBody.resultCode());
        assertEquals(Optional.of(new MapBody(8080, 0, 60)), withBody.body());
        // An unsupported version is answered with the 8-byte header only (RFC 6886 section 3.5).
        MapAnswer headerOnly = (MapAnswer) NatPmpWire.decode(full, 8);
        assertEquals(code.code(), headerOnly.resultCode());
        assertEquals(Optional.empty(), headerOnly.body());
    }

    @Test
    void resultCodesAreSixteenBitsAndTheEnumHoldsRfc6886s() {
        assertEquals(List.of(0, 1, 2, 3, 4, 5), java.util.Arrays.stream(NatPmpResultCode.values())
                .map(NatPmpResultCode::code).toList());
        assertEquals(Optional.empty(), NatPmpResultCode.of(6));
        byte[] a = {0, (byte) 0x80, (byte) 0xFF, (byte) 0xFE, 0, 0, 0, 1};
        assertEquals(0xFFFE, assertDecodes(a).resultCode());
    }

    @Test
    void anOpcodeThisClientNeverSendsIsNoAddressOrMappingAnswer() throws Exception {
        byte[] a = {0, (byte) 0x85, 0, 5, 0, 0, 0, 1};
        assertEquals(new OtherAnswer(5, 5, 1), NatPmpWire.decode(a, a.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"too short", "version 2", "no response bit", "success address without address",
            "success mapping without body"})
    void malformedAnswers(String what) {
        byte[] a = switch (what) {
            case "too short" -> new byte[] {0, (byte) 0x80, 0, 0, 0, 0, 1};
            case "version 2" -> new byte[] {2, (byte) 0x80, 0, 0, 0, 0, 0, 1, 25, 77, 0, 2};
            case "no response bit" -> new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 25, 77, 0, 2};
            case "success address without address" -> new byte[] {0, (byte) 0x80, 0, 0, 0, 0, 0, 1};
            default -> new byte[] {0, (byte) 0x82, 0, 0, 0, 0, 0, 1, 0x1F, (byte) 0x90, 0, 0};
        };
        UnusableAnswerException e = assertThrows(UnusableAnswerException.class, () -> NatPmpWire.decode(a, a.length));
        assertEquals(DropReason.MALFORMED, e.reason(), e::getMessage);
    }

    @Test
    void onlyTheGivenLengthIsRead() throws Exception {
        // A buffer larger than the datagram: the bytes after it are none of the answer's.
        byte[] buffer = new byte[1101];
        byte[] a = {0, (byte) 0x80, 0, 0, 0, 0, 0, 1};
        System.arraycopy(a, 0, buffer, 0, a.length);
        buffer[8] = 1;
        assertThrows(UnusableAnswerException.class, () -> NatPmpWire.decode(buffer, a.length));
        assertTrue(NatPmpWire.decode(buffer, 12) instanceof AddressAnswer);
    }

    private static NatPmpWire.Answer assertDecodes(byte[] a) {
        try {
            return NatPmpWire.decode(a, a.length);
        } catch (UnusableAnswerException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }
}
